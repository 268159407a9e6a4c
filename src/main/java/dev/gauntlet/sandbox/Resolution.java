package dev.gauntlet.sandbox;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Say where a path an agent named leads: to a place inside the workspace, or nowhere because the
 * sandbox refuses it. Returned by {@link Workspace#resolve}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface Resolution permits Resolution.Inside, Resolution.Refused {

  /** The path as the agent or scenario gave it, before any resolution. */
  String given();

  /**
   * Lead to a place inside the workspace. Every symbolic link on the way has been followed and
   * found to stay inside.
   *
   * @param given the path as given
   * @param target the real path to read or write: inside the root, with no link left to follow on
   *     the way (it may not exist yet)
   * @param entry the directory entry the path names; the same as {@code target} unless the last
   *     name is a symbolic link (to somewhere inside), in which case it is the link itself, which
   *     is what a delete removes
   */
  record Inside(String given, Path target, Path entry) implements Resolution {}

  /**
   * Refuse the path: nothing may be done with it.
   *
   * @param given the path as given, reported as the offending path
   * @param reason a stable code, e.g. {@code path_escape} or {@code symlink_escape}
   * @param message one sentence naming the path and the rule it breaks
   */
  record Refused(String given, String reason, String message) implements Resolution {

    /** Return the refusal as the result an agent sees, with the offending path in its data. */
    public ToolResult toResult() {
      return ToolResult.refused(reason, message).with("path", given);
    }
  }
}
