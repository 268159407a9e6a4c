package dev.gauntlet.sandbox;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Write text to a file as UTF-8, creating the file and its directories when missing. One class
 * serves both {@code write}, which replaces the content, and {@code append}, which adds to its end.
 */
final class WriteTool extends FileTool {

  private final boolean append;

  private WriteTool(String name, boolean append) {
    super(name, "path", "content");
    this.append = append;
  }

  static WriteTool write() {
    return new WriteTool("write", false);
  }

  static WriteTool append() {
    return new WriteTool("append", true);
  }

  @Override
  Execution run(Resolution.Inside path, Arguments arguments, Workspace workspace)
      throws IOException {
    Path target = path.target();
    FileState before = FileState.of(target);
    if (before.isDirectory()) {
      return Performed.nothing(
          error(
              "is_a_directory",
              WorkspacePaths.quote(path.given()) + " is a directory; name a file inside it.",
              path.given()));
    }
    byte[] bytes = arguments.text("content").getBytes(StandardCharsets.UTF_8);

    Files.createDirectories(Objects.requireNonNull(target.getParent()));
    OpenOption mode = append ? APPEND : TRUNCATE_EXISTING;
    Files.write(target, bytes, CREATE, WRITE, mode, NOFOLLOW_LINKS);

    String done = append ? "Appended " : "Wrote ";
    ToolResult result =
        ToolResult.ok(done + bytes.length + " bytes to " + WorkspacePaths.quote(path.given()) + ".")
            .with("path", path.given())
            .with("bytes", bytes.length);
    return Performed.change(result, target, before);
  }
}
