package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** Read the top-level {@code faults} list: the tool failures injected during a run. */
final class FaultReader {

  static final List<String> FAULT_KEYS =
      List.of("tool", "fault", "step", "path", "times", "exitCode");

  private final Checker check;
  private final YamlDocument document;

  FaultReader(Checker check) {
    this.check = check;
    this.document = check.document();
  }

  /** Read {@code faults}; empty when the scenario has none. */
  List<ToolFault> faults(@Nullable JsonNode node, KeyPath path) {
    if (node == null) {
      return List.of();
    }
    ArrayNode list = check.list(node, path);
    if (list == null) {
      return List.of();
    }
    List<ToolFault> faults = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ToolFault fault = fault(list.get(i), path.index(i));
      if (fault != null) {
        faults.add(fault);
      }
    }
    return faults;
  }

  private @Nullable ToolFault fault(JsonNode node, KeyPath path) {
    ObjectNode entry = check.mapping(node, path, FAULT_KEYS);
    if (entry == null) {
      return null;
    }
    JsonNode toolNode = check.required(entry, path, "tool");
    JsonNode kindNode = check.required(entry, path, "fault");
    String tool = toolNode == null ? null : check.string(toolNode, path.key("tool"));
    String kindText = kindNode == null ? null : check.string(kindNode, path.key("fault"));
    if (tool == null || kindText == null) {
      return null;
    }
    List<ToolFault.Kind> kinds = ToolFault.KINDS_BY_TOOL.get(tool);
    if (kinds == null) {
      check.problem(
          path.key("tool"),
          "'"
              + Describe.shorten(tool)
              + "' is not a tool that faults can be injected into; "
              + choices(tool, new TreeSet<>(ToolFault.KINDS_BY_TOOL.keySet())));
      return null;
    }
    List<String> keys = kinds.stream().map(ToolFault.Kind::key).toList();
    ToolFault.Kind kind =
        Arrays.stream(ToolFault.Kind.values())
            .filter(candidate -> candidate.key().equals(kindText.toLowerCase(Locale.ROOT)))
            .findFirst()
            .orElse(null);
    if (kind == null || !kinds.contains(kind)) {
      check.problem(
          path.key("fault"),
          "'"
              + Describe.shorten(kindText)
              + "' is not a fault the tool '"
              + tool
              + "' can take; "
              + choices(kindText, keys));
      return null;
    }
    Integer step = positive(entry, path, "step", 1);
    Integer times = positive(entry, path, "times", 1);
    Integer exitCode = positive(entry, path, "exitCode", 1);
    if (exitCode != null && exitCode > 255) {
      check.problem(path.key("exitCode"), "an exit code is between 1 and 255, not " + exitCode);
      exitCode = null;
    }
    if (entry.has("exitCode") && kind != ToolFault.Kind.EXIT_CODE) {
      check.problem(path.key("exitCode"), "'exitCode' belongs to the fault exit_code only");
    }
    String glob = null;
    JsonNode pathNode = entry.get("path");
    if (pathNode != null) {
      glob = check.string(pathNode, path.key("path"));
      if (glob != null && tool.equals("shell")) {
        check.problem(path.key("path"), "'path' selects file actions; a shell action has none");
      } else if (glob != null) {
        try {
          FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
          check.problem(
              path.key("path"),
              "'" + Describe.shorten(glob) + "' is not a glob pattern: " + e.getDescription());
        }
      }
    }
    return new ToolFault(
        tool,
        kind,
        step,
        glob,
        times == null ? 1 : times,
        exitCode == null ? 1 : exitCode,
        document.origin(path));
  }

  private static String choices(String given, Collection<String> valid) {
    String nearest = Nearest.of(given, valid);
    return nearest != null
        ? "did you mean '" + nearest + "'?"
        : "use one of " + String.join(", ", valid);
  }

  private @Nullable Integer positive(ObjectNode entry, KeyPath path, String key, int min) {
    JsonNode node = entry.get(key);
    return node == null ? null : check.integer(node, path.key(key), min);
  }
}
