package dev.gauntlet.expect;

import dev.gauntlet.loop.RunResult;
import dev.gauntlet.loop.ScenarioResult;
import org.apiguardian.api.API;

/**
 * Check runs from Java with the checks a scenario's {@code expect} section offers, judged by the
 * same code. Failure messages follow AssertJ's layout and give the evidence: the steps of every
 * finding, the outcome's message, the trace.
 *
 * <pre>{@code
 * RunResult run = Gauntlet.run(Path.of("scenarios/detection/failing-test-loop.yaml"));
 * assertThat(run).hasOutcome(Outcome.SUCCESS).hasNoLoops().finishedWithin(60);
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GauntletAssertions {

  private GauntletAssertions() {}

  /** Start checking a run: every check holds for every trial of every scenario it ran. */
  public static RunResultAssert assertThat(RunResult run) {
    return new RunResultAssert(run);
  }

  /** Start checking one trial of one scenario. */
  public static ScenarioResultAssert assertThat(ScenarioResult result) {
    return new ScenarioResultAssert(result);
  }
}
