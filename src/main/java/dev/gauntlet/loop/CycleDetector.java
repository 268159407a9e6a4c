package dev.gauntlet.loop;

import dev.gauntlet.scenario.FindingKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Find cycles: a sequence of 2 to {@code period} steps, not all identical, repeated {@code repeats}
 * times in a row (A, B, A, B, A, B). For each period p it counts how many steps in a row equalled
 * the step p before; a cycle of period p and r repeats shows as p × (r − 1) such steps. The
 * shortest period is reported, so A, B, A, B is a cycle of 2 and never of 4. Holds the last {@code
 * period} fingerprints.
 */
final class CycleDetector {

  private final int period;
  private final int repeats;
  private final Findings findings;
  private final Fingerprint[] history;
  private final int[] matching;
  private long seen;
  private int openPeriod;
  private int handle = -1;

  CycleDetector(int period, int repeats, Findings findings) {
    this.period = period;
    this.repeats = repeats;
    this.findings = findings;
    this.history = new Fingerprint[period + 1];
    this.matching = new int[period + 1];
  }

  void observe(int step, Fingerprint fingerprint) {
    for (int p = 1; p <= period; p++) {
      boolean same = seen >= p && back(p).sameAs(fingerprint);
      matching[p] = same ? matching[p] + 1 : 0;
    }
    history[(int) (seen % history.length)] = fingerprint;
    seen++;

    if (openPeriod > 0) {
      if (matching[openPeriod] > 0) {
        findings.extend(handle, step);
        return;
      }
      openPeriod = 0;
      handle = -1;
    }
    for (int p = 2; p <= period; p++) {
      boolean constant = matching[1] >= p - 1;
      if (matching[p] >= p * (repeats - 1) && !constant) {
        int first = step - matching[p] - p + 1;
        openPeriod = p;
        handle = findings.open(FindingKind.CYCLE, first, step, null, evidence(p));
        return;
      }
    }
  }

  /** Return the fingerprint {@code p} steps before the one being observed. */
  private Fingerprint back(int p) {
    return history[(int) ((seen - p) % history.length)];
  }

  private String evidence(int p) {
    List<String> steps = new ArrayList<>();
    for (int i = p; i >= 1; i--) {
      steps.add(history[(int) ((seen - i) % history.length)].description());
    }
    return String.join(", then ", steps) + " (" + p + " steps, repeated)";
  }
}
