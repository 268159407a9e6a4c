package dev.gauntlet.loop;

import dev.gauntlet.report.PassRate;
import dev.gauntlet.scenario.Scenario;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Hold every trial of one scenario ({@code repeat: k}), in trial order, and their pass rate.
 *
 * @param scenario the scenario
 * @param results one result per trial
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Trials(Scenario scenario, List<ScenarioResult> results) {

  public Trials {
    results = List.copyOf(results);
  }

  /**
   * Return the pass rate: trials that ended in the harness's own failure, or were stopped before
   * they ended, are counted apart.
   */
  public PassRate passRate() {
    int excluded = (int) results.stream().filter(Trials::withoutVerdict).count();
    int passed = (int) results.stream().filter(r -> !withoutVerdict(r) && r.passed()).count();
    return new PassRate(results.size() - excluded, passed, excluded);
  }

  private static boolean withoutVerdict(ScenarioResult result) {
    return result.harnessFault() || result.stopped();
  }
}
