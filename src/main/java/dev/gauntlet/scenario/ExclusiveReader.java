package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Read the top-level {@code exclusive} list: the names of resources, such as {@code database}, that
 * a scenario must hold alone while it runs in parallel with others.
 */
final class ExclusiveReader {

  static final String NAME_RULE = "[A-Za-z0-9][A-Za-z0-9._-]*";

  private static final Pattern NAME = Pattern.compile(NAME_RULE);

  private final Checker check;

  ExclusiveReader(Checker check) {
    this.check = check;
  }

  /** Read {@code exclusive}; empty when the scenario has none. Names repeated count once. */
  List<String> exclusive(@Nullable JsonNode node, KeyPath path) {
    ArrayNode list = node == null ? null : check.list(node, path);
    if (list == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String name = check.string(list.get(i), path.index(i));
      if (name == null) {
        continue;
      }
      if (!NAME.matcher(name).matches()) {
        check.problem(
            path.index(i),
            "resource name '"
                + Describe.shorten(name)
                + "' must match "
                + NAME_RULE
                + ", e.g. 'database'");
      } else if (!names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
