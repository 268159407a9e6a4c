package dev.gauntlet.sandbox;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Judge a path an agent or a scenario names, by its text alone, before it touches the file system. The
 * same rules guard seed files at load time and agent actions at run time.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class WorkspacePaths {

  private WorkspacePaths() {}

  /**
   * Return why a workspace-relative path is refused, as a reason code, or null when its text is acceptable.
   * Acceptable text can still be refused later, e.g. when a symbolic link leads out of the workspace.
   */
  public static @Nullable String violation(String path) {
    if (path.isEmpty()) {
      return "empty_path";
    }
    if (path.indexOf('\0') >= 0) {
      return "nul_byte";
    }
    if (path.indexOf('\\') >= 0 || (path.length() > 1 && path.charAt(1) == ':')) {
      return "windows_path";
    }
    if (path.startsWith("/")) {
      return "absolute_path";
    }
    int depth = 0;
    for (String part : path.split("/", -1)) {
      if (part.equals("..")) {
        depth--;
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
      if (depth < 0) {
        return "path_escape";
      }
    }
    return null;
  }
}
