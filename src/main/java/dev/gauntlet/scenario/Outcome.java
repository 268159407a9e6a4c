package dev.gauntlet.scenario;

import java.util.Locale;
import org.apiguardian.api.API;

/** Say how a run ended. The YAML and JSON spelling is the lower-case name, e.g. {@code gave_up}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Outcome {
  /** The agent finished and said it succeeded. */
  SUCCESS,
  /** The agent finished and said it failed. */
  FAILED,
  /** The agent stopped trying after repeated errors. */
  GAVE_UP,
  /** The loop stopped the agent at its step or wall-clock budget. */
  BUDGET_EXHAUSTED,
  /** The loop stopped the agent because an action broke the sandbox's rules. */
  POLICY_VIOLATION,
  /** The run could not go on: the agent or the harness failed. */
  ERROR;

  /** The name as written in scenarios, traces and summaries. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
