package dev.gauntlet.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.loop.Stage;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hold what a report shows of one line of {@code trace.jsonl}: the action, its result and times.
 */
final class TraceStep {

  private static final int MAX_TARGET = 80;

  private final int number;
  private final double atMillis;
  private final String tool;
  private final String target;
  private final @Nullable String status;
  private final @Nullable String reason;
  private final String summary;
  private final String effect;
  private final Map<Stage, Long> nanos = new EnumMap<>(Stage.class);
  private final @Nullable String outcome;
  private final @Nullable String message;

  private TraceStep(JsonNode line) {
    this.number = line.path("step").asInt();
    this.atMillis = line.path("atMillis").asDouble();
    JsonNode action = line.path("action");
    this.tool = action.path("tool").asText("?");
    this.target = target(action.path("arguments"));
    JsonNode result = line.path("result");
    this.status = result.has("status") ? result.get("status").asText() : null;
    this.reason = result.has("reason") ? result.get("reason").asText() : null;
    this.summary = result.path("summary").asText("");
    this.effect = line.path("effect").asText("none");
    for (Stage stage : Stage.values()) {
      nanos.put(stage, line.path("nanos").path(stage.key()).asLong());
    }
    this.outcome = line.has("outcome") ? line.get("outcome").asText() : null;
    this.message = line.has("message") ? line.get("message").asText() : null;
  }

  static TraceStep of(JsonNode line) {
    return new TraceStep(line);
  }

  int number() {
    return number;
  }

  /** When the step began, in milliseconds since the run began. */
  double atMillis() {
    return atMillis;
  }

  String tool() {
    return tool;
  }

  /** What the action was aimed at: a path, a URL, a command, or the first text argument. */
  String target() {
    return target;
  }

  /** {@code ok}, {@code error} or {@code refused}; null for {@code finish}. */
  @Nullable String status() {
    return status;
  }

  @Nullable String reason() {
    return reason;
  }

  String summary() {
    return summary;
  }

  String effect() {
    return effect;
  }

  long nanos(Stage stage) {
    return nanos.getOrDefault(stage, 0L);
  }

  long totalNanos() {
    return nanos.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The run's outcome, on the last step only. */
  @Nullable String outcome() {
    return outcome;
  }

  @Nullable String message() {
    return message;
  }

  /** Name the step for people, e.g. {@code 12 write notes/page-3.md}. */
  String title() {
    return number + " " + tool + (target.isEmpty() ? "" : " " + target);
  }

  private static String target(JsonNode arguments) {
    if (arguments.isTextual()) {
      return cut(arguments.asText());
    }
    for (String key : new String[] {"path", "url", "command", "outcome"}) {
      JsonNode value = arguments.get(key);
      if (value != null && value.isValueNode()) {
        String method = arguments.path("method").asText("");
        return cut(
            key.equals("url") && !method.isEmpty()
                ? method + " " + value.asText()
                : value.asText());
      }
    }
    for (Map.Entry<String, JsonNode> argument : arguments.properties()) {
      JsonNode value = argument.getValue();
      if (value.isValueNode()) {
        return cut(value.asText());
      }
    }
    return "";
  }

  private static String cut(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_TARGET ? line : line.substring(0, MAX_TARGET - 1) + "…";
  }
}
