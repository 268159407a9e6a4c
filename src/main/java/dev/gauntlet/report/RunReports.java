package dev.gauntlet.report;

import dev.gauntlet.loop.Refusal;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.Skip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write the pictures and reports of a run as its scenarios finish: a latency chart beside each
 * trace ({@code latency.svg}) and, when an Allure results folder is given, one Allure test result
 * per trial with its steps and attachments, one broken test per file or scenario refused before it
 * could run, and one skipped test per scenario a stopped run never started. Each run replaces the
 * Allure results of the run before it in that folder.
 *
 * <p>A report that cannot be written never fails a scenario: the problem is logged as a warning.
 * Thread-safe.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RunReports {

  /** The file name of a trial's latency chart, beside its trace. */
  public static final String CHART = "latency.svg";

  private static final Logger LOG = LoggerFactory.getLogger(RunReports.class);

  private final RunSettings settings;
  private final @Nullable AllureResults allure;

  private RunReports(RunSettings settings, @Nullable AllureResults allure) {
    this.settings = settings;
    this.allure = allure;
  }

  /**
   * Start the reports of a run.
   *
   * @param allureResults the Allure results folder, or null to write no Allure results
   * @throws UncheckedIOException when the results of an earlier run cannot be removed
   */
  public static RunReports start(RunSettings settings, @Nullable Path allureResults) {
    AllureResults allure = allureResults == null ? null : new AllureResults(allureResults);
    if (allure != null) {
      try {
        allure.clear();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot clear the Allure results in " + allureResults, e);
      }
    }
    return new RunReports(settings, allure);
  }

  /** Return where the Allure results go, or null when none are written. */
  public @Nullable Path allureResults() {
    AllureResults results = allure;
    return results == null ? null : results.folder();
  }

  /**
   * Write the chart and the Allure result of one finished trial.
   *
   * @param started when the trial began
   */
  public void trialFinished(ScenarioResult result, Instant started) {
    Path chart = chartOf(result);
    try {
      LatencyChart.write(result.trace(), chart, result.scenario().id());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot draw the latency chart {}: {}", chart, e.toString());
    }
    AllureResults results = allure;
    if (results == null) {
      return;
    }
    try {
      results.write(result, started, chart);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Cannot write the Allure result of {} into {}: {}",
          result.describe(),
          results.folder(),
          e.toString());
    }
  }

  /** Write the Allure result of a file or scenario refused before it could run. */
  public void refused(Refusal refusal) {
    AllureResults results = allure;
    if (results == null) {
      return;
    }
    try {
      results.write(refusal);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Cannot write the Allure result of the refused {} into {}: {}",
          refusal.name(),
          results.folder(),
          e.toString());
    }
  }

  /** Write the Allure result of a scenario or trial the stopped run never started. */
  public void skipped(Skip skip) {
    AllureResults results = allure;
    if (results == null) {
      return;
    }
    try {
      results.write(skip);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Cannot write the Allure result of the skipped {} into {}: {}",
          skip.describe(),
          results.folder(),
          e.toString());
    }
  }

  /** Write what the report shows of the run as a whole, once every scenario has finished. */
  public void runFinished() {
    AllureResults results = allure;
    if (results == null) {
      return;
    }
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("run", settings.runId());
    environment.put("seed", Long.toString(settings.seed()));
    environment.put("time", settings.virtualTime() ? "virtual" : "real");
    environment.put("reports", settings.runDir().toString());
    environment.put("java", System.getProperty("java.version", "?"));
    environment.put(
        "os", System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", ""));
    try {
      results.environment(environment);
    } catch (IOException e) {
      LOG.warn("Cannot write the Allure environment into {}: {}", results.folder(), e.toString());
    }
  }

  /** Return where the latency chart of a trial goes: beside its trace. */
  public static Path chartOf(ScenarioResult result) {
    Path folder = result.trace().getParent();
    return folder == null ? Path.of(CHART) : folder.resolve(CHART);
  }
}
