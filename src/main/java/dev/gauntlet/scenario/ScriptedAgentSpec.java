package dev.gauntlet.scenario;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Script an agent in the scenario itself: its actions, in order, with {@code repeat} blocks. When
 * the script runs out, the agent finishes with success.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ScriptedAgentSpec(List<ScriptItem> script) implements AgentSpec {

  public ScriptedAgentSpec {
    script = List.copyOf(script);
  }
}
