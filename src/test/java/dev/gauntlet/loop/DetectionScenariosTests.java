package dev.gauntlet.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hold the shipped detection scenarios to what agent-failures.md asks of each row. */
class DetectionScenariosTests {

  private static final Path FOLDER = Path.of("scenarios/detection");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "failing-test-fixed",
        "lint-once",
        "write-once",
        "within-the-step-cap",
        "read-each-page",
        "polling-a-running-job",
        "non-interactive-release"
      })
  void everyWellBehavedTwinPassesWithNoDetectorFiring(String id) {
    ScenarioResult result = run(id);

    assertThat(result.failures()).as(id).isEmpty();
    assertThat(result.findings()).as(id).isEmpty();
  }

  @Test
  void theRepeatedFailingCheckIsAnIdenticalFailingActionLoopAtItsSteps() {
    ScenarioResult result = run("failing-test-loop");

    assertThat(result.failures()).isEmpty();
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.kind()).isEqualTo(FindingKind.IDENTICAL_FAILING_ACTION);
              assertThat(finding.firstStep()).isEqualTo(49);
              assertThat(finding.lastStep()).isEqualTo(55);
              assertThat(finding.evidence()).contains("sh check.sh").contains("exit_code");
            });
  }

  @Test
  void theLintRerunAfterSuccessIsAnIdenticalActionLoopAndAStall() {
    ScenarioResult result = run("lint-after-success");

    assertThat(result.failures()).isEmpty();
    assertThat(result.findings())
        .extracting(Finding::kind, Finding::firstStep, Finding::lastStep)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(FindingKind.IDENTICAL_ACTION, 49, 59),
            org.assertj.core.groups.Tuple.tuple(FindingKind.STALL, 50, 59));
  }

  @Test
  void rewritingTheSameContentIsAStall() {
    ScenarioResult result = run("rewrite-same-content");

    assertThat(result.failures()).isEmpty();
    assertThat(result.findings(FindingKind.STALL))
        .singleElement()
        .satisfies(stall -> assertThat(stall.evidence()).contains("write").contains("report.md"));
  }

  @Test
  void theStepCapIsEnforcedByTheLoopAtTheCap() {
    ScenarioResult result = run("past-the-step-cap");

    assertThat(result.failures()).isEmpty();
    assertThat(result.outcome()).isEqualTo(Outcome.BUDGET_EXHAUSTED);
    assertThat(result.steps()).isEqualTo(60);
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void goingBackAndForthIsACycleOfTwoSteps() {
    ScenarioResult result = run("back-and-forth");

    assertThat(result.failures()).isEmpty();
    assertThat(result.findings(FindingKind.CYCLE))
        .singleElement()
        .satisfies(
            cycle -> {
              assertThat(cycle.firstStep()).isEqualTo(49);
              assertThat(cycle.lastStep()).isEqualTo(56);
              assertThat(cycle.evidence()).contains("docs/index.md").contains("docs/install.md");
            });
  }

  @Test
  void pollingAJobWhoseStatusChangesIsNoLoopAndTakesSimulatedTimeOnly() throws IOException {
    ScenarioResult result = run("polling-a-running-job");

    assertThat(result.findings()).isEmpty();
    assertThat(result.simulatedTime()).hasMinutes(12);
    List<JsonNode> lines = traceLines(result.trace());
    assertThat(lines.get(2).get("simMillis").asDouble()).isEqualTo(30_000.0);
    assertThat(lines.get(lines.size() - 1).get("simMillis").asDouble()).isEqualTo(720_000.0);
  }

  @Test
  void pollingAStuckJobIsACycleAndAStall() {
    ScenarioResult result = run("polling-a-stuck-job");

    assertThat(result.failures()).isEmpty();
    assertThat(result.findings())
        .extracting(Finding::kind)
        .containsExactlyInAnyOrder(FindingKind.CYCLE, FindingKind.STALL);
  }

  @Test
  void anInteractivePromptIsStoppedAtTheActDeadlineAndItsStepMarkedTimedOut() throws IOException {
    ScenarioResult result = run("interactive-prompt");

    assertThat(result.failures()).isEmpty();
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            deadline -> {
              assertThat(deadline.kind()).isEqualTo(FindingKind.DEADLINE);
              assertThat(deadline.stage()).isEqualTo(Stage.ACT);
              assertThat(deadline.firstStep()).isEqualTo(50);
            });
    JsonNode hung = traceLines(result.trace()).get(49);
    assertThat(hung.get("timedOut").asText()).isEqualTo("act");
    assertThat(hung.at("/result/data/killed").asBoolean()).isTrue();
    assertThat(hung.get("findings").get(0).get("kind").asText()).isEqualTo("deadline");
  }

  private ScenarioResult run(String id) {
    Scenario scenario = new ScenarioLoader().load(FOLDER.resolve(id + ".yaml")).get(0);
    return new ScenarioRunner(new RunSettings(reports, "detection", false)).run(scenario);
  }

  static List<JsonNode> traceLines(Path trace) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(trace)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }
}
