package dev.gauntlet.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Delete a file, or a directory with everything in it. A symbolic link is deleted as a link: what
 * it points to is left alone. The workspace root itself is never deleted.
 */
final class DeleteTool extends FileTool {

  DeleteTool() {
    super("delete", "path");
  }

  @Override
  Execution run(Resolution.Inside path, Arguments arguments, Workspace workspace)
      throws IOException {
    Path entry = path.entry();
    String quoted = WorkspacePaths.quote(path.given());
    if (entry.equals(workspace.root())) {
      return Performed.nothing(
          ToolResult.refused(
                  "workspace_root",
                  "Path "
                      + quoted
                      + " names the workspace root, which is never deleted; delete what is inside"
                      + " it instead.")
              .with("path", path.given()));
    }
    FileState before = FileState.of(entry);
    if (!before.exists()) {
      return Performed.nothing(
          error("not_found", "There is no " + quoted + " in the workspace.", path.given()));
    }

    int deleted = Workspace.deleteTree(entry);

    String output =
        before.isDirectory()
            ? "Deleted the directory " + quoted + " and " + (deleted - 1) + " entries inside it."
            : "Deleted " + quoted + ".";
    return Performed.change(
        ToolResult.ok(output).with("path", path.given()).with("deleted", deleted), entry, before);
  }
}
