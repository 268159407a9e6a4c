package dev.gauntlet.expect;

import dev.gauntlet.loop.Finding;
import dev.gauntlet.scenario.FindingExpectation;
import dev.gauntlet.scenario.FindingKind;
import org.jspecify.annotations.Nullable;

/**
 * Say which finding an expectation wants, for the YAML expectations and the AssertJ entry point
 * alike. Unset parts match anything.
 *
 * @param kind the kind, or null for any loop
 * @param firstStep the first step of the evidence, or null
 * @param lastStep the last step of the evidence, or null
 * @param stage for a deadline, the stage's name, or null
 * @param description how messages quote it
 */
record Wanted(
    @Nullable FindingKind kind,
    @Nullable Integer firstStep,
    @Nullable Integer lastStep,
    @Nullable String stage,
    String description) {

  static Wanted of(FindingExpectation expectation) {
    return new Wanted(
        expectation.kind(),
        expectation.firstStep(),
        expectation.lastStep(),
        expectation.stage(),
        expectation.describe() + " (" + expectation.origin() + ")");
  }

  static Wanted loop(@Nullable FindingKind kind, int firstStep, int lastStep) {
    String name = kind == null ? "a loop" : kind.key();
    return new Wanted(
        kind, firstStep, lastStep, null, name + " at steps " + firstStep + ".." + lastStep);
  }

  boolean matches(Finding finding) {
    boolean kindMatches = kind == null ? finding.kind().isLoop() : finding.kind() == kind;
    return kindMatches
        && (firstStep == null || firstStep == finding.firstStep())
        && (lastStep == null || lastStep == finding.lastStep())
        && (stage == null || (finding.stage() != null && stage.equals(finding.stage().key())));
  }
}
