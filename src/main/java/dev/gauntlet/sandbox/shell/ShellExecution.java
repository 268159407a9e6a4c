package dev.gauntlet.sandbox.shell;

import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Hold a command's result and judge its effect once, when the verify stage asks: {@code changed}
 * when the workspace's fingerprint moved, else {@code read_only} after an exit of 0 and {@code
 * none} otherwise. A command cannot say what it meant to change, so {@code no_effect} is never
 * claimed.
 */
final class ShellExecution implements Tool.Execution {

  private final ToolResult result;
  private final @Nullable Path root;
  private final @Nullable WorkspaceFingerprint before;
  private @Nullable Effect effect;

  ShellExecution(ToolResult result, @Nullable Path root, @Nullable WorkspaceFingerprint before) {
    this.result = result;
    this.root = root;
    this.before = before;
  }

  /**
   * Return an execution for an action that ran nothing: it was refused or its arguments were bad.
   */
  static ShellExecution nothing(ToolResult result) {
    return new ShellExecution(result, null, null);
  }

  @Override
  public ToolResult result() {
    return result;
  }

  @Override
  public synchronized Effect verify() {
    if (effect == null) {
      effect = judge();
    }
    return effect;
  }

  private Effect judge() {
    if (root == null) {
      return Effect.NONE;
    }
    if (!WorkspaceFingerprint.of(root).sameAs(before)) {
      return Effect.CHANGED;
    }
    return result.status() == ToolResult.Status.OK ? Effect.READ_ONLY : Effect.NONE;
  }

  @Override
  public String toString() {
    return "ShellExecution[" + result.status() + (effect != null ? ", " + effect : "") + "]";
  }
}
