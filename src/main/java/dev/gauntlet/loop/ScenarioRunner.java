package dev.gauntlet.loop;

import dev.gauntlet.scenario.Scenario;
import org.apiguardian.api.API;

/**
 * Run one scenario end to end: a fresh workspace, the agent loop, the trace, and the expectations.
 * Thread-safe: one runner serves every scenario of a run.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioRunner {

  private final RunSettings settings;

  public ScenarioRunner(RunSettings settings) {
    this.settings = settings;
  }

  /** The settings this runner was made with. */
  public RunSettings settings() {
    return settings;
  }

  /**
   * Run the scenario and check its expectations. Never throws for anything the agent or the scenario does;
   * such failures are in the result.
   */
  public ScenarioResult run(Scenario scenario) {
    throw new UnsupportedOperationException("being written");
  }
}
