package dev.gauntlet.network;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Run the one WireMock server that answers every allowed request of an engine run, bound to
 * 127.0.0.1 on a free port. Scenarios share it through their own {@link NetworkScope}, whose stubs
 * and journal entries carry the scope's id, so scenarios never see each other's mocks and may run
 * in parallel.
 *
 * <p>Starting takes about two seconds, so start one per run, not per scenario.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MockServer implements AutoCloseable {

  static final String SCOPE_METADATA = "gauntlet-scope";
  static final String TRANSFORMER = "gauntlet-sequence";

  /** Longer than any timeout the http tool accepts, so a {@code timeout} fault is always one. */
  static final int TIMEOUT_DELAY_MS = (int) HttpTool.MAX_TIMEOUT.toMillis() + 5_000;

  /** A mock installed for one scope, and how many requests it has answered. */
  record Live(Mock mock, String scope, AtomicInteger requests) {}

  /** What answered one request, by the gateway's request id. */
  record Served(String mock, Mock.Reply reply) {

    @Nullable Fault fault() {
      return reply.fault();
    }
  }

  private final Path root;
  private final WireMockServer server;
  private final HttpClient client;
  private final Map<UUID, Live> live = new ConcurrentHashMap<>();
  private final Map<String, Served> served = new ConcurrentHashMap<>();
  private final Set<String> scopes = ConcurrentHashMap.newKeySet();

  private MockServer(Path root) {
    this.root = root;
    this.server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderDirectory(root.toString())
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(4)
                .stubRequestLoggingDisabled(true)
                .notifier(new Slf4jNotifier(false))
                .extensions(new Sequence()));
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Start a server on 127.0.0.1 and a free port. */
  public static MockServer start() {
    Path root;
    try {
      root = Files.createTempDirectory("gauntlet-mocks");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the mock server's folder", e);
    }
    MockServer mocks = new MockServer(root);
    mocks.server.start();
    return mocks;
  }

  /** Return the port the server listens on. */
  public int port() {
    return server.port();
  }

  /** Stop the server. */
  @Override
  public void close() {
    server.stop();
    try {
      Files.deleteIfExists(root);
    } catch (IOException e) {
      // An empty temporary folder left behind harms nothing.
    }
  }

  WireMockServer wireMock() {
    return server;
  }

  HttpClient client() {
    return client;
  }

  void claim(String scope) {
    if (!scopes.add(scope)) {
      throw new IllegalStateException("the network scope '" + scope + "' is already open");
    }
  }

  void release(String scope) {
    scopes.remove(scope);
  }

  StubMapping install(Mock mock, String scope) {
    StubMapping stub = mock.mapping(scope, TRANSFORMER).build();
    live.put(stub.getId(), new Live(mock, scope, new AtomicInteger()));
    server.addStubMapping(stub);
    return stub;
  }

  void uninstall(StubMapping stub) {
    server.removeStubMapping(stub);
    live.remove(stub.getId());
  }

  @Nullable Live live(UUID stub) {
    return live.get(stub);
  }

  @Nullable Served takeServed(String requestId) {
    return served.remove(requestId);
  }

  /** Answer each request from its mock's sequence and fault schedules. */
  private final class Sequence implements ResponseDefinitionTransformerV2 {

    @Override
    public String getName() {
      return TRANSFORMER;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      Live mock = live.get(event.getStubMapping().getId());
      if (mock == null) {
        return event.getResponseDefinition();
      }
      HttpHeader id = event.getRequest().getHeaders().getHeader(EgressGateway.REQUEST_HEADER);
      if (!id.isPresent()) {
        return response(next(mock, event));
      }
      // WireMock may transform one request more than once; only the first may advance the sequence.
      Served answer =
          served.computeIfAbsent(
              id.firstValue(), key -> new Served(mock.mock().label(), next(mock, event)));
      return response(answer.reply());
    }

    private Mock.Reply next(Live mock, ServeEvent event) {
      int request = mock.requests().incrementAndGet();
      int step = step(event.getRequest().getHeaders().getHeader(EgressGateway.STEP_HEADER));
      return mock.mock().reply(request, step);
    }

    private int step(HttpHeader header) {
      try {
        return header.isPresent() ? Integer.parseInt(header.firstValue()) : 0;
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    private ResponseDefinition response(Mock.Reply reply) {
      ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition();
      Fault fault = reply.fault();
      if (fault == Fault.TIMEOUT) {
        return response.withStatus(200).withFixedDelay(TIMEOUT_DELAY_MS).build();
      }
      if (fault != null) {
        return response.withFault(wireMockFault(fault)).build();
      }
      response = response.withStatus(reply.status()).withBody(reply.body());
      for (Map.Entry<String, String> header : reply.headers().entrySet()) {
        response = response.withHeader(header.getKey(), header.getValue());
      }
      if (reply.delayMs() > 0) {
        response = response.withFixedDelay(reply.delayMs());
      }
      return response.build();
    }

    private com.github.tomakehurst.wiremock.http.Fault wireMockFault(Fault fault) {
      return switch (fault) {
        case CONNECTION_RESET ->
            com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER;
        case EMPTY_RESPONSE -> com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE;
        case MALFORMED_CHUNK -> com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK;
        case RANDOM_DATA_THEN_CLOSE ->
            com.github.tomakehurst.wiremock.http.Fault.RANDOM_DATA_THEN_CLOSE;
        case TIMEOUT -> throw new IllegalStateException("a timeout is a delay, not a fault");
      };
    }
  }
}
