package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.browser.BrowserTool;
import dev.gauntlet.network.HeaderRules;
import dev.gauntlet.network.HttpTool;
import dev.gauntlet.sandbox.shell.ShellTool;
import dev.gauntlet.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Check the values of a scripted action's arguments against the rules its tool applies when the
 * action runs: durations and their bounds, numbers, choices, and the arguments a choice needs. The
 * table of {@link Tools} has already checked each value's type. A string that holds a {@code ${…}}
 * expression is known only when the agent reaches the action, so the tool checks it then.
 */
final class ArgumentRules {

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
  private static final Duration LONGEST_COMMAND =
      requireDuration(Durations.parse(ShellTool.MAX_TIMEOUT_TEXT));
  private static final String HTTP_TIMEOUT =
      "a number of seconds above 0 and at most " + HttpTool.MAX_TIMEOUT.toSeconds();

  private final Checker check;

  ArgumentRules(Checker check) {
    this.check = check;
  }

  /** Check the arguments of one action; {@code where} gives the path of each argument. */
  void check(String tool, ObjectNode arguments, Function<String, KeyPath> where) {
    switch (tool) {
      case "shell" -> shell(arguments, where);
      case "http" -> http(arguments, where);
      case "browser" -> browser(arguments, where);
      case "wait" -> duration(arguments.get("duration"), where.apply("duration"));
      default -> {
        // The other tools take text whose rules (paths inside the workspace) are the run's to
        // enforce: refusing an escaping path is an outcome a scenario may expect.
      }
    }
  }

  private void shell(ObjectNode arguments, Function<String, KeyPath> where) {
    command(arguments.get("command"), where.apply("command"));
    Duration timeout = duration(arguments.get("timeout"), where.apply("timeout"));
    if (timeout != null && timeout.compareTo(LONGEST_COMMAND) > 0) {
      check.expected(
          arguments.get("timeout"),
          where.apply("timeout"),
          "a duration of at most "
              + ShellTool.MAX_TIMEOUT_TEXT
              + ", the longest a command may run,");
    }
    duration(arguments.get("inputTimeout"), where.apply("inputTimeout"));
    environmentNames(arguments.get("env"), where.apply("env"));
  }

  private void command(@Nullable JsonNode command, KeyPath path) {
    String text = known(command);
    if (text != null && text.isBlank()) {
      check.problem(path, "expected a command to run but found a blank string");
    }
    String program = command != null && command.isArray() ? known(command.get(0)) : null;
    if (program != null && program.isEmpty()) {
      check.problem(path.index(0), "expected the program's name but found an empty string");
    }
  }

  private void environmentNames(@Nullable JsonNode env, KeyPath path) {
    for (Map.Entry<String, JsonNode> variable : fields(env)) {
      String name = variable.getKey();
      if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        check.keyProblem(
            path.key(name),
            "'"
                + Describe.shorten(name)
                + "' is not an environment variable's name: a name is not empty and holds no '='"
                + " or NUL");
      }
    }
  }

  private void http(ObjectNode arguments, Function<String, KeyPath> where) {
    String method = known(arguments.get("method"));
    if (method != null && !METHOD.matcher(method.toUpperCase(Locale.ROOT)).matches()) {
      check.expected(
          arguments.get("method"),
          where.apply("method"),
          "an HTTP method of 1 to 16 letters, such as GET or POST,");
    }
    headers(arguments.get("headers"), where.apply("headers"));
    JsonNode timeout = arguments.get("timeout");
    if (timeout != null && !timeout.isNull() && !isHttpTimeout(timeout)) {
      check.expected(timeout, where.apply("timeout"), HTTP_TIMEOUT);
    }
  }

  private void headers(@Nullable JsonNode headers, KeyPath path) {
    for (Map.Entry<String, JsonNode> header : fields(headers)) {
      KeyPath at = path.key(header.getKey());
      // A name holding '${' is refused by ScriptVariables, which says why: one problem is enough.
      if (!HeaderRules.isName(header.getKey())
          && !ScriptVariables.holdsExpression(header.getKey())) {
        check.keyProblem(
            at,
            "header name '"
                + Describe.shorten(header.getKey())
                + "' is not an HTTP token: letters, digits and !#$%&'*+-.^_`|~ only");
      }
      String value = known(header.getValue());
      if (value != null && value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        check.expected(header.getValue(), at, "a single-line header value");
      }
    }
  }

  /** Return whether the http tool takes the value: it rounds to whole milliseconds. */
  private static boolean isHttpTimeout(JsonNode node) {
    if (!node.isNumber() || node.asDouble() <= 0) {
      return false;
    }
    Duration timeout = Duration.ofMillis(Math.round(node.asDouble() * 1000));
    return !timeout.isZero() && timeout.compareTo(HttpTool.MAX_TIMEOUT) <= 0;
  }

  private void browser(ObjectNode arguments, Function<String, KeyPath> where) {
    String action = known(arguments.get("action"));
    if (action == null) {
      return;
    }
    List<String> needs = BrowserTool.argumentsNeeded(action);
    if (needs == null) {
      check.problem(
          where.apply("action"),
          "unknown browser action '"
              + Describe.shorten(action)
              + "'; "
              + Nearest.hint(action, BrowserTool.actions()));
      return;
    }
    for (String name : needs) {
      if (!arguments.has(name)) {
        check.problem(
            where.apply(name),
            "missing required key '" + name + "' of browser action '" + action + "'");
      }
    }
  }

  /** Return a known duration, or null when there is none or it is refused with a problem. */
  private @Nullable Duration duration(@Nullable JsonNode node, KeyPath path) {
    return node == null || known(node) == null ? null : check.duration(node, path);
  }

  /**
   * Return the text a string argument will have when the action runs, or null when it is not a
   * string or an expression decides it then.
   */
  private static @Nullable String known(@Nullable JsonNode node) {
    if (node == null || !node.isTextual() || !Expressions.in(node.textValue()).isEmpty()) {
      return null;
    }
    return Expressions.literal(node.textValue());
  }

  private static List<Map.Entry<String, JsonNode>> fields(@Nullable JsonNode mapping) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    if (mapping != null && mapping.isObject()) {
      mapping.fields().forEachRemaining(fields::add);
    }
    return fields;
  }

  private static Duration requireDuration(@Nullable Duration duration) {
    if (duration == null) {
      throw new IllegalStateException("the shell's longest timeout is not a duration");
    }
    return duration;
  }
}
