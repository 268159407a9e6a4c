package dev.gauntlet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.sandbox.shell.ShellTool;
import dev.gauntlet.scenario.ToolFault;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stand in for one tool and fail the actions a scenario's faults select; see {@link ToolFaults}.
 */
final class FaultyTool implements Tool {

  private final Tool tool;
  private final List<ToolFault> faults;
  private final int[] fired;

  FaultyTool(Tool tool, List<ToolFault> faults) {
    this.tool = tool;
    this.faults = List.copyOf(faults);
    this.fired = new int[faults.size()];
  }

  @Override
  public String name() {
    return tool.name();
  }

  @Override
  public boolean refusalEndsRun() {
    return tool.refusalEndsRun();
  }

  @Override
  public Execution execute(Action action, Workspace workspace) {
    return execute(action, workspace, Context.detached());
  }

  @Override
  public Execution execute(Action action, Workspace workspace, Context context) {
    ToolFault fault = take(action, context.step());
    if (fault == null) {
      return tool.execute(action, workspace, context);
    }
    ToolResult result = failure(fault, action).with("fault", fault.kind().key());
    ObjectNode data = result.data().deepCopy();
    data.put("injected", true);
    ToolResult marked = new ToolResult(result.status(), result.output(), result.reason(), data);
    return new Execution() {
      @Override
      public ToolResult result() {
        return marked;
      }

      @Override
      public Effect verify() {
        return Effect.NONE;
      }
    };
  }

  private synchronized @Nullable ToolFault take(Action action, int step) {
    for (int i = 0; i < faults.size(); i++) {
      ToolFault fault = faults.get(i);
      Integer at = fault.step();
      if (fired[i] < fault.times()
          && (at == null || at == step)
          && matches(fault.path(), action.arguments().get("path"))) {
        fired[i]++;
        return fault;
      }
    }
    return null;
  }

  private static boolean matches(@Nullable String glob, @Nullable JsonNode path) {
    if (glob == null) {
      return true;
    }
    if (path == null || !path.isTextual() || WorkspacePaths.violation(path.textValue()) != null) {
      return false;
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    return matcher.matches(Path.of(path.textValue()).normalize());
  }

  private ToolResult failure(ToolFault fault, Action action) {
    if (tool instanceof ShellTool shell) {
      return switch (fault.kind()) {
        case TIMEOUT -> shell.simulatedTimeout(action);
        case PERMISSION_DENIED ->
            shell.simulatedExit(action, 126, "sh: 1: " + command(action) + ": Permission denied\n");
        default -> shell.simulatedExit(action, fault.exitCode(), "");
      };
    }
    JsonNode pathNode = action.arguments().get("path");
    String path = pathNode != null && pathNode.isTextual() ? pathNode.textValue() : ".";
    String quoted = WorkspacePaths.quote(path);
    ToolResult result =
        fault.kind() == ToolFault.Kind.DISK_FULL
            ? ToolResult.error(
                "io_error",
                tool.name() + " failed on " + quoted + ": No space left on device (ENOSPC).")
            : ToolResult.error(
                "access_denied", tool.name() + " was denied access to " + quoted + ".");
    return result.with("path", path);
  }

  private static String command(Action action) {
    JsonNode command = action.arguments().get("command");
    if (command != null && command.isArray() && command.size() > 0) {
      return command.get(0).asText();
    }
    String text = command == null ? "" : command.asText().strip();
    int blank = text.indexOf(' ');
    return blank < 0 ? text : text.substring(0, blank);
  }

  @Override
  public String toString() {
    return tool + " with " + faults.size() + " fault(s)";
  }
}
