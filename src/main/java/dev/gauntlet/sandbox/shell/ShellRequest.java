package dev.gauntlet.sandbox.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hold a {@code shell} action's arguments once they are checked.
 *
 * @param command the words to run; a command given as text becomes {@code /bin/sh -c <text>}
 * @param display the command as the agent wrote it, for messages and the trace
 * @param cwd the working directory, relative to the workspace
 * @param environment the variables the action adds to the scrubbed environment
 * @param timeout the wall-clock limit
 * @param inputTimeout how long the command may sit blocked on its empty stdin before it is ended
 * @param stdin the text written to the command's stdin, which is then closed; null when none was
 *     given
 */
record ShellRequest(
    List<String> command,
    String display,
    String cwd,
    Map<String, String> environment,
    Duration timeout,
    Duration inputTimeout,
    @Nullable String stdin) {

  static final List<String> PARAMETERS =
      List.of("command", "cwd", "env", "timeout", "inputTimeout", "stdin");

  /** Tell why an action's arguments were not accepted: which argument, and one sentence. */
  static final class BadArgument extends Exception {

    private static final long serialVersionUID = 1L;

    private final String argument;
    private final String sentence;

    BadArgument(String argument, String sentence) {
      super(sentence);
      this.argument = argument;
      this.sentence = sentence;
    }

    String argument() {
      return argument;
    }

    String sentence() {
      return sentence;
    }
  }

  /** Check an action's arguments against the tool's limits, filling in defaults. */
  static ShellRequest parse(ObjectNode given, Limits limits) throws BadArgument {
    for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PARAMETERS.contains(name)) {
        throw new BadArgument(
            name,
            "shell takes "
                + String.join(", ", PARAMETERS)
                + "; '"
                + name
                + "' is not one of them.");
      }
    }
    JsonNode command = given.get("command");
    if (command == null) {
      throw new BadArgument(
          "command", "shell needs the argument 'command' (text, or a list of words).");
    }
    List<String> words = words(command);
    String display = command.isTextual() ? command.textValue() : String.join(" ", words);
    String cwd = text(given, "cwd", ".");
    Duration timeout = duration(given, "timeout", limits.timeout());
    if (timeout.compareTo(limits.maxTimeout()) > 0) {
      throw new BadArgument(
          "timeout",
          "shell's 'timeout' is "
              + Durations.format(timeout)
              + ", above the longest allowed, "
              + Durations.format(limits.maxTimeout())
              + ".");
    }
    Duration inputTimeout = duration(given, "inputTimeout", limits.inputTimeout());
    JsonNode stdin = given.get("stdin");
    if (stdin != null && !stdin.isTextual()) {
      throw notText("stdin", stdin);
    }
    return new ShellRequest(
        words,
        display,
        cwd,
        environment(given.get("env")),
        timeout,
        inputTimeout,
        stdin == null ? null : stdin.textValue());
  }

  private static List<String> words(JsonNode command) throws BadArgument {
    if (command.isTextual()) {
      if (command.textValue().isBlank()) {
        throw new BadArgument("command", "shell's 'command' is empty; give the command to run.");
      }
      noNul("command", command.textValue());
      return List.of("/bin/sh", "-c", command.textValue());
    }
    if (!command.isArray() || command.isEmpty()) {
      throw new BadArgument(
          "command",
          "shell needs 'command' to be text or a non-empty list of words, not "
              + kind(command)
              + ".");
    }
    List<String> words = new ArrayList<>();
    for (JsonNode word : command) {
      if (!word.isTextual()) {
        throw new BadArgument(
            "command", "shell needs every word of 'command' to be text, not " + kind(word) + ".");
      }
      noNul("command", word.textValue());
      words.add(word.textValue());
    }
    if (words.get(0).isEmpty()) {
      throw new BadArgument("command", "shell's 'command' starts with an empty word.");
    }
    return List.copyOf(words);
  }

  private static Map<String, String> environment(@Nullable JsonNode env) throws BadArgument {
    if (env == null) {
      return Map.of();
    }
    if (!env.isObject()) {
      throw new BadArgument(
          "env", "shell needs 'env' to be a map of names to text, not " + kind(env) + ".");
    }
    Map<String, String> variables = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = env.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw new BadArgument(
            "env",
            "shell's 'env' has the name '"
                + name
                + "'; a variable's name is not empty and holds no '=' or NUL.");
      }
      if (!field.getValue().isTextual()) {
        throw new BadArgument(
            "env",
            "shell needs env '" + name + "' to be text, not " + kind(field.getValue()) + ".");
      }
      noNul("env", field.getValue().textValue());
      variables.put(name, field.getValue().textValue());
    }
    return variables;
  }

  private static Duration duration(ObjectNode given, String name, Duration byDefault)
      throws BadArgument {
    JsonNode value = given.get(name);
    if (value == null) {
      return byDefault;
    }
    Duration duration = value.isTextual() ? Durations.parse(value.textValue().strip()) : null;
    if (duration == null && value.isTextual()) {
      throw new BadArgument(
          name,
          "shell's '"
              + name
              + "' '"
              + value.textValue()
              + "' "
              + Durations.whyNot(value.textValue().strip())
              + ".");
    }
    if (duration == null) {
      throw new BadArgument(
          name,
          "shell's '"
              + name
              + "' is "
              + kind(value)
              + " "
              + value
              + "; write a duration with its unit, e.g. '30s', '500ms' or '2m'.");
    }
    return duration;
  }

  private static String text(ObjectNode given, String name, String byDefault) throws BadArgument {
    JsonNode value = given.get(name);
    if (value == null) {
      return byDefault;
    }
    if (!value.isTextual()) {
      throw notText(name, value);
    }
    return value.textValue();
  }

  private static void noNul(String argument, String text) throws BadArgument {
    if (text.indexOf('\0') >= 0) {
      throw new BadArgument(
          argument,
          "shell's '" + argument + "' contains a NUL character, which no command can take.");
    }
  }

  private static BadArgument notText(String name, JsonNode value) {
    return new BadArgument(name, "shell needs '" + name + "' to be text, not " + kind(value) + ".");
  }

  private static String kind(JsonNode value) {
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
