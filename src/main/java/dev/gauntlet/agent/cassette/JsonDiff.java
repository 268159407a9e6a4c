package dev.gauntlet.agent.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * List where two JSON documents differ, one line per difference, each starting with the JSON
 * pointer of the place, e.g. {@code /messages/3/content: expected "a" but was "b"}.
 */
final class JsonDiff {

  private static final int SHOWN = 80;

  private final int limit;
  private final List<String> lines = new ArrayList<>();
  private int found;

  private JsonDiff(int limit) {
    this.limit = limit;
  }

  /** Return the first {@code limit} differences, and a line counting the rest. */
  static List<String> between(JsonNode expected, JsonNode actual, int limit) {
    JsonDiff diff = new JsonDiff(limit);
    diff.compare("", expected, actual);
    if (diff.found > limit) {
      diff.lines.add("… and " + (diff.found - limit) + " more differences");
    }
    return diff.lines;
  }

  private void compare(String pointer, JsonNode expected, JsonNode actual) {
    if (expected.isObject() && actual.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String at = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        JsonNode left = expected.get(name);
        JsonNode right = actual.get(name);
        if (left == null) {
          add(at + ": not expected, was " + show(right));
        } else if (right == null) {
          add(at + ": missing, expected " + show(left));
        } else {
          compare(at, left, right);
        }
      }
    } else if (expected.isArray() && actual.isArray()) {
      int common = Math.min(expected.size(), actual.size());
      for (int i = 0; i < common; i++) {
        compare(pointer + "/" + i, expected.get(i), actual.get(i));
      }
      for (int i = common; i < expected.size(); i++) {
        add(pointer + "/" + i + ": missing, expected " + show(expected.get(i)));
      }
      for (int i = common; i < actual.size(); i++) {
        add(pointer + "/" + i + ": not expected, was " + show(actual.get(i)));
      }
    } else if (!expected.equals(actual)) {
      add(
          (pointer.isEmpty() ? "/" : pointer)
              + ": expected "
              + show(expected)
              + " but was "
              + show(actual));
    }
  }

  private void add(String line) {
    found++;
    if (found <= limit) {
      lines.add(line);
    }
  }

  private static String show(JsonNode node) {
    String text = node.toString();
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
  }

  /** Return the differences as the lines of one message. */
  static String join(List<String> lines) {
    StringBuilder out = new StringBuilder();
    for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
      out.append(it.next());
      if (it.hasNext()) {
        out.append("; ");
      }
    }
    return out.toString();
  }
}
