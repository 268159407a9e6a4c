package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Check the shape of values in one document, collecting a {@link Problem} for each mistake instead
 * of stopping at the first. Each getter returns null when the value is unusable, after recording
 * why.
 */
final class Checker {

  private final YamlDocument document;
  private final List<Problem> problems = new ArrayList<>();
  private final Set<KeyPath> withUnknownKeys = new HashSet<>();

  Checker(YamlDocument document) {
    this.document = document;
  }

  YamlDocument document() {
    return document;
  }

  List<Problem> problems() {
    return problems;
  }

  void problem(KeyPath path, String message) {
    problems.add(document.problem(path, message));
  }

  void addAll(List<Problem> found) {
    problems.addAll(found);
  }

  void keyProblem(KeyPath path, String message) {
    problems.add(document.keyProblem(path, message));
  }

  /** Return the value as a mapping whose keys all belong to {@code allowed}, or null. */
  @Nullable ObjectNode mapping(JsonNode node, KeyPath path, Collection<String> allowed) {
    if (!node.isObject()) {
      expected(node, path, "a mapping");
      return null;
    }
    ObjectNode mapping = (ObjectNode) node;
    for (Iterator<String> keys = mapping.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!allowed.contains(key)) {
        keyProblem(path.key(key), Nearest.unknownKey(key, allowed));
        withUnknownKeys.add(path);
      }
    }
    return mapping;
  }

  /**
   * Return the value as a mapping with keys of the user's choosing, such as file paths, or null.
   */
  @Nullable ObjectNode anyMapping(JsonNode node, KeyPath path) {
    if (!node.isObject()) {
      expected(node, path, "a mapping");
      return null;
    }
    return (ObjectNode) node;
  }

  /** Return the value under {@code key}, recording a problem when it is missing. */
  @Nullable JsonNode required(ObjectNode mapping, KeyPath path, String key) {
    JsonNode value = mapping.get(key);
    // An unknown key in the same mapping is most likely this key misspelt; one problem says it all.
    if (value == null && !withUnknownKeys.contains(path)) {
      problem(path.key(key), "missing required key '" + key + "'");
    }
    return value;
  }

  @Nullable ArrayNode list(JsonNode node, KeyPath path) {
    if (!node.isArray()) {
      expected(node, path, "a list");
      return null;
    }
    return (ArrayNode) node;
  }

  @Nullable String string(JsonNode node, KeyPath path) {
    if (!node.isTextual()) {
      String hint = node.isValueNode() && !node.isNull() ? " (quote it to make it text)" : "";
      problem(path, "expected a string but found " + Describe.node(node) + hint);
      return null;
    }
    return node.asText();
  }

  @Nullable Boolean bool(JsonNode node, KeyPath path) {
    if (!node.isBoolean()) {
      expected(node, path, "true or false");
      return null;
    }
    return node.asBoolean();
  }

  /** Return a whole number of at least {@code min}, or null. */
  @Nullable Integer integer(JsonNode node, KeyPath path, int min) {
    String wanted = min == 1 ? "a positive whole number" : "a whole number of at least " + min;
    if (node.isIntegralNumber() && !node.canConvertToInt() && node.bigIntegerValue().signum() > 0) {
      expected(node, path, "a whole number from " + min + " to " + Integer.MAX_VALUE);
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      expected(node, path, wanted);
      return null;
    }
    int value = node.asInt();
    if (value < min) {
      expected(node, path, wanted);
      return null;
    }
    return value;
  }

  /**
   * Return a duration such as {@code 30s}, or null after recording why the value is none: its type,
   * or the rule of {@link Durations} it breaks.
   */
  @Nullable Duration duration(JsonNode node, KeyPath path) {
    if (!node.isTextual()) {
      expected(node, path, Tools.Kind.DURATION.description);
      return null;
    }
    String text = node.asText().strip();
    String whyNot = Durations.whyNot(text);
    if (whyNot != null) {
      problem(path, "'" + Describe.shorten(text) + "' " + whyNot);
      return null;
    }
    return Durations.parse(text);
  }

  void expected(JsonNode node, KeyPath path, String wanted) {
    problem(path, "expected " + wanted + " but found " + Describe.node(node));
  }
}
