package dev.gauntlet.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Keep the files a scenario reads (seed files, prompts, transcripts, cassettes, mock bodies) inside
 * the scenario's own folder, so that a scenario cannot copy a file of the machine, such as {@code
 * /etc/passwd}, into an agent's workspace or a mock's answer. Shared policy files are the one
 * exception: they are read as policies, never handed to the agent.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ScenarioFolder {

  private ScenarioFolder() {}

  /**
   * Return why {@code relative} is refused as a file of the scenario in {@code folder}, as one
   * sentence, or null when it lies inside the folder (symbolic links followed).
   */
  public static @Nullable String escape(Path folder, String relative) {
    if (relative.isBlank() || Path.of(relative).isAbsolute()) {
      return "'" + relative + "' must be a path relative to the scenario file";
    }
    Path root = folder.toAbsolutePath().normalize();
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || !realPathInside(root, file)) {
      return "'"
          + relative
          + "' leads out of the scenario's folder "
          + root
          + "; files a scenario reads must lie inside it";
    }
    return null;
  }

  /** Compare real paths, so a symbolic link inside the folder cannot lead out of it. */
  private static boolean realPathInside(Path root, Path file) {
    try {
      Path realRoot = root.toRealPath();
      Path existing = file;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      return existing == null || existing.toRealPath().startsWith(realRoot);
    } catch (IOException e) {
      return false;
    }
  }
}
