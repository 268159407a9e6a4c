package dev.gauntlet.loop;

import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.scenario.FindingKind;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Find stalls: {@code threshold} actions in a row that made no progress. An action makes none when
 * it was meant to change something and did not ({@code no_effect}), or when it only read and
 * observed exactly what an earlier read observed since the workspace last changed. A failed action
 * ends a stall (failures are the repeat detector's concern). Remembers at most {@link #MEMORY}
 * reads.
 */
final class StallDetector {

  static final int MEMORY = 64;

  private final int threshold;
  private final Findings findings;
  private final Set<Fingerprint> reads = new LinkedHashSet<>();
  private int run;
  private int first;
  private int handle = -1;

  StallDetector(int threshold, Findings findings) {
    this.threshold = threshold;
    this.findings = findings;
  }

  void observe(int step, Fingerprint fingerprint, Effect effect) {
    Fingerprint key = new Fingerprint(fingerprint.high(), fingerprint.low(), false, "");
    boolean stalling =
        effect == Effect.NO_EFFECT || (effect == Effect.READ_ONLY && reads.contains(key));
    if (effect == Effect.CHANGED) {
      reads.clear();
    } else if (effect == Effect.READ_ONLY && !reads.contains(key)) {
      if (reads.size() >= MEMORY) {
        reads.remove(reads.iterator().next());
      }
      reads.add(key);
    }
    if (!stalling) {
      run = 0;
      handle = -1;
      return;
    }
    if (run++ == 0) {
      first = step;
    }
    if (run == threshold) {
      handle =
          findings.open(
              FindingKind.STALL, first, step, null, fingerprint.description() + " changed nothing");
    } else if (run > threshold) {
      findings.extend(handle, step);
    }
  }
}
