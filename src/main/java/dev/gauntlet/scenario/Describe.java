package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Name values and types the way problem messages show them. */
final class Describe {

  private static final int SHOWN_CHARS = 40;

  private Describe() {}

  /** Describe a found value, e.g. {@code the text 'many'} or {@code a list}. */
  static String node(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return "no value";
    }
    if (node.isTextual()) {
      return "the text '" + shorten(node.asText()) + "'";
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isBoolean()) {
      return "the boolean " + node.asText();
    }
    return node.isArray() ? "a list" : "a mapping";
  }

  /** Name what a Java type expects of a value, e.g. {@code a whole number}. */
  static String type(Class<?> type) {
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      return "a whole number";
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
      return "a mapping";
    }
    return "a " + type.getSimpleName();
  }

  static String shorten(String text) {
    String oneLine = text.replace("\n", "\\n");
    return oneLine.length() <= SHOWN_CHARS ? oneLine : oneLine.substring(0, SHOWN_CHARS) + "…";
  }
}
