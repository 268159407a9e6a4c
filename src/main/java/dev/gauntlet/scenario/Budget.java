package dev.gauntlet.scenario;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Limit a run: the loop itself stops the agent after {@code steps} steps, once {@code wallClock}
 * has passed, or once a model-backed agent has used {@code tokens} tokens (prompt and completion
 * together), whichever comes first, with the outcome {@code budget_exhausted}.
 *
 * @param tokens the most tokens a model-backed agent may use over the run; 0 for no limit
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Budget(int steps, Duration wallClock, long tokens) {

  /** The budget of a scenario that does not set one. */
  public static final Budget DEFAULT = new Budget(200, Duration.ofMinutes(5));

  /** Return a budget of steps and time with no token limit. */
  public Budget(int steps, Duration wallClock) {
    this(steps, wallClock, 0);
  }
}
