package dev.gauntlet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Share what every file tool does before and after its own work: check the arguments, resolve the
 * path through the workspace's confinement, and turn a failure of the file system into an error
 * result.
 */
abstract class FileTool implements Tool {

  private final String name;
  private final List<String> parameters;

  /** Take the tool's name and its parameters, all text; the first is always {@code path}. */
  FileTool(String name, String... parameters) {
    this.name = name;
    this.parameters = List.of(parameters);
  }

  @Override
  public final String name() {
    return name;
  }

  /** Return the path used when an action gives none, or null when the path is required. */
  @Nullable String defaultPath() {
    return null;
  }

  /** Do the tool's work on a path the workspace has confined. */
  abstract Execution run(Resolution.Inside path, Arguments arguments, Workspace workspace)
      throws IOException;

  /** Hold an action's arguments once they are checked: every parameter is present and text. */
  static final class Arguments {

    private final Map<String, String> values = new HashMap<>();

    /** Return the text of a parameter the tool declared. */
    String text(String parameter) {
      String value = values.get(parameter);
      if (value == null) {
        throw new IllegalArgumentException("No parameter '" + parameter + "' was declared");
      }
      return value;
    }
  }

  @Override
  public final Execution execute(Action action, Workspace workspace) {
    Arguments arguments = new Arguments();
    ToolResult bad = read(action.arguments(), arguments.values);
    if (bad != null) {
      return Performed.nothing(bad);
    }
    String path = arguments.text("path");
    Resolution resolution = workspace.resolve(path);
    if (resolution instanceof Resolution.Refused refused) {
      return Performed.nothing(refused.toResult());
    }
    try {
      return run((Resolution.Inside) resolution, arguments, workspace);
    } catch (IOException e) {
      return Performed.nothing(failure(e, path));
    } catch (DirectoryIteratorException e) {
      IOException cause = e.getCause();
      return Performed.nothing(failure(cause != null ? cause : new IOException(e), path));
    }
  }

  private @Nullable ToolResult read(ObjectNode given, Map<String, String> arguments) {
    for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
      String argument = names.next();
      if (!parameters.contains(argument)) {
        return badArgument(
            argument,
            name
                + " takes "
                + String.join(", ", parameters)
                + "; '"
                + argument
                + "' is not one of them.");
      }
    }
    for (String parameter : parameters) {
      JsonNode value = given.get(parameter);
      String fallback = parameter.equals("path") ? defaultPath() : null;
      if (value == null && fallback != null) {
        arguments.put(parameter, fallback);
      } else if (value == null) {
        return badArgument(parameter, name + " needs the argument '" + parameter + "' (text).");
      } else if (!value.isTextual()) {
        return badArgument(
            parameter,
            name
                + " needs '"
                + parameter
                + "' to be text, not "
                + value.getNodeType().name().toLowerCase(Locale.ROOT)
                + ".");
      } else {
        arguments.put(parameter, value.textValue());
      }
    }
    return null;
  }

  private static ToolResult badArgument(String argument, String message) {
    return ToolResult.error("bad_arguments", message).with("argument", argument);
  }

  /**
   * Return the error result for a failure of the file system, naming the path as the agent gave it.
   */
  final ToolResult failure(IOException e, String path) {
    String quoted = WorkspacePaths.quote(path);
    @Nullable String reason =
        e instanceof FileSystemException fileSystem ? fileSystem.getReason() : null;
    String detail = reason != null ? reason : String.valueOf(e.getMessage());
    ToolResult result;
    if (e instanceof NoSuchFileException missing && !fileOnTheWay(missing)) {
      result = ToolResult.error("not_found", "There is no " + quoted + " in the workspace.");
    } else if (e instanceof NoSuchFileException
        || e instanceof NotDirectoryException
        || e instanceof FileAlreadyExistsException
        || detail.equals("Not a directory")) {
      result =
          ToolResult.error(
              "not_a_directory", "A name on the way to " + quoted + " is a file, not a directory.");
    } else if (detail.equals("Is a directory")) {
      result = ToolResult.error("is_a_directory", quoted + " is a directory.");
    } else if (e instanceof AccessDeniedException) {
      result = ToolResult.error("access_denied", name + " was denied access to " + quoted + ".");
    } else {
      result = ToolResult.error("io_error", name + " failed on " + quoted + ": " + detail + ".");
    }
    return result.with("path", path);
  }

  /**
   * Whether a file stands where the missing path needs a directory. Java 25 reports {@code
   * plain.txt/inner} as missing where Java 17 says a name on the way is not a directory; the agent
   * should read the same reason on both.
   */
  private static boolean fileOnTheWay(NoSuchFileException missing) {
    String file = missing.getFile();
    if (file == null) {
      return false;
    }
    for (Path on = Path.of(file).getParent(); on != null; on = on.getParent()) {
      if (Files.exists(on, LinkOption.NOFOLLOW_LINKS)) {
        return Files.isRegularFile(on);
      }
    }
    return false;
  }

  /** Return an error result about the path as the agent gave it. */
  static ToolResult error(String reason, String message, String path) {
    return ToolResult.error(reason, message).with("path", path);
  }

  @Override
  public String toString() {
    return name;
  }
}
