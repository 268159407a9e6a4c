package dev.gauntlet.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Compare JSON values as JSON means them: {@code 20} equals {@code 20.0}. */
final class JsonValues {

  private JsonValues() {}

  static boolean equal(JsonNode actual, JsonNode wanted) {
    return actual.equals((a, b) -> compare(a, b), wanted);
  }

  private static int compare(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      BigDecimal left = a.decimalValue();
      BigDecimal right = b.decimalValue();
      return left.compareTo(right);
    }
    return a.equals(b) ? 0 : 1;
  }
}
