package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Read the top-level {@code recovery} section and the {@code expect.recovery} expectation. */
final class RecoveryReader {

  static final List<String> RECOVERY_KEYS = List.of("attempts", "backoff", "budget");
  static final List<String> BACKOFF_KEYS = List.of("initial", "factor", "max", "jitter");
  static final List<String> EXPECT_KEYS = List.of("retried", "findings");
  private static final List<String> FINDING_KEYS = List.of("kind", "steps", "step");
  private static final List<String> KINDS =
      Arrays.stream(FindingKind.values())
          .filter(FindingKind::isRecovery)
          .map(FindingKind::key)
          .toList();

  private final Checker check;
  private final YamlDocument document;

  RecoveryReader(Checker check) {
    this.check = check;
    this.document = check.document();
  }

  /**
   * Read {@code recovery}: the settings themselves, or the name of a recovery policy file relative
   * to the scenario's folder; null when the scenario has none.
   */
  @Nullable RecoverySpec recovery(@Nullable JsonNode node, KeyPath path) {
    if (node == null) {
      return null;
    }
    boolean blank = node.isNull() || node.isTextual() && node.asText().isBlank();
    if (blank || !node.isTextual() && !node.isObject()) {
      check.problem(
          path,
          "expected the settings, such as { attempts: 3 }, or the name of a recovery policy file,"
              + " but found "
              + (blank ? "no value; write {} to take every default" : Describe.node(node)));
      return null;
    }
    return node.isTextual() ? fromFile(node.asText(), path) : settings(node, path);
  }

  /**
   * Load a recovery policy file, so that scenarios can share one and policy-check can swap it. Its
   * problems point into that file, and one more at the scenario's {@code recovery} says so, since
   * the scenario is what does not run.
   */
  private @Nullable RecoverySpec fromFile(String name, KeyPath path) {
    // Relative to the scenario as it was named, so that the file's problems read like its own.
    Path file = document.file().resolveSibling(name).normalize();
    String named = "recovery policy file '" + Describe.shorten(name) + "'";
    if (!Files.isRegularFile(file)) {
      String found = Files.isDirectory(file) ? " is a folder (" : " does not exist (looked for ";
      check.problem(
          path,
          named
              + found
              + file.toAbsolutePath()
              + "); give a file relative to the scenario's folder, or the settings themselves");
      return null;
    }
    try {
      return RecoverySpec.load(file);
    } catch (ScenarioException e) {
      int count = e.problems().size();
      check.problem(
          path,
          named
              + " has "
              + count
              + (count == 1 ? " problem" : " problems")
              + ", listed at that file");
      check.addAll(e.problems());
      return null;
    }
  }

  /** Read the settings: {@code attempts}, {@code backoff} and {@code budget}, each optional. */
  @Nullable RecoverySpec settings(JsonNode node, KeyPath path) {
    ObjectNode recovery = check.mapping(node, path, RECOVERY_KEYS);
    if (recovery == null) {
      return null;
    }
    RecoverySpec defaults = RecoverySpec.DEFAULT;
    int attempts = defaults.attempts();
    JsonNode attemptsNode = recovery.get("attempts");
    if (attemptsNode != null) {
      Integer value = check.integer(attemptsNode, path.key("attempts"), 1);
      attempts = value == null ? attempts : value;
    }
    Duration budget = duration(recovery, path, "budget", defaults.budget());
    Duration initial = defaults.initial();
    double factor = defaults.factor();
    Duration max = defaults.max();
    double jitter = defaults.jitter();
    JsonNode backoffNode = recovery.get("backoff");
    KeyPath backoffPath = path.key("backoff");
    ObjectNode backoff =
        backoffNode == null ? null : check.mapping(backoffNode, backoffPath, BACKOFF_KEYS);
    if (backoff != null) {
      initial = duration(backoff, backoffPath, "initial", initial);
      max = duration(backoff, backoffPath, "max", max);
      factor = number(backoff, backoffPath, "factor", factor, 1, 100, "from 1 to 100");
      jitter = number(backoff, backoffPath, "jitter", jitter, 0, 1, "from 0 to 1");
      if (max.compareTo(initial) < 0) {
        check.problem(
            backoffPath.key("max"),
            "max "
                + max.toMillis()
                + " ms is shorter than initial "
                + initial.toMillis()
                + " ms; the longest wait cannot be shorter than the first");
      }
    }
    return new RecoverySpec(attempts, initial, factor, max, jitter, budget);
  }

  /** Read {@code expect.recovery}: {@code retried} and the expected {@code findings}. */
  @Nullable RecoveryExpectation expectation(JsonNode node, KeyPath path) {
    ObjectNode expect = check.mapping(node, path, EXPECT_KEYS);
    if (expect == null) {
      return null;
    }
    JsonNode retriedNode = expect.get("retried");
    Boolean retried = retriedNode == null ? null : check.bool(retriedNode, path.key("retried"));
    List<FindingExpectation> findings = new ArrayList<>();
    JsonNode findingsNode = expect.get("findings");
    ArrayNode list = findingsNode == null ? null : check.list(findingsNode, path.key("findings"));
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        FindingExpectation finding = finding(list.get(i), path.key("findings").index(i));
        if (finding != null) {
          findings.add(finding);
        }
      }
    }
    return new RecoveryExpectation(retried, findings, document.origin(path));
  }

  /** Read one finding: its kind alone, or {@code {kind, steps: [first, last]}} or {@code step}. */
  private @Nullable FindingExpectation finding(JsonNode node, KeyPath path) {
    if (node.isTextual()) {
      FindingKind kind = kind(node, path);
      return kind == null ? null : new FindingExpectation(kind, null, null, null, origin(path));
    }
    ObjectNode entry = check.mapping(node, path, FINDING_KEYS);
    if (entry == null) {
      return null;
    }
    JsonNode kindNode = check.required(entry, path, "kind");
    FindingKind kind = kindNode == null ? null : kind(kindNode, path.key("kind"));
    Integer first = null;
    Integer last = null;
    JsonNode step = entry.get("step");
    JsonNode steps = entry.get("steps");
    if (step != null && steps != null) {
      check.keyProblem(path.key("step"), "give 'step' or 'steps', not both");
      return null;
    }
    if (step != null) {
      first = check.integer(step, path.key("step"), 1);
      last = first;
    } else if (steps != null) {
      if (!steps.isArray() || steps.size() != 2) {
        check.expected(steps, path.key("steps"), "the first and last step, such as [52, 61]");
        return null;
      }
      first = check.integer(steps.get(0), path.key("steps").index(0), 1);
      last = check.integer(steps.get(1), path.key("steps").index(1), 1);
      if (first != null && last != null && first > last) {
        check.problem(
            path.key("steps"), "the first step " + first + " comes after the last " + last);
        return null;
      }
    }
    return kind == null ? null : new FindingExpectation(kind, first, last, null, origin(path));
  }

  private @Nullable FindingKind kind(JsonNode node, KeyPath path) {
    String key = check.string(node, path);
    if (key == null) {
      return null;
    }
    if (!KINDS.contains(key)) {
      check.problem(
          path,
          "unknown recovery finding '" + Describe.shorten(key) + "'; " + Nearest.hint(key, KINDS));
      return null;
    }
    return FindingKind.valueOf(key.toUpperCase(Locale.ROOT));
  }

  private Origin origin(KeyPath path) {
    return document.origin(path);
  }

  private Duration duration(ObjectNode mapping, KeyPath parent, String key, Duration byDefault) {
    JsonNode node = mapping.get(key);
    if (node == null) {
      return byDefault;
    }
    Duration value = ScenarioReader.duration(check, node, parent.key(key));
    return value == null ? byDefault : value;
  }

  private double number(
      ObjectNode mapping,
      KeyPath parent,
      String key,
      double byDefault,
      double min,
      double max,
      String rule) {
    JsonNode node = mapping.get(key);
    if (node == null) {
      return byDefault;
    }
    if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
      check.expected(node, parent.key(key), "a number " + rule);
      return byDefault;
    }
    return node.asDouble();
  }
}
