package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Follow which variables a script has defined at each entry, in the order the scripted agent first
 * reaches its entries, and check every {@code ${…}} expression against them. The agent defines
 * {@code step} before every entry and {@code last} once an action has been taken; a repeat's {@code
 * as} from the start of its block (keeping its last pass after it); an entry's {@code save} from
 * the next entry on. Every repeat runs at least once, so what an earlier entry defines is defined
 * whenever a later one is reached.
 */
final class ScriptVariables {

  private static final String STEP = "step";
  private static final String LAST = "last";

  private final Checker check;
  private final Set<String> defined = new TreeSet<>(Set.of(STEP));

  ScriptVariables(Checker check) {
    this.check = check;
  }

  /**
   * Return what the built-in variable of this name holds, e.g. {@code the previous action's
   * output}, or null when the name is free for a repeat's {@code as} or an entry's {@code save}.
   */
  static @Nullable String builtIn(String name) {
    return switch (name) {
      case STEP -> "the current step's number";
      case LAST -> "the previous action's output";
      default -> null;
    };
  }

  /** Define a repeat's variable for its block and what follows. */
  void repeat(String as) {
    defined.add(as);
  }

  /** Define {@code last}, and the entry's {@code save} when it has one, for what follows. */
  void acted(@Nullable String save) {
    defined.add(LAST);
    if (save != null) {
      defined.add(save);
    }
  }

  /** Check every string of an action's arguments; {@code where} gives each argument's path. */
  void check(JsonNode arguments, Function<String, KeyPath> where) {
    for (Iterator<Map.Entry<String, JsonNode>> it = arguments.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> argument = it.next();
      strings(argument.getValue(), where.apply(argument.getKey()));
    }
  }

  /** Check every expression of one string. */
  void text(String text, KeyPath path) {
    for (Expressions.Expression expression : Expressions.in(text)) {
      String malformed = expression.malformed();
      String name = expression.name();
      if (malformed != null) {
        check.problem(path, malformed);
      } else if (name != null && !defined.contains(name)) {
        check.problem(path, undefined(name, expression.written()));
      }
    }
  }

  private void strings(JsonNode node, KeyPath path) {
    if (node.isTextual()) {
      text(node.textValue(), path);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        strings(node.get(i), path.index(i));
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        KeyPath at = path.key(field.getKey());
        if (holdsExpression(field.getKey())) {
          // The scripted agent substitutes values only: a key reaches the tool as written.
          check.keyProblem(
              at,
              "key '"
                  + Describe.shorten(field.getKey())
                  + "' holds '${', but keys are sent exactly as written: only values are"
                  + " substituted");
        }
        strings(field.getValue(), at);
      }
    }
  }

  /** Return whether a key of an argument's mapping holds {@code ${}, which is never substituted. */
  static boolean holdsExpression(String key) {
    return key.contains("${");
  }

  private String undefined(String name, String written) {
    String unknown = "unknown variable '" + name + "' in '" + Describe.shorten(written) + "'; ";
    if (name.equals(LAST)) {
      return unknown
          + "${last} is the previous action's output, and no action comes before this one";
    }
    String known = "defined here: " + String.join(", ", defined);
    String nearest = Nearest.of(name, defined);
    return nearest != null
        ? unknown + known + "; did you mean '" + nearest + "'?"
        : unknown
            + known
            + "; a variable is set by an enclosing repeat's 'as' or by an earlier entry's 'save'";
  }
}
