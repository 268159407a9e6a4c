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

  /**
   * Return a user's text as a message may quote it: at most {@value #SHOWN_CHARS} characters, cut
   * with "…", and {@linkplain #printable printable}.
   */
  static String shorten(String text) {
    if (text.codePointCount(0, text.length()) <= SHOWN_CHARS) {
      return printable(text);
    }
    return printable(text.substring(0, text.offsetByCodePoints(0, SHOWN_CHARS))) + "…";
  }

  /**
   * Return a user's text with every character that does not print escaped, so that a message can
   * neither drive the terminal nor hide what it quotes: {@code \n}, {@code \r} and {@code \t} as
   * such, any other control or format character, separator but the space, surrogate, private-use or
   * unassigned code point as {@code \}{@code u001b} (two such escapes beyond the first plane).
   */
  static String printable(String text) {
    StringBuilder shown = null;
    for (int at = 0; at < text.length(); ) {
      int codePoint = text.codePointAt(at);
      int next = at + Character.charCount(codePoint);
      if (prints(codePoint)) {
        if (shown != null) {
          shown.appendCodePoint(codePoint);
        }
      } else {
        if (shown == null) {
          shown = new StringBuilder(text.length() + 16).append(text, 0, at);
        }
        escape(codePoint, shown);
      }
      at = next;
    }
    return shown == null ? text : shown.toString();
  }

  private static boolean prints(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED ->
          false;
      case Character.SPACE_SEPARATOR -> codePoint == ' ';
      default -> true;
    };
  }

  private static void escape(int codePoint, StringBuilder shown) {
    switch (codePoint) {
      case '\n' -> shown.append("\\n");
      case '\r' -> shown.append("\\r");
      case '\t' -> shown.append("\\t");
      default -> {
        for (char unit : Character.toChars(codePoint)) {
          shown.append(String.format(Locale.ROOT, "\\u%04x", (int) unit));
        }
      }
    }
  }
}
