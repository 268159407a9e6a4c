package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineDiscoveryResult;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Print a run as lines: each discovery issue as it comes, one line per scenario when it finishes
 * (the failure message indented below a failed one, with its kept workspace), and the totals. On a
 * terminal the verdicts are coloured and a progress bar below the lines shows the scenarios done,
 * the failures so far and an estimate of the time left; elsewhere, as in CI logs, the lines are
 * plain.
 */
final class ConsoleReport implements TestExecutionListener, LauncherDiscoveryListener {

  private static final String INDENT = "      ";

  private final PrintWriter out;
  private final Terminal terminal;
  private final Map<String, Map<String, String>> entries = new HashMap<>();
  private @Nullable Progress progress;
  private @Nullable TestPlan plan;
  private int passed;
  private int failed;
  private int errors;
  private int stopped;
  private int skipped;
  private int issues;

  ConsoleReport(PrintWriter out) {
    this(out, Terminal.plain());
  }

  ConsoleReport(PrintWriter out, Terminal terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void testPlanExecutionStarted(TestPlan plan) {
    this.plan = plan;
    if (terminal.interactive()) {
      long scenarios =
          plan.getRoots().stream()
              .flatMap(root -> plan.getDescendants(root).stream())
              .filter(TestIdentifier::isTest)
              .count();
      progress = new Progress(scenarios, System.nanoTime());
      redraw();
    }
  }

  @Override
  public synchronized void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
    if (issue.severity().compareTo(DiscoveryIssue.Severity.WARNING) >= 0) {
      issues++;
    }
    issue.message().lines().forEach(line -> out.println(printable(line)));
    out.flush();
  }

  @Override
  public synchronized void engineDiscoveryFinished(
      UniqueId engineId, EngineDiscoveryResult result) {
    result
        .getThrowable()
        .ifPresent(
            failure -> {
              errors++;
              out.println("Discovery failed: " + failure);
              out.flush();
            });
  }

  @Override
  public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
    entries
        .computeIfAbsent(test.getUniqueId(), id -> new HashMap<>())
        .putAll(entry.getKeyValuePairs());
  }

  /**
   * Print a skipped scenario once; one with trials is a container whose trials are skipped with it
   * unannounced, so each of them is counted here.
   */
  @Override
  public synchronized void executionSkipped(TestIdentifier test, String reason) {
    if (!isScenario(test)) {
      return;
    }
    int trials = test.isTest() ? 1 : testsBelow(test);
    skipped += trials;
    clearProgress();
    String count = trials > 1 ? " (" + trials + " trials)" : "";
    out.println(terminal.yellow("SKIP ") + " " + name(test) + count + "  " + reason);
    Progress bar = progress;
    if (bar != null) {
      bar.done += trials - 1;
    }
    finished();
  }

  private int testsBelow(TestIdentifier container) {
    TestPlan current = plan;
    return current == null
        ? 0
        : (int) current.getDescendants(container).stream().filter(TestIdentifier::isTest).count();
  }

  @Override
  public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
    boolean brokenFile = test.isTest() && !isScenario(test);
    if (!test.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      return;
    }
    Map<String, String> entry = entries.getOrDefault(test.getUniqueId(), Map.of());
    clearProgress();
    if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      passed++;
      out.println(terminal.green("PASS ") + " " + name(test) + details(entry));
    } else if (brokenFile) {
      // Counted from the summary, which holds the refusals tag filters leave without a test.
      out.println(
          terminal.red("ERROR")
              + " "
              + name(test)
              + "  not run: the file's problems are listed above");
    } else if (result.getStatus() == TestExecutionResult.Status.ABORTED && test.isTest()) {
      stopped++;
      out.println(terminal.yellow("STOP ") + " " + name(test) + details(entry));
      printIndented(result.getThrowable().map(ConsoleReport::message).orElse("no message"));
    } else if (!test.isTest()) {
      errors++;
      out.println(terminal.red("ERROR") + " " + name(test));
      printIndented(result.getThrowable().map(ConsoleReport::message).orElse("no message"));
    } else {
      failed++;
      out.println(terminal.red("FAIL ") + " " + name(test) + details(entry));
      String message = result.getThrowable().map(ConsoleReport::message).orElse("no message");
      printIndented(message);
      Optional.ofNullable(entry.get("workspace"))
          .filter(workspace -> !message.contains(workspace))
          .ifPresent(workspace -> out.println(INDENT + "Workspace kept at: " + workspace));
    }
    if (test.isTest()) {
      finished();
    } else {
      redraw();
    }
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan plan) {
    clearProgress();
    progress = null;
    out.flush();
  }

  /** Count one more scenario as done and draw the bar again. */
  private void finished() {
    Progress bar = progress;
    if (bar != null) {
      bar.done++;
    }
    redraw();
  }

  private void redraw() {
    Progress bar = progress;
    if (bar != null) {
      out.print(bar.line(failed + errors, System.nanoTime(), terminal));
    }
    out.flush();
  }

  private void clearProgress() {
    if (progress != null) {
      out.print(Terminal.CLEAR_LINE);
    }
  }

  /**
   * Print the totals, e.g. {@code 3 passed, 1 failed, 1 error, 2 stopped, 1 refused}.
   *
   * @param refused the files and scenarios refused before they could run, as the summary counts
   *     them
   */
  synchronized void printTotals(long refused) {
    StringBuilder line = new StringBuilder();
    line.append(passed).append(" passed, ").append(failed).append(" failed");
    if (errors > 0) {
      line.append(", ").append(errors).append(errors == 1 ? " error" : " errors");
    }
    if (stopped > 0) {
      line.append(", ").append(stopped).append(" stopped");
    }
    if (skipped > 0) {
      line.append(", ").append(skipped).append(" skipped");
    }
    if (refused > 0) {
      line.append(", ").append(refused).append(" refused");
    }
    out.println(line);
    out.flush();
  }

  /** Return how many files and scenarios a run's summary counts as refused; 0 without one. */
  static long refusedIn(Path summary) {
    if (!Files.isRegularFile(summary)) {
      return 0;
    }
    try {
      return JsonMapper.builder().build().readTree(summary.toFile()).path("refused").asLong();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Whether no scenario ran at all and nothing went wrong, so the paths held no scenario. */
  synchronized boolean foundNothing() {
    return passed + failed + errors + stopped + skipped + issues == 0;
  }

  /** Whether a file or scenario could not run: it had a problem, or the harness failed it. */
  synchronized boolean hadErrors() {
    return errors > 0 || issues > 0;
  }

  /** Whether every scenario ran to its end and passed, and no file had a problem. */
  synchronized boolean allPassed() {
    return passed > 0 && failed + errors + stopped + skipped + issues == 0;
  }

  /** What the bar shows: scenarios done of all, and when the run began. */
  private static final class Progress {

    private static final int WIDTH = 24;

    private final long total;
    private final long startNanos;
    private long done;

    Progress(long total, long startNanos) {
      this.total = total;
      this.startNanos = startNanos;
    }

    /** The bar as one line without a line break, e.g. {@code [████░░░░] 3/8 1 failed ETA 12 s}. */
    String line(int failures, long nowNanos, Terminal terminal) {
      int filled = total == 0 ? WIDTH : (int) (WIDTH * Math.min(done, total) / total);
      StringBuilder line = new StringBuilder("[");
      line.append("█".repeat(filled)).append("░".repeat(WIDTH - filled)).append("] ");
      line.append(done).append('/').append(total).append(" scenarios");
      if (failures > 0) {
        line.append("  ").append(terminal.red(failures + " failed"));
      }
      if (done > 0 && done < total) {
        double perScenario = (nowNanos - startNanos) / (double) done;
        line.append("  ETA ").append(eta((long) (perScenario * (total - done))));
      }
      return line.toString();
    }

    private static String eta(long nanos) {
      long seconds = Math.max(1, Math.round(nanos / 1e9));
      return seconds < 60
          ? seconds + " s"
          : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
  }

  /**
   * Print a message line by line, indented. It may quote what an agent, a command or a page wrote,
   * so control characters are shown escaped: an escape sequence must not drive the terminal.
   */
  private void printIndented(String text) {
    text.lines().forEach(line -> out.println(line.isEmpty() ? "" : INDENT + printable(line)));
  }

  /** Return the line with each control character written as {@code \u001b}. */
  static String printable(String line) {
    StringBuilder shown = new StringBuilder(line.length());
    line.codePoints()
        .forEach(
            c -> {
              if (Character.getType(c) == Character.CONTROL && c != '\t') {
                shown.append(String.format("\\u%04x", c));
              } else {
                shown.appendCodePoint(c);
              }
            });
    return shown.toString();
  }

  private static String details(Map<String, String> entry) {
    if (!entry.containsKey("outcome")) {
      return "";
    }
    String steps = entry.getOrDefault("steps", "?");
    return "  "
        + entry.get("outcome")
        + ", "
        + steps
        + ("1".equals(steps) ? " step, " : " steps, ")
        + seconds(entry.getOrDefault("wallTime", ""));
  }

  private static String seconds(String isoDuration) {
    try {
      Duration duration = Duration.parse(isoDuration);
      return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    } catch (DateTimeParseException e) {
      return "? s";
    }
  }

  private static String message(Throwable failure) {
    String message = failure.getMessage();
    return message == null ? failure.toString() : message;
  }

  /** Whether the test runs a scenario, or one trial of a scenario with {@code repeat: k}. */
  private static boolean isScenario(TestIdentifier test) {
    String type = test.getUniqueIdObject().getLastSegment().getType();
    return type.equals("scenario") || type.equals("trial");
  }

  private static String name(TestIdentifier test) {
    UniqueId id = test.getUniqueIdObject();
    if (id.getLastSegment().getType().equals("trial")) {
      String scenario = id.removeLastSegment().getLastSegment().getValue();
      return scenario + " [trial " + id.getLastSegment().getValue() + "]";
    }
    return isScenario(test) ? id.getLastSegment().getValue() : test.getDisplayName();
  }
}
