package dev.gauntlet.expect;

import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.Stage;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.Outcome;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Check one trial of a scenario. Obtain one through {@link GauntletAssertions#assertThat(
 * ScenarioResult)}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioResultAssert
    extends AbstractAssert<ScenarioResultAssert, ScenarioResult> {

  ScenarioResultAssert(ScenarioResult actual) {
    super(actual, ScenarioResultAssert.class);
  }

  /** Check that every expectation of the scenario held; fails with all that did not. */
  public ScenarioResultAssert passed() {
    isNotNull();
    if (!actual.passed()) {
      fail(
          "Expecting "
              + subject()
              + " to meet its expectations\nbut "
              + actual.failures().size()
              + " did not:\n\n"
              + String.join("\n\n", actual.failures()));
    }
    return this;
  }

  /** Check how the run ended. */
  public ScenarioResultAssert hasOutcome(Outcome outcome) {
    isNotNull();
    if (actual.outcome() != outcome) {
      fail(
          "Expecting "
              + subject()
              + " to end with outcome:\n  "
              + outcome.key()
              + "\nbut it ended with:\n  "
              + actual.outcome().key()
              + " after step "
              + actual.steps()
              + ": "
              + actual.message());
    }
    return this;
  }

  /** Check that the run took at most {@code steps} steps. */
  public ScenarioResultAssert finishedWithin(int steps) {
    isNotNull();
    if (actual.steps() > steps) {
      fail(
          "Expecting "
              + subject()
              + " to finish within "
              + steps
              + " steps\nbut it took "
              + actual.steps()
              + " and ended with "
              + actual.outcome().key()
              + ": "
              + actual.message());
    }
    return this;
  }

  /** Check that no detector found a loop: no identical actions in a row, no cycle. */
  public ScenarioResultAssert hasNoLoops() {
    return check(FindingChecks.none(subject(), FindingChecks.LOOPS, actual.findings()));
  }

  /** Check that a loop of any kind spans exactly the steps {@code first} to {@code last}. */
  public ScenarioResultAssert hasLoopAtSteps(int first, int last) {
    return check(
        FindingChecks.missing(subject(), Wanted.loop(null, first, last), actual.findings()));
  }

  /** Check that a finding of this kind spans exactly the steps {@code first} to {@code last}. */
  public ScenarioResultAssert hasFinding(FindingKind kind, int first, int last) {
    return check(
        FindingChecks.missing(subject(), Wanted.loop(kind, first, last), actual.findings()));
  }

  /** Check that a detector found at least one stall. */
  public ScenarioResultAssert hasStalls() {
    return check(FindingChecks.some(subject(), FindingChecks.STALLS, actual.findings()));
  }

  /** Check that no detector found a stall. */
  public ScenarioResultAssert hasNoStalls() {
    return check(FindingChecks.none(subject(), FindingChecks.STALLS, actual.findings()));
  }

  /** Check that a stage ran past its deadline in the given step. */
  public ScenarioResultAssert hasDeadlineExceeded(Stage stage, int step) {
    Wanted wanted =
        new Wanted(
            FindingKind.DEADLINE,
            step,
            step,
            stage.key(),
            "deadline of the " + stage.key() + " stage at step " + step);
    return check(FindingChecks.missing(subject(), wanted, actual.findings()));
  }

  /** Check that no detector fired at all. */
  public ScenarioResultAssert hasNoFindings() {
    for (FindingChecks.Category category :
        new FindingChecks.Category[] {
          FindingChecks.LOOPS, FindingChecks.STALLS, FindingChecks.DEADLINES
        }) {
      check(FindingChecks.none(subject(), category, actual.findings()));
    }
    return this;
  }

  private ScenarioResultAssert check(@Nullable String failure) {
    isNotNull();
    if (failure != null) {
      fail(failure);
    }
    return this;
  }

  private String subject() {
    return "the run of scenario " + actual.describe();
  }

  private void fail(String message) {
    String description = info.descriptionText();
    String prefix = description == null || description.isEmpty() ? "" : "[" + description + "] ";
    throw new AssertionError(prefix + "\n" + message + "\nTrace: " + actual.trace());
  }
}
