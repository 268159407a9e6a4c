package dev.gauntlet.sandbox;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * List a directory: one name a line, sorted, directories marked with a trailing {@code /}, and
 * {@code (empty)} for an empty directory. A directory with more entries than the limit shows the
 * first ones and a marker saying how many were left out.
 */
final class ListTool extends FileTool {

  static final int DEFAULT_LIMIT = 1000;

  private final int limit;

  ListTool() {
    this(DEFAULT_LIMIT);
  }

  ListTool(int limit) {
    super("list", "path");
    this.limit = limit;
  }

  @Override
  String defaultPath() {
    return ".";
  }

  @Override
  Execution run(Resolution.Inside path, Arguments arguments, Workspace workspace)
      throws IOException {
    Path directory = path.target();
    BasicFileAttributes attributes =
        Files.readAttributes(directory, BasicFileAttributes.class, NOFOLLOW_LINKS);
    if (!attributes.isDirectory()) {
      return Performed.nothing(
          error(
              "not_a_directory",
              WorkspacePaths.quote(path.given()) + " is a file, not a directory; read it instead.",
              path.given()));
    }

    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = String.valueOf(entry.getFileName());
        names.add(Files.isDirectory(entry, NOFOLLOW_LINKS) ? name + "/" : name);
      }
    }
    names.sort(null);

    String output;
    if (names.isEmpty()) {
      output = "(empty)";
    } else if (names.size() > limit) {
      output =
          String.join("\n", names.subList(0, limit))
              + "\n[… "
              + (names.size() - limit)
              + " more entries …]";
    } else {
      output = String.join("\n", names);
    }
    return Performed.readOnly(
        ToolResult.ok(output).with("path", path.given()).with("entries", names.size()));
  }
}
