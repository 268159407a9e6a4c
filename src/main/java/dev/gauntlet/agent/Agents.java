package dev.gauntlet.agent;

import dev.gauntlet.scenario.AgentSpec;
import dev.gauntlet.scenario.ScriptedAgentSpec;
import org.apiguardian.api.API;

/** Create the agent a scenario's {@code agent} section describes. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Agents {

  private Agents() {}

  /** Create a fresh agent for one run; agents hold state and are never shared between runs. */
  public static Agent create(AgentSpec spec) {
    if (spec instanceof ScriptedAgentSpec scripted) {
      return new ScriptedAgent(scripted.script());
    }
    throw new IllegalArgumentException("Unknown kind of agent: " + spec.getClass().getName());
  }
}
