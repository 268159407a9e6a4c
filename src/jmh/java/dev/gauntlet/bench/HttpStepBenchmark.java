package dev.gauntlet.bench;

import dev.gauntlet.network.Exchange;
import dev.gauntlet.network.MockServer;
import dev.gauntlet.network.MockSpec;
import dev.gauntlet.network.Network;
import dev.gauntlet.network.NetworkScope;
import dev.gauntlet.network.Policy;
import dev.gauntlet.network.PolicySpec;
import dev.gauntlet.network.ResponseSpec;
import dev.gauntlet.network.RuleSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time one http request through the egress gateway (policy, rate limit, egress log, forwarding to
 * the mock server) against a direct JDK HttpClient call to the same WireMock stub on 127.0.0.1, in
 * the same run. The direct call carries the two headers every stub of a scope requires, so both
 * reach the same stub and the same response.
 *
 * <p>The scope is opened again for every iteration, so that its egress log and the server's journal
 * stay small.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HttpStepBenchmark {

  private static final String HOST = "api.example.com";
  private static final String PATH = "/items/42";
  private static final String BODY = "{\"id\": 42, \"name\": \"lamp\"}";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @SuppressWarnings("NullAway.Init")
  private MockServer server;

  @SuppressWarnings("NullAway.Init")
  private Network network;

  @SuppressWarnings("NullAway.Init")
  private Path folder;

  @SuppressWarnings("NullAway.Init")
  private NetworkScope scope;

  @SuppressWarnings("NullAway.Init")
  private HttpClient client;

  @SuppressWarnings("NullAway.Init")
  private HttpRequest direct;

  private int iteration;

  @Setup(Level.Trial)
  public void startServer() throws IOException {
    server = MockServer.start();
    folder = Files.createTempDirectory("gauntlet-bench-http");
    Policy policy = Policy.compile(new PolicySpec(List.of(RuleSpec.host(HOST)), List.of()));
    network = Network.of(policy, List.of(MockSpec.of("GET", HOST, PATH, ResponseSpec.status(200, BODY))), folder);
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Setup(Level.Iteration)
  public void openScope() {
    String id = "bench-" + iteration++;
    scope = NetworkScope.open(server, id, network, folder.resolve(id + "-egress.jsonl"));
    direct =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + PATH))
            .header("X-Gauntlet-Scope", id)
            .header("X-Gauntlet-Host", HOST)
            .timeout(TIMEOUT)
            .GET()
            .build();
  }

  @TearDown(Level.Iteration)
  public void closeScope() {
    scope.close();
  }

  @TearDown(Level.Trial)
  public void stopServer() throws IOException {
    server.close();
    Benchmarks.deleteTree(folder);
  }

  @Benchmark
  public Exchange harness() {
    Exchange exchange = scope.send("GET", "https://" + HOST + PATH, Map.of(), null, TIMEOUT);
    if (exchange.status() != 200) {
      throw new IllegalStateException("The gateway answered " + exchange.status());
    }
    return exchange;
  }

  @Benchmark
  public HttpResponse<byte[]> direct() throws IOException, InterruptedException {
    HttpResponse<byte[]> response = client.send(direct, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("The stub answered " + response.statusCode());
    }
    return response;
  }
}
