package dev.gauntlet.recovery;

import static dev.gauntlet.expect.GauntletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.loop.Finding;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.loop.Trials;
import dev.gauntlet.report.PassRate;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hold the shipped recovery scenarios (rows 1, 2, 3 and 11 of agent-failures.md, and twelve minutes
 * of simulated outage, met by a scripted agent and by a mocked model) to what they promise, from
 * the trace and the egress log.
 */
class RecoveryScenariosTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path reports;

  private static ScenarioRunner runner;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @BeforeAll
  static void startRunner() {
    runner = new ScenarioRunner(new RunSettings(reports, "recovery", false).withSeed(11));
  }

  @AfterAll
  static void stopRunner() {
    runner.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "detection/rate-limit-retried",
        "detection/retry-after-honoured",
        "detection/context-length-surfaced",
        "detection/outage-gave-up",
        "network/model-outage-recovered",
        "model/plan-openai-outage"
      })
  void everyWellBehavedTwinPassesWithNoFinding(String id) {
    ScenarioResult result = run(id);

    assertThat(result.failures()).as(id).isEmpty();
    assertThat(result.findings()).as(id).isEmpty();
  }

  @Test
  void givingUpOnTheFirst429IsReportedAsNoRetryAtItsStep() {
    ScenarioResult result = run("detection/rate-limit-gave-up-at-once");

    assertThat(result.failures()).isEmpty();
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.kind()).isEqualTo(FindingKind.NOT_RETRIED);
              assertThat(finding.firstStep()).isEqualTo(49);
              assertThat(finding.evidence())
                  .startsWith("no retry happened although HTTP 429 is retryable");
            });
  }

  @Test
  void retryingSoonerThanRetryAfterIsReportedWithTheActualGaps() {
    ScenarioResult result = run("detection/retry-after-ignored");

    assertThat(result.failures()).isEmpty();
    assertThat(result.findings(FindingKind.RETRY_AFTER_IGNORED))
        .singleElement()
        .extracting(Finding::evidence)
        .asString()
        .contains("at steps 51, 53, 55, 57, 59")
        .contains("step 51 at 0.100 s (+0.100 s): HTTP 429, Retry-After 2.000 s")
        .contains("step 59 at 0.500 s (+0.100 s): HTTP 200");
  }

  @Test
  void retryingAContextLengthErrorIsReportedWithEveryAttempt() {
    ScenarioResult result = run("detection/context-length-retried");

    assertThat(result.failures()).isEmpty();
    assertThat(result.findings(FindingKind.NON_RETRYABLE_RETRIED))
        .singleElement()
        .extracting(Finding::evidence)
        .asString()
        .contains("10 attempts:")
        .contains("step 58 at 0.000 s (+0.000 s): HTTP 400 context_length_exceeded");
  }

  @Test
  void retryingAnOutageForeverIsBeyondTheLimitFlatAndHidden() {
    ScenarioResult result = run("detection/outage-retried-forever");

    assertThat(result.failures()).isEmpty();
    assertThat(result.outcome()).isEqualTo(Outcome.BUDGET_EXHAUSTED);
    assertThat(result.findings())
        .extracting(Finding::kind)
        .containsExactlyInAnyOrder(
            FindingKind.CYCLE,
            FindingKind.BEYOND_ATTEMPTS,
            FindingKind.FLAT_BACKOFF,
            FindingKind.ERROR_HIDDEN);
  }

  @Test
  void theWellBehavedOutageTwinGivesUpAfterFiveAttemptsNamingTheError() {
    ScenarioResult result = run("detection/outage-gave-up");

    assertThat(result)
        .hasOutcome(Outcome.GAVE_UP)
        .hasRetried()
        .hasGrowingBackoff()
        .stayedWithinAttempts()
        .surfacedTheError();
    assertThat(result.message())
        .isEqualTo(
            "Gave up on POST https://api.model.example.com/v1/chat/completions: 5 attempts made,"
                + " the policy's limit; the last failed with HTTP 503.");
  }

  @Test
  void tenMinutesOfBackoffPassInSimulatedTime() throws IOException {
    ScenarioResult result = run("network/model-outage-recovered");

    assertThat(result).passed().hasRecoveredWithBackoff().honouredRetryAfter();
    assertThat(result.simulatedTime()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
    List<JsonNode> egress = lines(result.trace().resolveSibling("egress.jsonl"));
    assertThat(egress.get(0).get("time").asText()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(egress.get(1).get("time").asText()).isEqualTo("2030-01-01T00:05:00Z");
  }

  @Test
  void theAssertionEntryPointFailsWithEachAttemptsTimeGapAndStatus() {
    ScenarioResult result = run("detection/retry-after-ignored");

    assertThatThrownBy(() -> assertThat(result).honouredRetryAfter())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to wait as long as each Retry-After asked")
        .hasMessageContaining("but the recovery analysis found:")
        .hasMessageContaining("step 49 at 0.000 s: HTTP 429, Retry-After 2.000 s")
        .hasMessageContaining("step 53 at 0.200 s (+0.100 s): HTTP 429, Retry-After 2.000 s");
  }

  @Test
  void twoRunsWithTheSameSeedWriteTheSameTraceAndEgressLogApartFromRealTime() throws IOException {
    Scenario scenario = load("network/model-outage-recovered");
    ScenarioResult first;
    ScenarioResult second;
    try (ScenarioRunner one = seeded("first", 99);
        ScenarioRunner two = seeded("second", 99)) {
      first = one.run(scenario);
      second = two.run(scenario);
    }

    assertThat(withoutRealTime(first.trace())).isEqualTo(withoutRealTime(second.trace()));
    assertThat(withoutRealTime(first.trace().resolveSibling("egress.jsonl")))
        .isEqualTo(withoutRealTime(second.trace().resolveSibling("egress.jsonl")));
  }

  @Test
  void trialsOfAMockThatFailsAtRandomDifferAndRepeatWithTheSeed() throws IOException {
    Scenario scenario = load(Path.of("src/examples/trials/flaky-catalog.yaml"));
    Trials first;
    Trials again;
    try (ScenarioRunner one = seeded("flaky-1", 5);
        ScenarioRunner two = seeded("flaky-2", 5)) {
      first = kept.of(one.runTrials(scenario));
      again = kept.of(two.runTrials(scenario));
    }

    assertThat(first.results()).extracting(ScenarioResult::passed).contains(true, false);
    assertThat(again.results())
        .extracting(ScenarioResult::passed)
        .isEqualTo(first.results().stream().map(ScenarioResult::passed).toList());
    assertThat(withoutRealTime(again.results().get(3).trace()))
        .isEqualTo(withoutRealTime(first.results().get(3).trace()));
  }

  @Test
  void passHatAndPassAtOfEightTrialsMatchAHandCalculation() {
    Scenario scenario = load(Path.of("src/examples/trials/flaky-catalog.yaml"));
    Trials trials;
    try (ScenarioRunner eight = seeded("flaky-8", 5)) {
      trials = kept.of(eight.runTrials(scenario));
    }
    int n = trials.results().size();
    int c = (int) trials.results().stream().filter(ScenarioResult::passed).count();

    PassRate rate = trials.passRate();

    assertThat(n).isEqualTo(8);
    assertThat(rate.trials()).isEqualTo(8);
    assertThat(rate.passed()).isEqualTo(c);
    for (int k = 1; k <= 8; k++) {
      double allPass = 1;
      double nonePass = 1;
      for (int i = 0; i < k; i++) {
        allPass *= (double) (c - i) / (n - i);
        nonePass *= (double) (n - c - i) / (n - i);
      }
      assertThat(rate.passHat(k)).as("pass^%d", k).isCloseTo(Math.max(allPass, 0), within());
      assertThat(rate.passAt(k)).as("pass@%d", k).isCloseTo(1 - Math.max(nonePass, 0), within());
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }

  private static ScenarioRunner seeded(String run, long seed) {
    return new ScenarioRunner(new RunSettings(reports, run, false).withSeed(seed));
  }

  private static ScenarioResult run(String id) {
    return runner.run(load(id));
  }

  private static Scenario load(String id) {
    return load(Path.of("scenarios").resolve(id + ".yaml"));
  }

  private static Scenario load(Path file) {
    return new ScenarioLoader().load(file).get(0);
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  /** Return the lines without the real-time measurements, which differ from run to run. */
  private static List<JsonNode> withoutRealTime(Path file) throws IOException {
    List<JsonNode> lines = lines(file);
    for (JsonNode line : lines) {
      ObjectNode object = (ObjectNode) line;
      object.remove(List.of("atMillis", "nanos", "latencyMillis", "scope"));
      JsonNode data = object.path("result").path("data");
      if (data instanceof ObjectNode facts) {
        facts.remove("durationMillis");
      }
    }
    return lines;
  }
}
