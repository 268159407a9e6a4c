package dev.gauntlet.sandbox;

import dev.gauntlet.scenario.ToolFault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Inject a scenario's tool faults: wrap each tool a fault names so that a matching action does
 * nothing and returns the failure the real tool would return, with {@code data.injected: true} and
 * {@code data.fault} set to the fault's key.
 *
 * <p>A fault matches an action of its tool at its {@code step} (any step when it has none) whose
 * {@code path} argument matches its glob (any path when it has none), until it has fired {@code
 * times} times; the first matching fault of the list fires. The failures:
 *
 * <ul>
 *   <li>{@code exit_code}: the command's result with that exit code, reason {@code exit_code}
 *   <li>{@code timeout}: the command killed at its limit, reason {@code timeout}; the run does not
 *       wait for the limit
 *   <li>{@code disk_full}: reason {@code io_error}, "No space left on device (ENOSPC)"
 *   <li>{@code permission_denied}: reason {@code access_denied} for a file tool; exit code 126 and
 *       "Permission denied" for a command
 * </ul>
 *
 * Each run gets its own counts: wrap the toolbox once per run.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ToolFaults {

  private ToolFaults() {}

  /** Return the toolbox with every tool a fault names wrapped; the same toolbox without faults. */
  public static Toolbox inject(Toolbox toolbox, List<ToolFault> faults) {
    if (faults.isEmpty()) {
      return toolbox;
    }
    Map<String, List<ToolFault>> byTool = new LinkedHashMap<>();
    for (ToolFault fault : faults) {
      byTool.computeIfAbsent(fault.tool(), name -> new ArrayList<>()).add(fault);
    }
    Toolbox injected = toolbox;
    for (Map.Entry<String, List<ToolFault>> entry : byTool.entrySet()) {
      Tool tool = toolbox.find(entry.getKey()).orElse(null);
      if (tool != null) {
        injected = injected.replacing(new FaultyTool(tool, entry.getValue()));
      }
    }
    return injected;
  }
}
