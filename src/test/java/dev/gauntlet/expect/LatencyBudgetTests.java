package dev.gauntlet.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.LatencyBudget;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioException;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code expect.latency} budgets are read with the scenario and checked after the run. */
class LatencyBudgetTests {

  @TempDir Path folder;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @Test
  void budgetsAreReadPerStageAndFigure() throws IOException {
    Scenario scenario = load("latency: { act: { p99: 5ms }, verify: { max: 800us } }");

    List<LatencyBudget> budgets = scenario.expect().latency();

    assertThat(budgets)
        .extracting(LatencyBudget::stage, LatencyBudget::figure, LatencyBudget::limit)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("act", "p99", Duration.ofMillis(5)),
            org.assertj.core.groups.Tuple.tuple("verify", "max", Duration.ofNanos(800_000)));
  }

  @Test
  void aBudgetNoStageCanMeetFailsTheScenarioNamingTheStageFigureAndPlace() throws IOException {
    Scenario scenario = load("latency: { act: { max: 1ns } }");

    ScenarioResult result = run(scenario);

    assertThat(result.passed()).isFalse();
    assertThat(result.failures())
        .singleElement()
        .asString()
        .contains("latency of the act stage", "scenario.yaml:", "Expecting its max over 3 steps")
        .contains("at most", "1", "but was");
  }

  @Test
  void aGenerousBudgetHolds() throws IOException {
    Scenario scenario = load("latency: { observe: { p50: 60s }, act: { p99: 60s } }");

    assertThat(run(scenario).passed()).isTrue();
  }

  @Test
  void aBadDurationIsAProblemThatPointsIntoTheFile() {
    assertThatThrownBy(() -> load("latency: { act: { p99: fast } }"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("expect.latency.act.p99")
        .hasMessageContaining("800us, 5ms or 1s");
  }

  @Test
  void anUnknownStageIsAProblemWithTheNearestStage() {
    assertThatThrownBy(() -> load("latency: { acts: { p99: 5ms } }"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("expect.latency.acts")
        .hasMessageContaining("'act'");
  }

  private Scenario load(String latency) throws IOException {
    Path file =
        Files.writeString(
            folder.resolve("scenario.yaml"),
            """
            id: timed
            agent:
              scripted:
                - write: { path: a.md, content: "a" }
                - read: a.md
            expect:
              %s
            """
                .formatted(latency));
    return new ScenarioLoader().load(file).get(0);
  }

  private ScenarioResult run(Scenario scenario) {
    try (ScenarioRunner runner =
        new ScenarioRunner(new RunSettings(folder.resolve("reports"), "run", false))) {
      return kept.of(runner.run(scenario));
    }
  }
}
