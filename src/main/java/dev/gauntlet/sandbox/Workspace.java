package dev.gauntlet.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Give one run its own directory: the agent's only writable place and its memory between steps. Every path
 * an agent names is resolved through {@link #resolve}, which confines it to the root.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Workspace implements AutoCloseable {

  private final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  /** Create a fresh, empty workspace in a new temporary directory whose name starts with the prefix. */
  public static Workspace create(String prefix) throws IOException {
    return new Workspace(Files.createTempDirectory("gauntlet-" + prefix + "-").toRealPath());
  }

  /** The workspace's directory, as a real path. */
  public Path root() {
    return root;
  }

  /** Delete the workspace and everything in it. */
  @Override
  public void close() throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
