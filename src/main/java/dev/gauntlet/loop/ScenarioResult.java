package dev.gauntlet.loop;

import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Report how one scenario went: the outcome of its run and the verdict of its expectations.
 *
 * @param outcome how the loop ended
 * @param message why, in one sentence (the agent's own words for a finish, the loop's otherwise)
 * @param steps the number of steps taken
 * @param wallTime real time from the first step to the last
 * @param trace the trace file, one JSON line per step
 * @param workspace the workspace folder; it still exists when {@code workspaceKept} is true
 * @param failures every expectation that did not hold, each a complete message; empty when it passed
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ScenarioResult(
    Scenario scenario,
    Outcome outcome,
    String message,
    int steps,
    Duration wallTime,
    Path trace,
    Path workspace,
    boolean workspaceKept,
    List<String> failures,
    StageLatencies latencies) {

  public ScenarioResult {
    failures = List.copyOf(failures);
  }

  /** Whether every expectation held. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /**
   * The failures as one assertion error, each in AssertJ's layout, followed by where to look: the trace and
   * the kept workspace. Null when the scenario passed.
   */
  public @Nullable AssertionError failure() {
    if (passed()) {
      return null;
    }
    String evidence = "Trace: " + trace + (workspaceKept ? "\nWorkspace kept at: " + workspace : "");
    return new AssertionError(String.join("\n\n", failures) + "\n\n" + evidence);
  }
}
