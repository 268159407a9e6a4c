package dev.gauntlet.expect;

import dev.gauntlet.loop.Finding;
import dev.gauntlet.scenario.FindingExpectation;
import dev.gauntlet.scenario.FindingKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Judge a run's findings: the one implementation behind the YAML expectations ({@code loops},
 * {@code stalls}, {@code deadlines}, {@code recovery.findings}) and the AssertJ entry point.
 * Messages follow AssertJ's layout: what was expected, what happened, and the evidence, one finding
 * a line with its steps.
 */
final class FindingChecks {

  /** A group of kinds with the word messages use for it. */
  record Category(String name, Predicate<Finding> member) {}

  static final Category LOOPS = new Category("loop", finding -> finding.kind().isLoop());
  static final Category STALLS =
      new Category("stall", finding -> finding.kind() == FindingKind.STALL);
  static final Category DEADLINES =
      new Category("deadline", finding -> finding.kind() == FindingKind.DEADLINE);
  static final Category RECOVERY =
      new Category("recovery finding", finding -> finding.kind().isRecovery());

  private FindingChecks() {}

  /**
   * Return one message per expected finding that was not found and per category in which the
   * detectors found something nobody expected; empty when the findings are as expected.
   */
  static List<String> check(
      String subject, List<FindingExpectation> expectations, List<Finding> findings) {
    List<Wanted> wanted = expectations.stream().map(Wanted::of).toList();
    List<String> failures = new ArrayList<>();
    for (Wanted one : wanted) {
      String missing = missing(subject, one, findings);
      if (missing != null) {
        failures.add(missing);
      }
    }
    List<Finding> unexpected =
        findings.stream().filter(f -> wanted.stream().noneMatch(w -> w.matches(f))).toList();
    for (Category category : List.of(LOOPS, STALLS, DEADLINES, RECOVERY)) {
      String message = none(subject, category, unexpected);
      if (message != null) {
        failures.add(message);
      }
    }
    return failures;
  }

  /** Return the failure message when no finding is the wanted one, or null when one is. */
  static @Nullable String missing(String subject, Wanted wanted, List<Finding> findings) {
    if (findings.stream().anyMatch(wanted::matches)) {
      return null;
    }
    return "Expecting "
        + subject
        + " to report:\n  "
        + wanted.description()
        + "\n"
        + (findings.isEmpty()
            ? "but no detector fired."
            : "but the detectors reported:" + list(findings));
  }

  /** Return the failure message when a finding of the category is among those given, or null. */
  static @Nullable String none(String subject, Category category, List<Finding> findings) {
    List<Finding> found = findings.stream().filter(category.member()).toList();
    if (found.isEmpty()) {
      return null;
    }
    return "Expecting "
        + subject
        + " to report no "
        + category.name()
        + "\nbut the detectors reported "
        + found.size()
        + ":"
        + list(found);
  }

  /** Return the failure message when no finding is of the category, or null. */
  static @Nullable String some(String subject, Category category, List<Finding> findings) {
    if (findings.stream().anyMatch(category.member())) {
      return null;
    }
    return "Expecting "
        + subject
        + " to report a "
        + category.name()
        + "\n"
        + (findings.isEmpty()
            ? "but no detector fired."
            : "but the detectors reported only:" + list(findings));
  }

  private static String list(List<Finding> findings) {
    StringBuilder text = new StringBuilder();
    for (Finding finding : findings) {
      text.append("\n  ").append(finding);
    }
    return text.toString();
  }
}
