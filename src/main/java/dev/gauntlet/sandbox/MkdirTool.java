package dev.gauntlet.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Create a directory and any missing directories above it; an existing directory is left as it is.
 */
final class MkdirTool extends FileTool {

  MkdirTool() {
    super("mkdir", "path");
  }

  @Override
  Execution run(Resolution.Inside path, Arguments arguments, Workspace workspace)
      throws IOException {
    Path target = path.target();
    String quoted = WorkspacePaths.quote(path.given());
    FileState before = FileState.of(target);
    if (before.exists() && !before.isDirectory()) {
      return Performed.nothing(
          error("not_a_directory", quoted + " exists and is not a directory.", path.given()));
    }

    Files.createDirectories(target);

    String output =
        before.isDirectory()
            ? "The directory " + quoted + " already exists."
            : "Created the directory " + quoted + ".";
    return Performed.change(ToolResult.ok(output).with("path", path.given()), target, before);
  }
}
