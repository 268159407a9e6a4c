package dev.gauntlet.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Hold the tools an agent may use, by name. A toolbox never changes: {@link #with} returns a new
 * one, so a run can add its own tools without affecting another.
 *
 * <p>The standard file tools, each confined to the workspace:
 *
 * <ul>
 *   <li>{@code read {path}}: a file's text; a file over 64 KiB shows its head and tail and says how
 *       many bytes were cut between them
 *   <li>{@code write {path, content}}: replace a file's content, creating it and its directories
 *   <li>{@code append {path, content}}: add to a file's end, creating it and its directories
 *   <li>{@code list {path = "."}}: sorted names, one a line, directories ending in {@code /};
 *       {@code (empty)} for an empty directory
 *   <li>{@code delete {path}}: a file, or a directory with everything in it; never the root, and a
 *       link is deleted as a link
 *   <li>{@code mkdir {path}}: a directory and the directories above it
 * </ul>
 *
 * <p>Error reason codes: {@code bad_arguments} (data {@code argument} names it), {@code not_found},
 * {@code not_a_directory}, {@code is_a_directory}, {@code not_a_file}, {@code access_denied} and
 * {@code io_error}. Refusals carry the codes of {@link Workspace#resolve} and {@code
 * workspace_root}, with data {@code path} set to the offending path as given.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Toolbox {

  private final Map<String, Tool> tools;

  private Toolbox(Map<String, Tool> tools) {
    this.tools = tools;
  }

  /** Return a toolbox with no tools. */
  public static Toolbox empty() {
    return new Toolbox(Map.of());
  }

  /** Return the standard file tools: read, write, append, list, delete and mkdir. */
  public static Toolbox files() {
    return empty()
        .with(new ReadTool())
        .with(WriteTool.write())
        .with(WriteTool.append())
        .with(new ListTool())
        .with(new DeleteTool())
        .with(new MkdirTool());
  }

  /**
   * Return a toolbox with one more tool.
   *
   * @throws IllegalArgumentException when the toolbox already has a tool of that name
   */
  public Toolbox with(Tool tool) {
    if (tools.containsKey(tool.name())) {
      throw new IllegalArgumentException(
          "The toolbox already has a tool named '" + tool.name() + "'; tool names must be unique.");
    }
    Map<String, Tool> more = new LinkedHashMap<>(tools);
    more.put(tool.name(), tool);
    return new Toolbox(more);
  }

  /**
   * Return a toolbox in which {@code tool} takes the place of the tool of the same name, e.g. a
   * shell tool bound to one run's network.
   *
   * @throws IllegalArgumentException when the toolbox has no tool of that name
   */
  public Toolbox replacing(Tool tool) {
    if (!tools.containsKey(tool.name())) {
      throw new IllegalArgumentException(
          "The toolbox has no tool named '"
              + tool.name()
              + "' to replace; it has "
              + names()
              + ".");
    }
    Map<String, Tool> replaced = new LinkedHashMap<>(tools);
    replaced.put(tool.name(), tool);
    return new Toolbox(replaced);
  }

  /** Return the tool an action names, or empty when the toolbox has none of that name. */
  public Optional<Tool> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /** Return the names of the tools, in the order they were added. */
  public List<String> names() {
    return List.copyOf(tools.keySet());
  }

  @Override
  public String toString() {
    return "Toolbox" + names();
  }
}
