package dev.gauntlet.engine;

import dev.gauntlet.loop.Refusal;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.loop.Skip;
import dev.gauntlet.report.RunReports;
import dev.gauntlet.trace.RunSummary;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * Carry what every node of one execution shares: the runner, the summary its results go to, the
 * reports (charts and Allure results) written as scenarios finish, the listener that receives
 * report entries, and the switch that stops the execution. All five are thread-safe, since a
 * parallel run shares them between its threads.
 */
record GauntletExecutionContext(
    ScenarioRunner runner,
    RunSummary summary,
    RunReports reports,
    EngineExecutionListener listener,
    Cancellation cancellation)
    implements EngineExecutionContext {

  /** Record in the summary and the reports a file or scenario that was refused and never ran. */
  void refused(Refusal refusal) {
    summary.add(refusal);
    reports.refused(refusal);
  }

  /** Record in the summary and the reports a scenario or trial the stopped run never started. */
  void skipped(Skip skip) {
    summary.add(skip);
    reports.skipped(skip);
  }
}
