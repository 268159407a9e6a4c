package dev.gauntlet.scenario;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Hold what loading a set of files produced: the scenarios of every good file and the problems of
 * every bad one, so that one broken file never stops the others from running.
 *
 * @param scenarios the scenarios, in the order of the files given and of documents within each file
 * @param problems the problems, file by file, in the same order
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LoadResult(List<Scenario> scenarios, List<Problem> problems) {

  public LoadResult {
    scenarios = List.copyOf(scenarios);
    problems = List.copyOf(problems);
  }

  /** Return whether any file had a problem. */
  public boolean hasProblems() {
    return !problems.isEmpty();
  }
}
