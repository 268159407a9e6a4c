package dev.gauntlet.expect;

import dev.gauntlet.loop.Stage;
import dev.gauntlet.loop.StageLatencies;
import dev.gauntlet.scenario.LatencyBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Check a run's per-stage latency, in real time, against the scenario's {@code expect.latency}
 * budgets.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class LatencyChecks {

  private LatencyChecks() {}

  /**
   * Return one message per budget the run exceeded, each in AssertJ's layout: what was expected,
   * what happened, and where the budget is written; empty when all hold.
   */
  public static List<String> check(List<LatencyBudget> budgets, StageLatencies latencies) {
    List<String> all = new ArrayList<>();
    for (LatencyBudget budget : budgets) {
      Stage stage = Stage.valueOf(budget.stage().toUpperCase(Locale.ROOT));
      StageLatencies.Summary summary = latencies.summary(stage);
      long actual = figure(summary, budget.figure());
      if (actual > budget.limit().toNanos()) {
        all.add(
            String.format(
                Locale.ROOT,
                "[latency of the %s stage (%s)] %nExpecting its %s over %d steps to be at most%n"
                    + "  %s%nbut was%n  %s",
                budget.stage(),
                budget.origin(),
                budget.figure(),
                summary.count(),
                format(budget.limit().toNanos()),
                format(actual)));
      }
    }
    return all;
  }

  private static long figure(StageLatencies.Summary summary, String figure) {
    return switch (figure) {
      case "p50" -> summary.p50();
      case "p95" -> summary.p95();
      case "p99" -> summary.p99();
      default -> summary.max();
    };
  }

  private static String format(long nanos) {
    Duration duration = Duration.ofNanos(nanos);
    return nanos < 1_000_000
        ? String.format(Locale.ROOT, "%.1f µs", nanos / 1e3)
        : String.format(Locale.ROOT, "%.3f ms", duration.toNanos() / 1e6);
  }
}
