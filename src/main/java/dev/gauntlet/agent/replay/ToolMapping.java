package dev.gauntlet.agent.replay;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Map a tool of the recorded agent to one of Gauntlet's, e.g. {@code bash} to {@code shell}.
 *
 * @param tool the Gauntlet tool's name
 * @param arguments renamed arguments, recorded name to Gauntlet name; arguments not named here pass
 *     through under their own names
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ToolMapping(String tool, Map<String, String> arguments) {

  /** Copy the renames. */
  public ToolMapping {
    arguments = Map.copyOf(arguments);
  }

  /** Return a mapping to {@code tool} that keeps every argument's name. */
  public static ToolMapping to(String tool) {
    return new ToolMapping(tool, Map.of());
  }
}
