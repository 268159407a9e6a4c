package dev.gauntlet.loop;

import dev.gauntlet.scenario.FindingKind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collect the findings of one run as the detectors report them. A finding that goes on (a loop
 * still looping) is extended in place. At most {@link #LIMIT} are kept; the rest are counted, so
 * that a run of any length costs bounded memory.
 */
final class Findings {

  static final int LIMIT = 100;

  private final List<Finding> findings = new ArrayList<>();
  private final List<Finding> begun = new ArrayList<>();
  private int dropped;

  /** Record a new finding; return its handle for {@link #extend}, or -1 when over the limit. */
  int open(FindingKind kind, int firstStep, int lastStep, @Nullable Stage stage, String evidence) {
    Finding finding = new Finding(kind, firstStep, lastStep, stage, evidence);
    begun.add(finding);
    if (findings.size() >= LIMIT) {
      dropped++;
      return -1;
    }
    findings.add(finding);
    return findings.size() - 1;
  }

  /** Move the last step of an open finding to {@code step}. */
  void extend(int handle, int step) {
    if (handle >= 0) {
      findings.set(handle, findings.get(handle).through(step));
    }
  }

  /** Return the findings opened since the last call, for the trace line of the current step. */
  List<Finding> drainBegun() {
    List<Finding> now = List.copyOf(begun);
    begun.clear();
    return now;
  }

  List<Finding> all() {
    return List.copyOf(findings);
  }

  int dropped() {
    return dropped;
  }
}
