package dev.gauntlet.sandbox;

import java.nio.file.Path;

/** Hold one action's result and work out its effect once, when the verify stage asks. */
final class Performed implements Tool.Execution {

  private final ToolResult result;
  private final Check check;
  private Effect effect;
  private boolean verified;

  @FunctionalInterface
  private interface Check {
    Effect run();
  }

  private Performed(ToolResult result, Check check) {
    this.result = result;
    this.check = check;
    this.effect = Effect.NONE;
  }

  /** Return an execution for an action that did nothing: it was refused or failed. */
  static Performed nothing(ToolResult result) {
    return new Performed(result, () -> Effect.NONE);
  }

  /** Return an execution for an action that only read. */
  static Performed readOnly(ToolResult result) {
    return new Performed(result, () -> Effect.READ_ONLY);
  }

  /**
   * Return an execution for an action meant to change one entry: its effect compares the entry's
   * state before the action with its state when verified.
   */
  static Performed change(ToolResult result, Path entry, FileState before) {
    return new Performed(
        result, () -> before.sameAs(FileState.of(entry)) ? Effect.NO_EFFECT : Effect.CHANGED);
  }

  @Override
  public ToolResult result() {
    return result;
  }

  @Override
  public synchronized Effect verify() {
    if (!verified) {
      effect = result.status() == ToolResult.Status.OK ? check.run() : Effect.NONE;
      verified = true;
    }
    return effect;
  }

  @Override
  public String toString() {
    return "Performed[" + result.status() + (verified ? ", " + effect : "") + "]";
  }
}
