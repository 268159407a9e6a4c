package dev.gauntlet.agent;

import dev.gauntlet.scenario.Outcome;
import org.apiguardian.api.API;

/** Say what the agent does next: take an action, or stop. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface Decision {

  /** Take an action through a tool. */
  record Act(Action action) implements Decision {}

  /**
   * Stop, claiming an outcome: {@code success}, {@code failed} or {@code gave_up}. The loop records
   * the claim; expectations judge it.
   */
  record Finish(Outcome outcome, String message) implements Decision {}

  static Decision act(Action action) {
    return new Act(action);
  }

  static Decision finish(Outcome outcome, String message) {
    return new Finish(outcome, message);
  }
}
