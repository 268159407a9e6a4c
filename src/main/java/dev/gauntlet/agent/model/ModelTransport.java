package dev.gauntlet.agent.model;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Carry a model agent's requests to its API and bring back the answers. By default an agent sends
 * them with its own JDK HTTP client; in a scenario with a {@code network} section the runner hands
 * it one that goes through the scenario's egress gateway, so that the policy, the rate limits, the
 * mocks and the egress log apply to model calls as to the {@code http} tool.
 *
 * <p>A transport never retries: the recovery policy is what retries, and every attempt is measured.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ModelTransport {

  /**
   * Send one POST and return the answer, whatever its status.
   *
   * @throws HttpTimeoutException when no complete answer came within the request's timeout
   * @throws Refused when the request was stopped on its way and no server saw it
   * @throws IOException when no answer came: the connection could not be made or broke
   * @throws InterruptedException when the thread was interrupted while waiting
   */
  Answer send(Request request) throws IOException, InterruptedException;

  /**
   * One request to the model's API.
   *
   * @param step the step of the loop the request is made in
   * @param uri the endpoint
   * @param headers the request headers, the key among them
   * @param body the JSON body
   * @param timeout the longest wait for the whole answer, body included
   */
  record Request(int step, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {}

  /**
   * The answer of the API.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the body, read as UTF-8
   * @param time when the answer came, on the clock an HTTP-date {@code Retry-After} is read against
   */
  record Answer(int status, HttpHeaders headers, String body, Instant time) {}

  /**
   * Say that a request was stopped before any server saw it, e.g. denied by the network policy, so
   * that asking again gets the same answer.
   */
  final class Refused extends IOException {

    private static final long serialVersionUID = 1L;

    private final ModelCallException.Kind kind;

    /**
     * Create the refusal.
     *
     * @param kind {@link ModelCallException.Kind#DENIED} for a policy's denial, else {@link
     *     ModelCallException.Kind#REJECTED}
     * @param message one sentence naming the request and why it was stopped
     */
    public Refused(ModelCallException.Kind kind, String message) {
      super(message);
      this.kind = kind;
    }

    /** Return what kind of failure the agent reports. */
    public ModelCallException.Kind kind() {
      return kind;
    }
  }
}
