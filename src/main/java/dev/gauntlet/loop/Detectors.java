package dev.gauntlet.loop;

import dev.gauntlet.agent.Action;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.scenario.DetectSpec;
import dev.gauntlet.scenario.FindingKind;
import java.time.Duration;
import java.util.List;

/**
 * Watch a run step by step, as it happens, with every detector a scenario configures: identical
 * steps, cycles, stalls and stage deadlines. Each detector holds a fixed amount of memory, whatever
 * the length of the run.
 */
final class Detectors {

  private final Findings findings = new Findings();
  private final RepeatDetector repeats;
  private final CycleDetector cycles;
  private final StallDetector stalls;

  Detectors(DetectSpec spec) {
    this.repeats =
        new RepeatDetector(spec.identicalAction(), spec.identicalFailingAction(), findings);
    this.cycles = new CycleDetector(spec.cyclePeriod(), spec.cycleRepeats(), findings);
    this.stalls = new StallDetector(spec.stall(), findings);
  }

  /** Look at one step that ran a tool. */
  void observe(int step, Action action, ToolResult result, Effect effect) {
    Fingerprint fingerprint = Fingerprint.of(action, result);
    repeats.observe(step, fingerprint);
    cycles.observe(step, fingerprint);
    stalls.observe(step, fingerprint, effect);
  }

  /** Record that a stage of a step ran past its deadline. */
  void deadline(int step, Stage stage, Duration limit, Duration took, String what) {
    findings.open(
        FindingKind.DEADLINE,
        step,
        step,
        stage,
        what + " took " + Clocks.format(took) + ", past its deadline of " + Clocks.format(limit));
  }

  /** Return the findings that began since the last call. */
  List<Finding> begun() {
    return findings.drainBegun();
  }

  /** Return every finding of the run so far. */
  List<Finding> all() {
    return findings.all();
  }
}
