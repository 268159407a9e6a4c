package dev.gauntlet.network;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Give one scenario run its own view of the shared {@link MockServer}: its mocks, its policy, its
 * rate limits, its egress log and the loop's current step. The loop opens one per scenario run,
 * tells it each step with {@link #enterStep(int)}, hands it to the {@link HttpTool}, and closes it
 * at the end, which removes the scenario's stubs and journal entries from the server.
 *
 * <p>The gateway marks every forwarded request with the headers {@code X-Gauntlet-Scope} and {@code
 * X-Gauntlet-Host} (the URL's host), and every stub of the scope requires both; a request no mock
 * matches is answered by the scope's own catch-all stub, so nothing ever passes through.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NetworkScope implements AutoCloseable {

  private final MockServer server;
  private final String id;
  private final Network network;
  private final EgressLog log;
  private final EgressGateway gateway;
  private final List<StubMapping> stubs = new ArrayList<>();
  private final List<MockServer.Live> live = new ArrayList<>();
  private final List<String> unmatched = Collections.synchronizedList(new ArrayList<>());
  private final StubMapping catchAll;
  private volatile int step;
  private boolean closed;

  private NetworkScope(
      MockServer server,
      String id,
      Network network,
      Path egressLog,
      LongSupplier nanoTime,
      Clock clock,
      long seed) {
    this.server = server;
    this.id = id;
    this.network = network;
    server.claim(id);
    this.log = new EgressLog(egressLog);
    for (Mock mock : network.mocks()) {
      StubMapping stub = server.install(mock.withTrialSeed(seed), id);
      stubs.add(stub);
      MockServer.Live installed = server.live(stub.getId());
      if (installed != null) {
        live.add(installed);
      }
    }
    this.catchAll =
        any(anyUrl())
            .atPriority(Integer.MAX_VALUE)
            .withHeader(EgressGateway.SCOPE_HEADER, equalTo(id))
            .withMetadata(Map.of(MockServer.SCOPE_METADATA, id))
            .willReturn(
                aResponse().withStatus(404).withHeader(EgressGateway.NO_MOCK_HEADER, "true"))
            .build();
    server.wireMock().addStubMapping(catchAll);
    this.gateway =
        new EgressGateway(
            server,
            id,
            network.policy(),
            new RateLimits(nanoTime),
            log,
            () -> step,
            clock,
            List.copyOf(stubs),
            unmatched);
  }

  /**
   * Open a scope for one scenario run.
   *
   * @param id unique among the scopes open at once, e.g. the scenario's id and trial number
   * @param egressLog where to write {@code egress.jsonl}, usually beside the trace
   * @throws IllegalStateException when a scope with this id is already open
   */
  public static NetworkScope open(MockServer server, String id, Network network, Path egressLog) {
    return new NetworkScope(server, id, network, egressLog, System::nanoTime, Clock.systemUTC(), 0);
  }

  /**
   * Open a scope for one trial of a scenario: the egress log's times follow the trial's clock (in
   * virtual time, the simulated timeline), and probability faults that name no seed draw from the
   * trial's seed, so that trials fault differently and a rerun with the same seed the same way.
   * Rate limits refill by the same clock: in virtual time an agent that backs off for ten minutes
   * finds its bucket full again, as it would in a real run, without waiting for it.
   *
   * @see #open(MockServer, String, Network, Path)
   */
  public static NetworkScope open(
      MockServer server, String id, Network network, Path egressLog, Clock clock, long seed) {
    return new NetworkScope(server, id, network, egressLog, () -> nanos(clock), clock, seed);
  }

  /** The clock's time in nanoseconds since the epoch, which fits a long until the year 2262. */
  private static long nanos(Clock clock) {
    Instant now = clock.instant();
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
  }

  /**
   * Open a scope whose rate limits read time from {@code nanoTime}, for tests that control time.
   */
  static NetworkScope open(
      MockServer server, String id, Network network, Path egressLog, LongSupplier nanoTime) {
    return new NetworkScope(server, id, network, egressLog, nanoTime, Clock.systemUTC(), 0);
  }

  /** Return the scope's id. */
  public String id() {
    return id;
  }

  /**
   * Tell the scope which step of the loop is running; the egress log records it with each request.
   */
  public void enterStep(int step) {
    this.step = step;
  }

  /** Return the current step. */
  public int step() {
    return step;
  }

  /**
   * Send one request through the egress gateway. Never throws for a denied or failed request: the
   * returned exchange says what happened.
   *
   * @param body the request body, or null for none
   */
  public Exchange send(
      String method,
      String url,
      Map<String, String> headers,
      byte @Nullable [] body,
      Duration timeout) {
    return gateway.send(method, url, headers, body, timeout);
  }

  /**
   * Log a request refused before it could be sent, e.g. a proxy tunnel to a port other than 443,
   * and return the denial the client sees.
   */
  Exchange refuse(String method, String url, @Nullable String host, Verdict verdict) {
    return gateway.refuse(method, url, host, verdict);
  }

  /** Return every request and hop judged so far, in order, as the egress log holds them. */
  public List<EgressRecord> records() {
    return log.records();
  }

  /** Return the egress log's file. */
  public Path egressLog() {
    return log.file();
  }

  /** Return the "no mock" message of every allowed request no mock matched, in order. */
  public List<String> unmatched() {
    synchronized (unmatched) {
      return List.copyOf(unmatched);
    }
  }

  /** Return how many requests each mock has answered, by the mock's label, in definition order. */
  public Map<String, Integer> mockUsage() {
    Map<String, Integer> usage = new LinkedHashMap<>();
    for (MockServer.Live mock : live) {
      usage.merge(mock.mock().label(), mock.requests().get(), Integer::sum);
    }
    return usage;
  }

  /** Return the requests this scope's mocks have seen, from the server's journal. */
  public List<LoggedRequest> journal() {
    return server
        .wireMock()
        .findAll(
            RequestPatternBuilder.allRequests()
                .withHeader(EgressGateway.SCOPE_HEADER, equalTo(id)));
  }

  /** Return the policy the scope judges by. */
  public Policy policy() {
    return network.policy();
  }

  /** Remove the scope's stubs and journal entries from the server and close the egress log. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      for (StubMapping stub : stubs) {
        server.uninstall(stub);
      }
      server.wireMock().removeStubMapping(catchAll);
      server
          .wireMock()
          .removeServeEventsMatching(
              RequestPatternBuilder.allRequests()
                  .withHeader(EgressGateway.SCOPE_HEADER, equalTo(id))
                  .build());
    } finally {
      log.close();
      server.release(id);
    }
  }
}
