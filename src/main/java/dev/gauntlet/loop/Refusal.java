package dev.gauntlet.loop;

import dev.gauntlet.scenario.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describe what was refused before it could run: a scenario file that could not be loaded, or a
 * scenario whose id an earlier one already has. The run's reports show every refusal beside the
 * scenarios' results, so that a run with one never reads as a run in which everything passed.
 *
 * @param file the scenario file
 * @param line the 1-based line of the first problem (for a refused scenario, the line of its id's
 *     value), or 0 when the problem belongs to the file as a whole
 * @param column the 1-based column, or 0 with line 0
 * @param scenarioId the id of the refused scenario, or null for a file that could not be loaded
 * @param problems why, in file order; at least one
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Refusal(
    Path file, int line, int column, @Nullable String scenarioId, List<Problem> problems) {

  public Refusal {
    problems = List.copyOf(problems);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("A refusal of " + file + " needs a problem saying why");
    }
  }

  /** Refuse a whole file for its problems, at the place of the first. */
  public static Refusal ofFile(Path file, List<Problem> problems) {
    Problem first = problems.isEmpty() ? null : problems.get(0);
    return new Refusal(
        file, first == null ? 0 : first.line(), first == null ? 0 : first.column(), null, problems);
  }

  /**
   * Refuse one scenario of a file for a problem at its id.
   *
   * @param scenarioId the scenario's id, or null when it is not known
   */
  public static Refusal ofScenario(@Nullable String scenarioId, Problem problem) {
    return new Refusal(
        problem.file(), problem.line(), problem.column(), scenarioId, List.of(problem));
  }

  /**
   * Name it for people: the file's name and, for a refused scenario, its id ({@code b.yaml › a}).
   */
  public String name() {
    Path name = file.getFileName();
    String shown = name == null ? file.toString() : name.toString();
    return scenarioId == null ? shown : shown + " › " + scenarioId;
  }

  /** Return the problems as the console prints them, one a line. */
  public String message() {
    return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }
}
