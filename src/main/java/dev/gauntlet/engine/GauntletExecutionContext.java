package dev.gauntlet.engine;

import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.report.RunReports;
import dev.gauntlet.trace.RunSummary;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * Carry what every node of one execution shares: the runner, the summary its results go to, the
 * reports (charts and Allure results) written as scenarios finish, and the listener that receives
 * report entries. All four are thread-safe.
 */
record GauntletExecutionContext(
    ScenarioRunner runner, RunSummary summary, RunReports reports, EngineExecutionListener listener)
    implements EngineExecutionContext {}
