package dev.gauntlet.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Signal that a file could not be loaded; carries every {@link Problem} found, never a bare cause.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private static final Comparator<Problem> BY_PLACE =
      Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

  private final List<Problem> problems;

  /** Carry these problems, in {@linkplain #problems() file order}. */
  public ScenarioException(List<Problem> problems) {
    this(inFileOrder(problems), true);
  }

  public ScenarioException(Problem problem) {
    this(List.of(problem));
  }

  private ScenarioException(List<Problem> ordered, boolean unused) {
    super(ordered.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = ordered;
  }

  /**
   * The problems, file by file in the order each file first appears, and within a file by line and
   * column, the whole file's first; a problem reported twice is listed once.
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * Return the problems file by file, in the order each file first appears, each file's sorted by
   * line and column and without repeats, as a reader goes through a file.
   */
  static List<Problem> inFileOrder(List<Problem> problems) {
    Map<Path, List<Problem>> byFile = new LinkedHashMap<>();
    for (Problem problem : problems) {
      byFile.computeIfAbsent(problem.file(), file -> new ArrayList<>()).add(problem);
    }
    List<Problem> ordered = new ArrayList<>(problems.size());
    for (List<Problem> ofFile : byFile.values()) {
      ofFile.stream().distinct().sorted(BY_PLACE).forEach(ordered::add);
    }
    return List.copyOf(ordered);
  }
}
