package dev.gauntlet.agent.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Describe Gauntlet's tools to a model: a description and a JSON Schema of the arguments for each,
 * following the table of tools and arguments the scenario loader checks scripts against.
 */
final class ToolSchemas {

  /** One tool as a model sees it. */
  record Schema(String name, String description, ObjectNode parameters) {}

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Map<String, Schema> TABLE = new LinkedHashMap<>();

  static {
    String path = "A path relative to the workspace root.";
    add("read", "Return a file's content.", text("path", path, true));
    add(
        "write",
        "Create or replace a file, creating its folders.",
        text("path", path, true),
        text("content", "The file's whole new content.", true));
    add(
        "append",
        "Add text to the end of a file.",
        text("path", path, true),
        text("content", "The text to add.", true));
    add(
        "list",
        "Return the names in a folder, sorted; folders end with '/'.",
        text("path", path + " Defaults to '.'.", false));
    add("delete", "Delete a file or a folder tree.", text("path", path, true));
    add("mkdir", "Create a folder and its parents.", text("path", path, true));
    add(
        "shell",
        "Run a shell command in the workspace, sandboxed; return its exit code and output.",
        text("command", "The command line, run by sh.", true),
        text("cwd", "The working folder, relative to the workspace. Defaults to '.'.", false),
        map("env", "Environment variables to set."),
        text("timeout", "The most time the command may take, e.g. '30s'.", false),
        text("stdin", "Text given to the command on its standard input.", false));
    add(
        "http",
        "Send an HTTP request through the scenario's network policy; return status and body.",
        text("url", "The absolute URL.", true),
        choice(
            "method",
            "The HTTP method. Defaults to GET.",
            false,
            "GET",
            "POST",
            "PUT",
            "PATCH",
            "DELETE",
            "HEAD"),
        map("headers", "Request headers."),
        new Argument("body", JSON.objectNode().put("description", "The request body."), false),
        text("timeout", "The most time the request may take, e.g. '10s'.", false));
    add(
        "browser",
        "Use a headless browser on the scenario's sites; return a compact view of the page with"
            + " references such as e12 for its elements.",
        choice(
            "action",
            "What to do.",
            true,
            "open",
            "click",
            "type",
            "select",
            "submit",
            "back",
            "read"),
        text("url", "For open: the absolute URL.", false),
        text("ref", "For click, type, select, submit: an element's reference, e.g. 'e12'.", false),
        text("text", "For type: the text that replaces the field's value.", false),
        text("option", "For select: an option's value or visible text.", false),
        text("saveTo", "A workspace path to write the page's whole HTML to.", false));
    add(
        "wait",
        "Wait before the next step, e.g. before retrying.",
        text("duration", "How long, e.g. '2s'.", true));
    add(
        "finish",
        "Stop working and report how it went.",
        choice("outcome", "How it went.", true, "success", "failed", "gave_up"),
        text("message", "One sentence for the report.", false));
  }

  private ToolSchemas() {}

  /** Return the name of every tool a model may be offered. */
  static Set<String> names() {
    return Collections.unmodifiableSet(TABLE.keySet());
  }

  /**
   * Return the schemas of the named tools, in the given order.
   *
   * @throws IllegalArgumentException naming the first unknown tool and the known ones
   */
  static List<Schema> of(List<String> names) {
    return names.stream()
        .map(
            name -> {
              Schema schema = TABLE.get(name);
              if (schema == null) {
                throw new IllegalArgumentException(
                    "agent.model.tools names '"
                        + name
                        + "', which is not a Gauntlet tool; the tools are "
                        + TABLE.keySet());
              }
              return schema;
            })
        .toList();
  }

  private record Argument(String name, ObjectNode schema, boolean required) {}

  private static Argument text(String name, String description, boolean required) {
    return new Argument(
        name, JSON.objectNode().put("type", "string").put("description", description), required);
  }

  private static Argument map(String name, String description) {
    ObjectNode schema = JSON.objectNode().put("type", "object").put("description", description);
    schema.putObject("additionalProperties").put("type", "string");
    return new Argument(name, schema, false);
  }

  private static Argument choice(
      String name, String description, boolean required, String... values) {
    ObjectNode schema = JSON.objectNode().put("type", "string").put("description", description);
    ArrayNode choices = schema.putArray("enum");
    for (String value : values) {
      choices.add(value);
    }
    return new Argument(name, schema, required);
  }

  private static void add(String name, String description, Argument... arguments) {
    ObjectNode parameters = JSON.objectNode().put("type", "object");
    ObjectNode properties = parameters.putObject("properties");
    ArrayNode required = parameters.putArray("required");
    for (Argument argument : arguments) {
      properties.set(argument.name(), argument.schema());
      if (argument.required()) {
        required.add(argument.name());
      }
    }
    parameters.put("additionalProperties", false);
    TABLE.put(name, new Schema(name, description, parameters));
  }
}
