package dev.gauntlet.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * List the tools a script may call and the arguments each takes. A new tool (http, shell, browser)
 * is one more row here; the loader and its messages follow from the table.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Tools {

  /** The entry key that ends a script; it takes arguments like a tool but is not one. */
  static final String FINISH = "finish";

  /** What an argument's value may be; every string in it may hold {@code ${…}} expressions. */
  enum Kind {
    /** A string. */
    TEXT("a string"),
    /** A string, or a non-empty list of strings (e.g. a command and its arguments). */
    TEXT_OR_LIST("a string or a list of strings"),
    /** A mapping of names to strings (e.g. headers, environment variables). */
    TEXT_MAP("a mapping of names to strings"),
    /** Any YAML value, sent on as JSON (e.g. a request body). */
    JSON("any value"),
    /**
     * A duration such as {@code 30s}; its bounds are the tool's, checked by {@link ArgumentRules}.
     */
    DURATION("a positive duration such as 500ms, 30s, 2m or 1h"),
    /**
     * A number of seconds; its type and bounds are the tool's, checked by {@link ArgumentRules}.
     */
    SECONDS("a number of seconds");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  /**
   * One argument of a tool.
   *
   * @param required whether a scenario must give it
   * @param byDefault the value used when an optional argument is left out, or null for none
   */
  record Argument(String name, Kind kind, boolean required, @Nullable String byDefault) {

    static Argument required(String name) {
      return new Argument(name, Kind.TEXT, true, null);
    }

    static Argument required(String name, Kind kind) {
      return new Argument(name, kind, true, null);
    }

    static Argument optional(String name, String byDefault) {
      return new Argument(name, Kind.TEXT, false, byDefault);
    }

    static Argument optional(String name, Kind kind) {
      return new Argument(name, kind, false, null);
    }
  }

  /**
   * One tool.
   *
   * @param primary the argument a short form such as {@code read: plan.md} sets
   */
  record Spec(String name, String primary, List<Argument> arguments) {

    Set<String> argumentNames() {
      return arguments.stream().map(Argument::name).collect(Collectors.toUnmodifiableSet());
    }

    @Nullable Argument argument(String name) {
      return arguments.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }
  }

  private static final Map<String, Spec> TABLE = new LinkedHashMap<>();

  static {
    add("read", "path", Argument.required("path"));
    add("write", "path", Argument.required("path"), Argument.required("content"));
    add("append", "path", Argument.required("path"), Argument.required("content"));
    add("list", "path", Argument.optional("path", "."));
    add("delete", "path", Argument.required("path"));
    add("mkdir", "path", Argument.required("path"));
    add(
        "http",
        "url",
        Argument.required("url"),
        Argument.optional("method", "GET"),
        Argument.optional("headers", Kind.TEXT_MAP),
        Argument.optional("body", Kind.JSON),
        Argument.optional("timeout", Kind.SECONDS));
    add(
        "shell",
        "command",
        Argument.required("command", Kind.TEXT_OR_LIST),
        Argument.optional("cwd", "."),
        Argument.optional("env", Kind.TEXT_MAP),
        Argument.optional("timeout", Kind.DURATION),
        Argument.optional("inputTimeout", Kind.DURATION),
        Argument.optional("stdin", Kind.TEXT));
    add(
        "browser",
        "action",
        Argument.required("action"),
        Argument.optional("url", Kind.TEXT),
        Argument.optional("ref", Kind.TEXT),
        Argument.optional("text", Kind.TEXT),
        Argument.optional("option", Kind.TEXT),
        Argument.optional("saveTo", Kind.TEXT));
    add("wait", "duration", Argument.required("duration", Kind.DURATION));
    add(
        FINISH,
        "outcome",
        Argument.optional("outcome", "success"),
        Argument.optional("message", ""));
  }

  private Tools() {}

  private static void add(String name, String primary, Argument... arguments) {
    TABLE.put(name, new Spec(name, primary, List.of(arguments)));
  }

  /** Return the tool named {@code name}, {@code finish} included, or null. */
  static @Nullable Spec find(String name) {
    return TABLE.get(name);
  }

  /** Return every name an entry may use as its one action key, {@code finish} included. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(TABLE.keySet());
  }
}
