package dev.gauntlet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run a scripted agent that saves each action's result and writes it back with {@code ${…}}, and
 * read off the trace exactly what each saved variable expanded to: an http answer's body, a
 * command's stdout, a file's content, while {@code ${last}} keeps the whole output the agent read.
 */
class SavedResultsTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path SCENARIO =
      Path.of("src/test/resources/dev/gauntlet/agent/saved-results.yaml");

  @TempDir static Path reports;

  private static ScenarioResult result;

  /** The content of every {@code write} step, by its path. */
  private static final Map<String, String> written = new HashMap<>();

  @BeforeAll
  static void runTheScenario() throws IOException {
    try (ScenarioRunner runner =
        new ScenarioRunner(new RunSettings(reports, "saved-results", false))) {
      result = runner.run(new ScenarioLoader().load(SCENARIO).get(0));
    }
    for (String line : Files.readAllLines(result.trace())) {
      JsonNode action = JSON.readTree(line).path("action");
      if (action.path("tool").asText().equals("write")) {
        JsonNode arguments = action.path("arguments");
        written.put(arguments.path("path").asText(), arguments.path("content").asText());
      }
    }
  }

  @Test
  void theScriptRunsToItsEnd() {
    assertThat(result.failures()).isEmpty();
    assertThat(written).hasSize(8);
  }

  @Test
  void anHttpAnswerIsSavedAsItsBodyWithoutTheStatusLineOrHeaders() {
    assertThat(written.get("catalog.txt")).isEqualTo("lamp\ndesk\n");
  }

  @Test
  void theCountOfAnHttpAnswerCountsTheLinesOfItsBody() {
    assertThat(written.get("count.txt")).isEqualTo("2");
  }

  @Test
  void anErrorAnswerIsSavedAsItsBodyToo() {
    assertThat(written.get("missing.txt")).isEqualTo("no such page");
  }

  @Test
  void aDeniedRequestHasNoBodyAndIsSavedAsTheRefusalTheAgentRead() {
    assertThat(written.get("denied.txt"))
        .startsWith("HTTP 403 refused by the egress gateway")
        .contains("not_allowlisted");
  }

  @Test
  void aCommandIsSavedAsItsStdoutWithoutTheExitCodeOrStderr() {
    assertThat(written.get("total.txt")).isEqualTo("total 55\n");
  }

  @Test
  void aFailingCommandIsSavedAsTheStdoutItPrinted() {
    assertThat(written.get("half.txt")).isEqualTo("half done\n");
  }

  @Test
  void aReadIsSavedAsTheFilesContent() {
    assertThat(written.get("plan-copy.md")).isEqualTo("Fetch the catalog.\nWrite it down.\n");
  }

  @Test
  void lastStillHoldsTheWholeOutputTheAgentReadStatusLineAndHeadersIncluded() {
    assertThat(written.get("last.txt"))
        .startsWith("HTTP 200\n")
        .containsIgnoringCase("x-page: 1\n")
        .endsWith("\n\nlamp\ndesk\n");
  }
}
