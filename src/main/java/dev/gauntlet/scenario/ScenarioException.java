package dev.gauntlet.scenario;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Signal that a file could not be loaded; carries every {@link Problem} found, never a bare cause.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public ScenarioException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public ScenarioException(Problem problem) {
    this(List.of(problem));
  }

  /** The problems, in file order. */
  public List<Problem> problems() {
    return problems;
  }
}
