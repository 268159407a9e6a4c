package dev.gauntlet.loop;

import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Report how one trial of a scenario went: the outcome of its run, what the detectors found, and
 * the verdict of its expectations.
 *
 * @param trial the 1-based trial number; 1 for a scenario that runs once
 * @param seed this trial's seed, derived from the run's base seed
 * @param outcome how the loop ended
 * @param message why, in one sentence (the agent's own words for a finish, the loop's otherwise)
 * @param steps the number of steps taken
 * @param wallTime real time from the first step to the last
 * @param simulatedTime the time the run's clock moved: in virtual time, the sum of every wait
 * @param harnessFault whether the run ended in the harness's own failure, not the agent's; such a
 *     trial is counted apart from pass rates
 * @param stopped whether the run was stopped from outside (fail-fast, an interrupt) before the
 *     agent ended it; such a trial has no verdict, neither passed nor failed, and is counted apart
 *     from pass rates
 * @param findings what the detectors found, each with its steps
 * @param trace the trace file, one JSON line per step
 * @param workspace the workspace folder; it still exists when {@code workspaceKept} is true
 * @param failures every expectation that did not hold, each a complete message; empty when it
 *     passed
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ScenarioResult(
    Scenario scenario,
    int trial,
    long seed,
    Outcome outcome,
    String message,
    int steps,
    Duration wallTime,
    Duration simulatedTime,
    boolean harnessFault,
    boolean stopped,
    List<Finding> findings,
    Path trace,
    Path workspace,
    boolean workspaceKept,
    List<String> failures,
    StageLatencies latencies) {

  public ScenarioResult {
    findings = List.copyOf(findings);
    failures = List.copyOf(failures);
  }

  /** Whether the run went to its end and every expectation held. */
  public boolean passed() {
    return !stopped && failures.isEmpty();
  }

  /** Whether the run went to its end and an expectation did not hold. */
  public boolean failed() {
    return !stopped && !failures.isEmpty();
  }

  /** Return the findings that are loops: identical actions and cycles. */
  public List<Finding> loops() {
    return findings.stream().filter(finding -> finding.kind().isLoop()).toList();
  }

  /** Return the findings of one kind. */
  public List<Finding> findings(FindingKind kind) {
    return findings.stream().filter(finding -> finding.kind() == kind).toList();
  }

  /** Name this trial for messages: {@code 'docs-digest'}, or {@code 'flaky' (trial 3 of 8)}. */
  public String describe() {
    String name = "'" + scenario.id() + "'";
    return scenario.trials() > 1
        ? name + " (trial " + trial + " of " + scenario.trials() + ")"
        : name;
  }

  /**
   * The failures as one assertion error, each in AssertJ's layout, followed by where to look: the
   * trace and the kept workspace. Null when the scenario passed.
   */
  public @Nullable AssertionError failure() {
    if (!failed()) {
      return null;
    }
    return new AssertionError(String.join("\n\n", failures) + "\n\n" + evidence());
  }

  /** Where to look: the trace, and the workspace when it was kept. */
  public String evidence() {
    return "Trace: " + trace + (workspaceKept ? "\nWorkspace kept at: " + workspace : "");
  }
}
