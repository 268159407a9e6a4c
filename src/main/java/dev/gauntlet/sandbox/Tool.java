package dev.gauntlet.sandbox;

import dev.gauntlet.agent.Action;
import dev.gauntlet.time.RunClock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Carry out one kind of action inside the sandbox. A tool never throws for a bad or forbidden
 * request: it returns an {@link Execution} whose result says so.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Tool {

  /** The name actions use, e.g. {@code read}. */
  String name();

  /** Do the action (the act stage); the returned execution can then verify its effect. */
  Execution execute(Action action, Workspace workspace);

  /**
   * Say whether this tool's refusals break the sandbox's rules, so that the loop ends the run with
   * {@code policy_violation}: true for tools that confine the agent (files, commands). A tool whose
   * refusals are answers the agent is meant to handle, as a proxy's 403 is, returns false.
   */
  default boolean refusalEndsRun() {
    return true;
  }

  /**
   * Do the action within a step of a run. A tool that waits, draws random numbers or can be slow
   * overrides this to use the run's clock, the step's seed and the act stage's deadline; the
   * default ignores the context.
   */
  default Execution execute(Action action, Workspace workspace, Context context) {
    return execute(action, workspace);
  }

  /**
   * Give a tool what it needs from the run: the one clock every wait goes through, a seed for its
   * random choices, and the act stage's deadline.
   *
   * @param step the 1-based number of the step the action belongs to
   * @param clock the run's clock; wait through {@link #sleep}, never {@link Thread#sleep}
   * @param seed this step's seed, derived from the run's seed
   * @param deadline how long the act stage may take, or null when it has no deadline; a tool that
   *     can bound its own work (a command's timeout, a request's) stops by then
   */
  record Context(int step, RunClock clock, long seed, @Nullable Duration deadline) {

    /** Return a context outside any run: step 0, a fresh virtual clock, seed 0, no deadline. */
    public static Context detached() {
      return new Context(0, RunClock.virtual(), 0, null);
    }

    /** Return a random source for this step; the same seed gives the same numbers. */
    public SplittableRandom random() {
      return new SplittableRandom(seed);
    }

    /**
     * Return the shorter of {@code wanted} and the deadline, so that a tool's own limit never
     * outlasts the stage.
     */
    public Duration bounded(Duration wanted) {
      Duration limit = deadline;
      return limit != null && limit.compareTo(wanted) < 0 ? limit : wanted;
    }

    /**
     * Wait through the run's clock, never past the deadline; return whether the whole wait was made
     * (false when the deadline cut it short).
     *
     * @throws InterruptedException when a real wait is interrupted
     */
    public boolean sleep(Duration wanted) throws InterruptedException {
      Duration allowed = bounded(wanted);
      clock.sleep(allowed);
      return allowed.equals(wanted);
    }
  }

  /**
   * The result of one action, and a check of what it changed, run separately as the verify stage so
   * that its cost is measured on its own.
   */
  interface Execution {

    /** Return what the action did, as the agent sees it. */
    ToolResult result();

    /** Compare the state after the action with the state captured before it. */
    Effect verify();
  }
}
