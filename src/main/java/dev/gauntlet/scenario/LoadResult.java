package dev.gauntlet.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Hold what loading a set of files produced: the scenarios of every good file and the problems of
 * every bad one, so that one broken file never stops the others from running.
 *
 * @param scenarios the scenarios, in the order of the files given and of documents within each file
 * @param problems the problems, file by file in the same order, each file's sorted by line and
 *     column
 * @param ids every id the loaded scenarios wrote, by the place of its value, in file order: those
 *     of {@code scenarios} and those of the scenarios refused for an id used twice, so that a
 *     problem at an id can name the scenario and a later check of ids can point at them
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LoadResult(
    List<Scenario> scenarios, List<Problem> problems, Map<Origin, String> ids) {

  public LoadResult {
    scenarios = List.copyOf(scenarios);
    problems = ScenarioException.inFileOrder(problems);
    ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
  }

  /** Hold scenarios and problems without knowing where the ids were written. */
  public LoadResult(List<Scenario> scenarios, List<Problem> problems) {
    this(scenarios, problems, Map.of());
  }

  /** Return whether any file had a problem. */
  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /**
   * Return where the value of a loaded scenario's {@code id} was written, or where the scenario
   * begins when that is not known.
   */
  public Origin idOrigin(Scenario scenario) {
    for (Map.Entry<Origin, String> id : ids.entrySet()) {
      if (id.getValue().equals(scenario.id())
          && id.getKey().file().equals(scenario.origin().file())) {
        return id.getKey();
      }
    }
    return scenario.origin();
  }

  /** Return the id whose value was written at this place, or empty when none was. */
  public Optional<String> idAt(Origin place) {
    return Optional.ofNullable(ids.get(place));
  }
}
