package dev.gauntlet.scenario;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Limit a run: the loop itself stops the agent after {@code steps} steps or once {@code wallClock}
 * has passed, whichever comes first, with the outcome {@code budget_exhausted}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Budget(int steps, Duration wallClock) {

  /** The budget of a scenario that does not set one. */
  public static final Budget DEFAULT = new Budget(200, Duration.ofMinutes(5));
}
