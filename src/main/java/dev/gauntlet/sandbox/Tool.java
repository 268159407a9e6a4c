package dev.gauntlet.sandbox;

import dev.gauntlet.agent.Action;
import org.apiguardian.api.API;

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
