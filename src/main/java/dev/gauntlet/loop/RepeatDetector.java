package dev.gauntlet.loop;

import dev.gauntlet.scenario.FindingKind;
import org.jspecify.annotations.Nullable;

/**
 * Find identical steps in a row: {@code identical_action} when they succeed, {@code
 * identical_failing_action} when they fail, each with its own threshold. A run of identical steps
 * is either all succeeding or all failing, since the result is part of what makes steps identical.
 * Holds one fingerprint.
 */
final class RepeatDetector {

  private final int succeeding;
  private final int failing;
  private final Findings findings;
  private @Nullable Fingerprint previous;
  private int run;
  private int first;
  private int handle = -1;

  RepeatDetector(int succeeding, int failing, Findings findings) {
    this.succeeding = succeeding;
    this.failing = failing;
    this.findings = findings;
  }

  void observe(int step, Fingerprint fingerprint) {
    Fingerprint last = previous;
    if (last != null && last.sameAs(fingerprint)) {
      run++;
    } else {
      previous = fingerprint;
      run = 1;
      first = step;
      handle = -1;
    }
    int threshold = fingerprint.failing() ? failing : succeeding;
    if (run == threshold) {
      FindingKind kind =
          fingerprint.failing()
              ? FindingKind.IDENTICAL_FAILING_ACTION
              : FindingKind.IDENTICAL_ACTION;
      handle = findings.open(kind, first, step, null, fingerprint.description());
    } else if (run > threshold) {
      findings.extend(handle, step);
    }
  }
}
