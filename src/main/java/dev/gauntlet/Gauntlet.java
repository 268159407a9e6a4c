package dev.gauntlet;

import dev.gauntlet.loop.RunResult;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.loop.Trials;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioException;
import dev.gauntlet.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Run scenario files from Java, e.g. in a Jupiter test, and check the result with {@link
 * dev.gauntlet.expect.GauntletAssertions#assertThat(RunResult)}:
 *
 * <pre>{@code
 * RunResult run = Gauntlet.run(Path.of("scenarios/detection/failing-test-loop.yaml"));
 * assertThat(run).hasOutcome(Outcome.SUCCESS).hasNoLoops();
 * }</pre>
 *
 * Every scenario of the file runs all its trials; the scenarios' own expectations are judged too
 * and reported in each result's failures.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Gauntlet {

  private Gauntlet() {}

  /**
   * Run every scenario of one file with reports under {@code reports/}, a fresh seed (logged) and
   * virtual time.
   *
   * @throws ScenarioException when the file cannot be loaded; its problems point into the file
   */
  public static RunResult run(Path file) {
    return run(file, RunSettings.of(Path.of("reports"), false));
  }

  /**
   * Run every scenario of one file with the given settings, e.g. a fixed seed to reproduce a run.
   *
   * @throws ScenarioException when the file cannot be loaded; its problems point into the file
   */
  public static RunResult run(Path file, RunSettings settings) {
    List<Scenario> scenarios = new ScenarioLoader().load(file);
    List<Trials> trials = new ArrayList<>();
    // The runner holds the mock server of networked scenarios, and its folder, until closed.
    try (ScenarioRunner runner = new ScenarioRunner(settings)) {
      for (Scenario scenario : scenarios) {
        trials.add(runner.runTrials(scenario));
      }
    }
    return new RunResult(settings, trials);
  }
}
