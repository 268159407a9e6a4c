package dev.gauntlet.expect;

import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.Stage;
import dev.gauntlet.recovery.RecoveryAnalysis;
import dev.gauntlet.recovery.RecoveryReport;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.RecoverySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    if (actual.stopped()) {
      fail(
          "Expecting "
              + subject()
              + " to meet its expectations\nbut it was stopped before it ended: "
              + actual.message());
    }
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
          FindingChecks.LOOPS, FindingChecks.STALLS, FindingChecks.DEADLINES, FindingChecks.RECOVERY
        }) {
      check(FindingChecks.none(subject(), category, actual.findings()));
    }
    return this;
  }

  /** Check that at least one failed request was attempted again. */
  public ScenarioResultAssert hasRetried() {
    return check(RecoveryChecks.retried(subject(), recovery(), true));
  }

  /**
   * Check that a failed request was retried until it succeeded, the waits growing by the policy's
   * factor (within its jitter), Retry-After honoured, nothing retried that must not be, and no more
   * attempts than the policy allows.
   */
  public ScenarioResultAssert hasRecoveredWithBackoff() {
    return check(RecoveryChecks.recoveredWithBackoff(subject(), recovery()));
  }

  /** Check that an answer asked for a wait (Retry-After) and every retry after one waited it. */
  public ScenarioResultAssert honouredRetryAfter() {
    RecoveryReport report = recovery();
    check(RecoveryChecks.someRetryAfter(subject(), report));
    return check(
        RecoveryChecks.none(
            subject(),
            "wait as long as each Retry-After asked",
            FindingKind.RETRY_AFTER_IGNORED,
            report));
  }

  /** Check that the waits between retries grew by the policy's factor, within its jitter. */
  public ScenarioResultAssert hasGrowingBackoff() {
    return check(
        RecoveryChecks.none(
            subject(), "wait longer before each retry", FindingKind.FLAT_BACKOFF, recovery()));
  }

  /** Check that no request was attempted again after an error that is never retried. */
  public ScenarioResultAssert hasNotRetriedNonRetryable() {
    return check(
        RecoveryChecks.none(
            subject(),
            "retry no error that is never retried (a denial, a 4xx other than 408 and 429, a"
                + " context-length error)",
            FindingKind.NON_RETRYABLE_RETRIED,
            recovery()));
  }

  /** Check that no request was attempted more often than the recovery policy allows. */
  public ScenarioResultAssert stayedWithinAttempts() {
    return check(
        RecoveryChecks.none(
            subject(),
            "attempt no request more often than the recovery policy allows",
            FindingKind.BEYOND_ATTEMPTS,
            recovery()));
  }

  /** Check that a request failed for good and the run ended saying so: failed, gave_up or error. */
  public ScenarioResultAssert surfacedTheError() {
    RecoveryReport report = recovery();
    check(RecoveryChecks.someFailure(subject(), report));
    return check(
        RecoveryChecks.none(
            subject(),
            "end failed or gave_up when a request failed for good",
            FindingKind.ERROR_HIDDEN,
            report));
  }

  /** Check that the recovery analysis reported a finding of this kind. */
  public ScenarioResultAssert hasRecoveryFinding(FindingKind kind) {
    if (!kind.isRecovery()) {
      throw new IllegalArgumentException(
          kind.key() + " is found by a detector, not by the recovery analysis");
    }
    return check(RecoveryChecks.some(subject(), kind, recovery()));
  }

  /**
   * Analyse the trial's recovery from its trace and egress log, by the scenario's policy or, when
   * it has none, the default one.
   */
  private RecoveryReport recovery() {
    isNotNull();
    RecoverySpec policy = actual.scenario().recovery();
    try {
      return RecoveryAnalysis.analyse(
          actual.trace(),
          actual.trace().resolveSibling("egress.jsonl"),
          policy == null ? RecoverySpec.DEFAULT : policy);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the trace or egress log of " + subject(), e);
    }
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
