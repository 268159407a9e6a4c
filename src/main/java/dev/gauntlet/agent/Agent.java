package dev.gauntlet.agent;

import org.apiguardian.api.API;

/**
 * Decide, one step at a time, what to do next. The loop calls {@link #decide} once per step (the
 * reason stage), runs the chosen action through the sandbox's tools, and shows the agent the result
 * in the next observation. Implementations: a scripted agent; later model-backed, replayed and
 * external ones.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Agent extends AutoCloseable {

  /**
   * Choose the next decision.
   *
   * @throws AgentException when the agent cannot decide; the step is still traced and counted, as
   *     one on which the agent failed, and the run ends there with outcome {@code error}
   */
  Decision decide(Observation observation);

  /** Release what the agent holds (a process, a connection); called once, after the last step. */
  @Override
  default void close() {}
}
