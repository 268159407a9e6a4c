package dev.gauntlet.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Record a scenario against an "upstream" model server on 127.0.0.1, standing in for the real
 * endpoint, and replay the cassette written beside the scenario.
 */
class RecordCommandTests {

  private static final String FINISH =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
          + "\"type\":\"function\",\"function\":{\"name\":\"finish\",\"arguments\":"
          + "\"{\\\"outcome\\\":\\\"success\\\",\\\"message\\\":\\\"done\\\"}\"}}]},"
          + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":12,"
          + "\"completion_tokens\":4,\"total_tokens\":16}}";

  private static final String OLD_CASSETTE = "[ \"the cassette recorded last week\" ]\n";

  @TempDir Path folder;
  @TempDir Path reports;
  private final WireMockServer upstream =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  @BeforeEach
  void startUpstream() {
    upstream.start();
    upstream.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody(FINISH)));
  }

  @AfterEach
  void stopUpstream() {
    upstream.stop();
  }

  @Test
  void recordWritesTheCassetteBesideTheScenarioAndARunReplaysItWithoutTheUpstream()
      throws IOException {
    Path scenario = scenario("none");

    int recorded = execute("record", scenario.toString(), "--reports", reports.toString());
    upstream.stop();
    int replayed = execute("run", scenario.toString(), "--reports", reports.toString());

    Path cassette = folder.resolve("cassettes/recorded.json");
    assertThat(recorded).isZero();
    assertThat(cassette).exists();
    assertThat(Files.readString(cassette))
        .contains("/v1/chat/completions")
        .contains("equalToJson")
        .contains("done");
    assertThat(replayed).isZero();
  }

  @Test
  void recordOnceKeepsAnExistingCassette() throws IOException {
    Path scenario = scenario("once");
    execute("record", scenario.toString(), "--reports", reports.toString());

    int again =
        execute("record", scenario.toString(), "--mode", "once", "--reports", reports.toString());

    assertThat(again).isZero();
    upstream.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
  }

  @Test
  void aScenarioWithoutAModelCassetteIsRefused() throws IOException {
    Path scenario = folder.resolve("scripted.yaml");
    Files.writeString(scenario, "id: s\nagent: { scripted: [ { list: . } ] }\n");

    assertThat(execute("record", scenario.toString())).isEqualTo(1);
  }

  @Test
  void recordingAnEndpointThatCannotBeReachedFailsInOneSentenceAndKeepsTheOldCassette()
      throws IOException {
    int port = closedPort();
    Path scenario = scenario("all", "http://127.0.0.1:" + port + "/v1", "none");
    Path cassette = oldCassette();

    Output output = run("record", scenario.toString(), "--reports", reports.toString());

    assertThat(output.code()).isEqualTo(1);
    assertThat(output.out())
        .contains(
            "recorded: error after 1 steps; The exchange with the model failed at step 1"
                + " (connection): Step 1: the connection to http://127.0.0.1:"
                + port
                + "/v1/chat/completions failed: Connection refused\n")
        .doesNotContain("cassette at");
    assertThat(output.err())
        .isEqualTo(
            "recorded: no cassette was written; the one at " + cassette + " is unchanged.\n");
    assertThat(output.out() + output.err())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("server_error");
    assertThat(Files.readString(cassette)).isEqualTo(OLD_CASSETTE);
    assertThat(traces())
        .anyMatch(trace -> trace.contains("\"reason\":\"connection\""))
        .noneMatch(trace -> trace.contains("server_error"));
  }

  @Test
  void recordingWithoutTheKeyFailsAndDoesNotClaimTheOldCassette() throws IOException {
    Path scenario =
        scenario(
            "all",
            "http://127.0.0.1:" + upstream.port() + "/v1",
            "{ env: GAUNTLET_RECORD_TESTS_UNSET_KEY }");
    Path cassette = oldCassette();

    Output output = run("record", scenario.toString(), "--reports", reports.toString());

    assertThat(output.code()).isEqualTo(1);
    assertThat(output.out())
        .contains("GAUNTLET_RECORD_TESTS_UNSET_KEY named by agent.model.key is not set")
        .doesNotContain("cassette at");
    assertThat(output.err())
        .isEqualTo(
            "recorded: no cassette was written; the one at " + cassette + " is unchanged.\n");
    assertThat(Files.readString(cassette)).isEqualTo(OLD_CASSETTE);
    upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
  }

  @Test
  void recordOnceSaysItKeptTheCassetteItDidNotNeedToRecord() throws IOException {
    Path scenario = scenario("once");
    Path cassette = oldCassette();

    Output output =
        run("record", scenario.toString(), "--mode", "once", "--reports", reports.toString());

    assertThat(output.code()).isZero();
    assertThat(output.out())
        .contains(
            "recorded: kept the cassette at "
                + cassette
                + "; --mode once records only when there is none.");
    upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
  }

  private List<String> traces() throws IOException {
    try (Stream<Path> files = Files.walk(reports)) {
      List<String> traces = new ArrayList<>();
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        traces.add(Files.readString(file));
      }
      return traces;
    }
  }

  private Path oldCassette() throws IOException {
    Path cassette = folder.resolve("cassettes/recorded.json");
    Files.createDirectories(cassette.getParent());
    Files.writeString(cassette, OLD_CASSETTE);
    return cassette;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private Path scenario(String mode) throws IOException {
    return scenario(mode, "http://127.0.0.1:" + upstream.port() + "/v1", "none");
  }

  private Path scenario(String mode, String baseUrl, String key) throws IOException {
    Path file = folder.resolve("recorded.yaml");
    Files.writeString(
        file,
        "id: recorded\nagent:\n  model:\n    api: openai\n    name: m\n    task: Finish.\n"
            + "    baseUrl: "
            + baseUrl
            + "\n    key: "
            + key
            + "\n"
            + "    cassette: { file: cassettes/recorded.json, record: "
            + mode
            + " }\n");
    return file;
  }

  private static Output run(String... args) {
    CommandLine command = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int code = command.execute(args);
    return new Output(code, out.toString(), err.toString());
  }

  private record Output(int code, String out, String err) {}

  private static int execute(String... args) {
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(new StringWriter()));
    command.setErr(new PrintWriter(new StringWriter()));
    return command.execute(args);
  }
}
