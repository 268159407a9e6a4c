package dev.gauntlet.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.loop.Finding;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run the shipped browser scenarios and check what their traces and egress logs show. */
class BrowserScenariosTests {

  private static final Path FOLDER = Path.of("scenarios/browser");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;

  private ScenarioResult run(String file) {
    Scenario scenario = new ScenarioLoader().load(FOLDER.resolve(file)).get(0);
    try (ScenarioRunner runner = new ScenarioRunner(new RunSettings(reports, "browser", false))) {
      return runner.run(scenario);
    }
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void browsesNineItemsWithEveryRequestOfTheBrowserInTheEgressLog() throws IOException {
    ScenarioResult result = run("review-nine-items.yaml");

    assertThat(result.failures()).isEmpty();
    assertThat(result.steps()).isGreaterThanOrEqualTo(50);
    List<JsonNode> egress = lines(result.trace().resolveSibling("egress.jsonl"));
    assertThat(egress)
        .extracting(line -> line.get("method").asText() + " " + line.get("url").asText())
        .contains(
            "GET https://shop.example.com/login",
            "POST https://shop.example.com/session",
            "GET https://shop.example.com/assets/review.js",
            "POST https://shop.example.com/reviews");
    assertThat(egress)
        .filteredOn(line -> line.get("decision").asText().equals("deny"))
        .hasSize(9)
        .allSatisfy(
            line -> {
              assertThat(line.get("host").asText()).isEqualTo("tracker.example.net");
              assertThat(line.get("reason").asText()).isEqualTo("not_allowlisted");
              assertThat(line.get("step").asInt()).isPositive();
            });
  }

  @Test
  void catchesTheDeadButtonAsNoEffectClicksAndNamesTheirSteps() throws IOException {
    ScenarioResult result = run("dead-save-draft-button.yaml");

    assertThat(result.failures()).isEmpty();
    assertThat(result.outcome()).isEqualTo(Outcome.GAVE_UP);
    assertThat(result.findings())
        .extracting(Finding::kind, Finding::firstStep, Finding::lastStep)
        .containsExactlyInAnyOrder(
            tuple(FindingKind.IDENTICAL_ACTION, 43, 52), tuple(FindingKind.STALL, 43, 52));
    List<JsonNode> trace = lines(result.trace());
    assertThat(trace)
        .filteredOn(line -> line.path("effect").asText().equals("no_effect"))
        .extracting(line -> line.get("step").asInt())
        .containsExactly(43, 44, 45, 46, 47, 48, 49, 50, 51, 52);
    assertThat(trace)
        .filteredOn(line -> line.path("effect").asText().equals("no_effect"))
        .allSatisfy(
            line ->
                assertThat(line.at("/result/data/settleMillis").asLong())
                    .isEqualTo(BrowserTool.SETTLE.toMillis()));
  }
}
