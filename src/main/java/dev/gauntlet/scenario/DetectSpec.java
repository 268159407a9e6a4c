package dev.gauntlet.scenario;

import org.apiguardian.api.API;

/**
 * Configure the detectors that watch a run as it happens, from a scenario's {@code detect} section.
 * Every detector is on; a threshold is the number of steps in a row that makes a finding.
 *
 * @param identicalAction identical succeeding actions in a row (default 5)
 * @param identicalFailingAction identical failing actions in a row (default 3)
 * @param cyclePeriod the longest cycle looked for, in steps (default 4; cycles of 2 steps and up)
 * @param cycleRepeats how many times a cycle must run in a row (default 3)
 * @param stall actions in a row that change nothing and observe nothing new (default 4)
 * @param deadlines each stage's deadline
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DetectSpec(
    int identicalAction,
    int identicalFailingAction,
    int cyclePeriod,
    int cycleRepeats,
    int stall,
    StageDeadlines deadlines) {

  /** The settings of a scenario that has no {@code detect} section. */
  public static final DetectSpec DEFAULT = new DetectSpec(5, 3, 4, 3, 4, StageDeadlines.NONE);
}
