package dev.gauntlet.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * List the tools a script may call and the arguments each takes. A new tool (http, shell) is one
 * more row here; the loader and its messages follow from the table.
 */
final class Tools {

  /** The entry key that ends a script; it takes arguments like a tool but is not one. */
  static final String FINISH = "finish";

  /**
   * One argument of a tool.
   *
   * @param byDefault the value used when the argument is left out, or null when it is required
   */
  record Argument(String name, @Nullable String byDefault) {

    static Argument required(String name) {
      return new Argument(name, null);
    }

    static Argument optional(String name, String byDefault) {
      return new Argument(name, byDefault);
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
  static Set<String> names() {
    return Collections.unmodifiableSet(TABLE.keySet());
  }
}
