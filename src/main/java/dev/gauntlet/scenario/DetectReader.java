package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Read the parts of a scenario that concern the detectors: the {@code detect} section, the
 * top-level {@code repeat}, and the {@code loops}, {@code stalls} and {@code deadlines}
 * expectations.
 */
final class DetectReader {

  static final List<String> DETECT_KEYS =
      List.of("identicalAction", "identicalFailingAction", "cycle", "stall", "deadlines");
  private static final List<String> CYCLE_KEYS = List.of("period", "repeats");
  private static final List<String> LOOP_KEYS = List.of("kind", "steps", "step");
  private static final List<String> STALL_KEYS = List.of("steps", "step");
  private static final List<String> DEADLINE_KEYS = List.of("stage", "steps", "step");
  private static final List<String> LOOP_KINDS =
      List.of(
          FindingKind.IDENTICAL_ACTION.key(),
          FindingKind.IDENTICAL_FAILING_ACTION.key(),
          FindingKind.CYCLE.key());

  private final Checker check;
  private final YamlDocument document;

  DetectReader(Checker check) {
    this.check = check;
    this.document = check.document();
  }

  /** Read {@code repeat: k}, the number of trials; 1 when absent. */
  int trials(@Nullable JsonNode node, KeyPath path) {
    if (node == null) {
      return 1;
    }
    Integer trials = check.integer(node, path, 1);
    return trials == null ? 1 : trials;
  }

  DetectSpec detect(@Nullable JsonNode node, KeyPath path) {
    DetectSpec defaults = DetectSpec.DEFAULT;
    ObjectNode detect = node == null ? null : check.mapping(node, path, DETECT_KEYS);
    if (detect == null) {
      return defaults;
    }
    int identical = threshold(detect, path, "identicalAction", defaults.identicalAction());
    int failing =
        threshold(detect, path, "identicalFailingAction", defaults.identicalFailingAction());
    int stall = threshold(detect, path, "stall", defaults.stall());
    int period = defaults.cyclePeriod();
    int repeats = defaults.cycleRepeats();
    JsonNode cycleNode = detect.get("cycle");
    ObjectNode cycle =
        cycleNode == null ? null : check.mapping(cycleNode, path.key("cycle"), CYCLE_KEYS);
    if (cycle != null) {
      period = threshold(cycle, path.key("cycle"), "period", period);
      repeats = threshold(cycle, path.key("cycle"), "repeats", repeats);
    }
    JsonNode deadlinesNode = detect.get("deadlines");
    StageDeadlines deadlines =
        deadlinesNode == null
            ? StageDeadlines.NONE
            : deadlines(deadlinesNode, path.key("deadlines"));
    return new DetectSpec(identical, failing, period, repeats, stall, deadlines);
  }

  /** Read a count of steps in a row; a finding needs at least two. */
  private int threshold(ObjectNode mapping, KeyPath parent, String key, int byDefault) {
    JsonNode node = mapping.get(key);
    if (node == null) {
      return byDefault;
    }
    Integer value = check.integer(node, parent.key(key), 2);
    return value == null ? byDefault : value;
  }

  private StageDeadlines deadlines(JsonNode node, KeyPath path) {
    ObjectNode mapping = check.mapping(node, path, StageDeadlines.STAGES);
    if (mapping == null) {
      return StageDeadlines.NONE;
    }
    Duration[] limits = new Duration[StageDeadlines.STAGES.size()];
    for (int i = 0; i < limits.length; i++) {
      String stage = StageDeadlines.STAGES.get(i);
      JsonNode limit = mapping.get(stage);
      limits[i] = limit == null ? null : ScenarioReader.duration(check, limit, path.key(stage));
    }
    return new StageDeadlines(limits[0], limits[1], limits[2], limits[3]);
  }

  /** Read {@code loops}: entries {@code {kind, steps}}, or just the kind. */
  void loops(JsonNode node, KeyPath path, List<FindingExpectation> into) {
    ArrayNode list = check.list(node, path);
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      KeyPath itemPath = path.index(i);
      JsonNode item = list.get(i);
      if (item.isTextual()) {
        FindingKind kind = loopKind(item, itemPath);
        if (kind != null) {
          into.add(new FindingExpectation(kind, null, null, null, document.origin(itemPath)));
        }
        continue;
      }
      ObjectNode entry = check.mapping(item, itemPath, LOOP_KEYS);
      if (entry == null) {
        continue;
      }
      JsonNode kindNode = check.required(entry, itemPath, "kind");
      FindingKind kind = kindNode == null ? null : loopKind(kindNode, itemPath.key("kind"));
      int[] steps = steps(entry, itemPath);
      if (kind != null && steps != null) {
        into.add(expectation(kind, steps, null, itemPath));
      }
    }
  }

  /** Read {@code stalls}: entries {@code {steps}}, or an empty mapping for any stall. */
  void stalls(JsonNode node, KeyPath path, List<FindingExpectation> into) {
    ArrayNode list = check.list(node, path);
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      KeyPath itemPath = path.index(i);
      ObjectNode entry = check.mapping(list.get(i), itemPath, STALL_KEYS);
      int[] steps = entry == null ? null : steps(entry, itemPath);
      if (steps != null) {
        into.add(expectation(FindingKind.STALL, steps, null, itemPath));
      }
    }
  }

  /** Read {@code deadlines}: entries {@code {stage, step}} or {@code {stage, steps}}. */
  void deadlines(JsonNode node, KeyPath path, List<FindingExpectation> into) {
    ArrayNode list = check.list(node, path);
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      KeyPath itemPath = path.index(i);
      ObjectNode entry = check.mapping(list.get(i), itemPath, DEADLINE_KEYS);
      if (entry == null) {
        continue;
      }
      JsonNode stageNode = check.required(entry, itemPath, "stage");
      String stage = stageNode == null ? null : stage(stageNode, itemPath.key("stage"));
      int[] steps = steps(entry, itemPath);
      if (stage != null && steps != null) {
        into.add(expectation(FindingKind.DEADLINE, steps, stage, itemPath));
      }
    }
  }

  private FindingExpectation expectation(
      FindingKind kind, int[] steps, @Nullable String stage, KeyPath path) {
    Integer first = steps.length == 0 ? null : steps[0];
    Integer last = steps.length == 0 ? null : steps[1];
    return new FindingExpectation(kind, first, last, stage, document.origin(path));
  }

  private @Nullable FindingKind loopKind(JsonNode node, KeyPath path) {
    String key = check.string(node, path);
    if (key == null) {
      return null;
    }
    if (!LOOP_KINDS.contains(key)) {
      String hint =
          key.equals(FindingKind.STALL.key()) || key.equals(FindingKind.DEADLINE.key())
              ? "a " + key + " is expected under '" + key + "s', not 'loops'"
              : Nearest.hint(key, LOOP_KINDS);
      check.problem(path, "unknown kind of loop '" + Describe.shorten(key) + "'; " + hint);
      return null;
    }
    return FindingKind.valueOf(key.toUpperCase(java.util.Locale.ROOT));
  }

  private @Nullable String stage(JsonNode node, KeyPath path) {
    String stage = check.string(node, path);
    if (stage != null && !StageDeadlines.STAGES.contains(stage)) {
      check.problem(
          path,
          "unknown stage '"
              + Describe.shorten(stage)
              + "'; "
              + Nearest.hint(stage, StageDeadlines.STAGES));
      return null;
    }
    return stage;
  }

  /**
   * Read {@code steps: [first, last]} or {@code step: n}: an empty array when neither is given,
   * null (with a problem recorded) when the value is unusable.
   */
  private int @Nullable [] steps(ObjectNode entry, KeyPath path) {
    JsonNode one = entry.get("step");
    JsonNode range = entry.get("steps");
    if (one != null && range != null) {
      check.keyProblem(path.key("step"), "give 'step' or 'steps', not both");
      return null;
    }
    if (one != null) {
      Integer step = check.integer(one, path.key("step"), 1);
      return step == null ? null : new int[] {step, step};
    }
    if (range == null) {
      return new int[0];
    }
    KeyPath rangePath = path.key("steps");
    if (!range.isArray() || range.size() != 2) {
      check.expected(range, rangePath, "the first and last step, such as [3, 9]");
      return null;
    }
    Integer first = check.integer(range.get(0), rangePath.index(0), 1);
    Integer last = check.integer(range.get(1), rangePath.index(1), 1);
    if (first == null || last == null) {
      return null;
    }
    if (first > last) {
      check.problem(
          rangePath,
          "the first step "
              + first
              + " comes after the last "
              + last
              + "; write ["
              + last
              + ", "
              + first
              + "]");
      return null;
    }
    return new int[] {first, last};
  }
}
