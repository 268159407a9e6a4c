package dev.gauntlet.loop;

import dev.gauntlet.report.PassRate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * Hold what one run produced: every trial of every scenario it ran, and the settings (with the
 * seed) that reproduce it.
 *
 * @param settings the run's settings; {@link RunSettings#seed()} reruns it
 * @param scenarios each scenario's trials, in file order
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RunResult(RunSettings settings, List<Trials> scenarios) {

  public RunResult {
    scenarios = List.copyOf(scenarios);
  }

  /** Return every trial's result, scenario by scenario. */
  public List<ScenarioResult> results() {
    return scenarios.stream().flatMap(trials -> trials.results().stream()).toList();
  }

  /**
   * Return the trials of the scenario with this id.
   *
   * @throws NoSuchElementException when the run has no such scenario
   */
  public Trials scenario(String id) {
    return scenarios.stream()
        .filter(trials -> trials.scenario().id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "The run has no scenario '"
                        + id
                        + "'; it has "
                        + scenarios.stream().map(t -> t.scenario().id()).toList()));
  }

  /** Return pass^k averaged over the scenarios with at least k counted trials. */
  public OptionalDouble passHat(int k) {
    return PassRate.passHat(scenarios.stream().map(Trials::passRate).toList(), k);
  }

  /** Return pass@k averaged over the scenarios with at least k counted trials. */
  public OptionalDouble passAt(int k) {
    return PassRate.passAt(scenarios.stream().map(Trials::passRate).toList(), k);
  }
}
