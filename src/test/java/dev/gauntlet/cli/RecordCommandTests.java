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
import java.nio.file.Files;
import java.nio.file.Path;
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

  private Path scenario(String mode) throws IOException {
    Path file = folder.resolve("recorded.yaml");
    Files.writeString(
        file,
        "id: recorded\nagent:\n  model:\n    api: openai\n    name: m\n    task: Finish.\n"
            + "    baseUrl: http://127.0.0.1:"
            + upstream.port()
            + "/v1\n    key: none\n"
            + "    cassette: { file: cassettes/recorded.json, record: "
            + mode
            + " }\n");
    return file;
  }

  private static int execute(String... args) {
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(new StringWriter()));
    command.setErr(new PrintWriter(new StringWriter()));
    return command.execute(args);
  }
}
