package dev.gauntlet.scenario;

import dev.gauntlet.agent.replay.ToolMapping;
import java.nio.file.Path;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Replay a recorded conversation's tool calls as actions, as {@code agent.replay} names it.
 *
 * @param transcript the transcript, resolved against the scenario's folder
 * @param tools the recorded tool names mapped to Gauntlet's, defaults included
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReplayAgentSpec(Path transcript, Map<String, ToolMapping> tools)
    implements AgentSpec {

  /** Copy the mappings. */
  public ReplayAgentSpec {
    tools = Map.copyOf(tools);
  }
}
