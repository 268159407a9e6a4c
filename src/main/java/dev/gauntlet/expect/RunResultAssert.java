package dev.gauntlet.expect;

import dev.gauntlet.loop.RunResult;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.Stage;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.Outcome;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Check a run: every check must hold for every trial of every scenario it ran, and a failure names
 * the scenario and trial. Obtain one through {@link GauntletAssertions#assertThat(RunResult)}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RunResultAssert extends AbstractAssert<RunResultAssert, RunResult> {

  RunResultAssert(RunResult actual) {
    super(actual, RunResultAssert.class);
  }

  /** Check that every expectation of every scenario held. */
  public RunResultAssert passed() {
    return each(ScenarioResultAssert::passed);
  }

  /** Check how each run ended. */
  public RunResultAssert hasOutcome(Outcome outcome) {
    return each(result -> result.hasOutcome(outcome));
  }

  /** Check that each run took at most {@code steps} steps. */
  public RunResultAssert finishedWithin(int steps) {
    return each(result -> result.finishedWithin(steps));
  }

  /** Check that no detector found a loop in any run. */
  public RunResultAssert hasNoLoops() {
    return each(ScenarioResultAssert::hasNoLoops);
  }

  /** Check that each run has a loop spanning exactly the steps {@code first} to {@code last}. */
  public RunResultAssert hasLoopAtSteps(int first, int last) {
    return each(result -> result.hasLoopAtSteps(first, last));
  }

  /** Check that each run has a finding of this kind spanning exactly these steps. */
  public RunResultAssert hasFinding(FindingKind kind, int first, int last) {
    return each(result -> result.hasFinding(kind, first, last));
  }

  /** Check that each run has at least one stall. */
  public RunResultAssert hasStalls() {
    return each(ScenarioResultAssert::hasStalls);
  }

  /** Check that no run has a stall. */
  public RunResultAssert hasNoStalls() {
    return each(ScenarioResultAssert::hasNoStalls);
  }

  /** Check that in each run the stage ran past its deadline in the given step. */
  public RunResultAssert hasDeadlineExceeded(Stage stage, int step) {
    return each(result -> result.hasDeadlineExceeded(stage, step));
  }

  /** Check that no detector fired in any run. */
  public RunResultAssert hasNoFindings() {
    return each(ScenarioResultAssert::hasNoFindings);
  }

  /** Check that each run attempted a failed request again. */
  public RunResultAssert hasRetried() {
    return each(ScenarioResultAssert::hasRetried);
  }

  /** Check that each run recovered from a failed request with growing backoff. */
  public RunResultAssert hasRecoveredWithBackoff() {
    return each(ScenarioResultAssert::hasRecoveredWithBackoff);
  }

  /** Check that each run waited as long as every Retry-After asked. */
  public RunResultAssert honouredRetryAfter() {
    return each(ScenarioResultAssert::honouredRetryAfter);
  }

  /** Check that in each run the waits between retries grew by the policy's factor. */
  public RunResultAssert hasGrowingBackoff() {
    return each(ScenarioResultAssert::hasGrowingBackoff);
  }

  /** Check that no run retried an error that is never retried. */
  public RunResultAssert hasNotRetriedNonRetryable() {
    return each(ScenarioResultAssert::hasNotRetriedNonRetryable);
  }

  /** Check that no run attempted a request more often than the recovery policy allows. */
  public RunResultAssert stayedWithinAttempts() {
    return each(ScenarioResultAssert::stayedWithinAttempts);
  }

  /** Check that each run ended saying that a request failed for good. */
  public RunResultAssert surfacedTheError() {
    return each(ScenarioResultAssert::surfacedTheError);
  }

  /** Check that the recovery analysis reported a finding of this kind in each run. */
  public RunResultAssert hasRecoveryFinding(FindingKind kind) {
    return each(result -> result.hasRecoveryFinding(kind));
  }

  private RunResultAssert each(Consumer<ScenarioResultAssert> check) {
    isNotNull();
    if (actual.results().isEmpty()) {
      throw new AssertionError("\nExpecting a run with at least one scenario\nbut it ran none.");
    }
    for (ScenarioResult result : actual.results()) {
      ScenarioResultAssert one = new ScenarioResultAssert(result);
      String description = info.descriptionText();
      if (description != null && !description.isEmpty()) {
        one.as(description);
      }
      check.accept(one);
    }
    return this;
  }
}
