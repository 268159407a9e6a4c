package dev.gauntlet.loop;

import dev.gauntlet.scenario.Scenario;
import org.apiguardian.api.API;

/**
 * Describe a scenario, or one of its trials, that never started because the run was stopped before
 * it (fail-fast, an interrupt). The run's reports list it, so that a stopped run never reads as a
 * smaller run in which everything passed.
 *
 * @param scenario the scenario
 * @param trial the trial that was skipped, or 0 when every trial was
 * @param reason why, in one sentence
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Skip(Scenario scenario, int trial, String reason) {

  /** Name it for people: {@code 'docs-digest'}, or {@code 'flaky' (trial 3 of 8)}. */
  public String describe() {
    String name = "'" + scenario.id() + "'";
    return trial == 0 ? name : name + " (trial " + trial + " of " + scenario.trials() + ")";
  }
}
