package dev.gauntlet.network;

import dev.gauntlet.agent.model.ModelCallException;
import dev.gauntlet.agent.model.ModelTransport;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apiguardian.api.API;

/**
 * Send a model agent's requests through the egress gateway of a {@link NetworkScope}, as the {@code
 * http} tool's go: judged by the policy and its rate limits, answered by the scenario's mocks, and
 * logged in the egress log under the step that made them. The egress log holds no headers, so the
 * key the agent sends never reaches it.
 *
 * <p>A denial and a request no mock matches are refused, since asking again gets the same answer; a
 * reset, an empty or malformed answer, or a timeout is a failed connection, which the recovery
 * policy may retry.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class GatewayTransport implements ModelTransport {

  private final NetworkScope scope;
  private final Clock clock;

  /**
   * Create the transport of one scenario run.
   *
   * @param clock the run's clock, which an HTTP-date {@code Retry-After} is read against
   */
  public GatewayTransport(NetworkScope scope, Clock clock) {
    this.scope = scope;
    this.clock = clock;
  }

  @Override
  public Answer send(Request request) throws IOException {
    scope.enterStep(request.step());
    String url = request.uri().toString();
    Exchange exchange =
        scope.send("POST", url, request.headers(), request.body(), request.timeout());
    if (!exchange.verdict().allowed()) {
      throw new Refused(
          ModelCallException.Kind.DENIED,
          "the network policy denied POST "
              + exchange.url()
              + " ("
              + exchange.verdict().code()
              + "): "
              + exchange.message());
    }
    String error = exchange.error();
    if (error != null) {
      if (error.equals("no_mock")) {
        throw new Refused(ModelCallException.Kind.REJECTED, exchange.message());
      }
      if (error.equals("timeout")) {
        throw new HttpTimeoutException(exchange.message());
      }
      throw new IOException(exchange.message());
    }
    return new Answer(
        exchange.status(),
        HttpHeaders.of(exchange.headers(), (name, value) -> true),
        new String(exchange.body(), StandardCharsets.UTF_8),
        clock.instant());
  }
}
