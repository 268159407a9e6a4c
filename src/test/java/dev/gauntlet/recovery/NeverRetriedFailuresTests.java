package dev.gauntlet.recovery;

import static dev.gauntlet.expect.GauntletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.network.EgressLog;
import dev.gauntlet.network.EgressRecord;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hold a scripted agent under the default recovery policy ({@code recovery: {}}) to what the README
 * says of a failure that is never retried: a 404 or a policy denial answers only the request that
 * got it, which is not attempted again, and the script goes on with its next action.
 */
class NeverRetriedFailuresTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path SCENARIO =
      Path.of("src/test/resources/dev/gauntlet/recovery/not-found-and-denied.yaml");

  @TempDir static Path reports;

  private static ScenarioResult result;

  @BeforeAll
  static void runTheScenario() {
    try (ScenarioRunner runner =
        new ScenarioRunner(new RunSettings(reports, "never-retried", false).withSeed(11))) {
      result = runner.run(new ScenarioLoader().load(SCENARIO).get(0));
    }
  }

  @Test
  void theScriptGoesOnPastA404AndADenialToItsEnd() throws IOException {
    List<String> tools = new ArrayList<>();
    for (String line : Files.readAllLines(result.trace())) {
      JsonNode step = JSON.readTree(line);
      tools.add(step.at("/action/tool").asText());
    }

    assertThat(result.failures()).isEmpty();
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(tools).containsExactly("http", "http", "http", "write", "finish");
  }

  @Test
  void neitherTheRequestThatGotA404NorTheDeniedOneIsAttemptedAgain() throws IOException {
    List<EgressRecord> egress = EgressLog.read(result.trace().resolveSibling("egress.jsonl"));

    assertThat(egress)
        .extracting(EgressRecord::step, EgressRecord::url, EgressRecord::decision)
        .containsExactly(
            tuple(1, "https://api.shop.example.com/catalog/pages/99", "allow"),
            tuple(2, "https://tracker.example.net/collect", "deny"),
            tuple(3, "https://api.shop.example.com/catalog/pages/1", "allow"));
  }

  @Test
  void theRecoveryAnalysisFindsNothingToFault() {
    assertThat(result.findings()).isEmpty();
    assertThat(result).hasNotRetriedNonRetryable().stayedWithinAttempts();
  }
}
