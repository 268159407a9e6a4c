package dev.gauntlet.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.gauntlet.scenario.LoadResult;
import dev.gauntlet.scenario.Origin;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.Scenario;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * Hold the scenarios of one file, and a failing test for each problem that refused one scenario
 * alone: a container whose children are added as they are selected.
 */
final class FileDescriptor extends AbstractTestDescriptor
    implements Node<GauntletExecutionContext> {

  static final String SCENARIO_SEGMENT = "scenario";

  private final ScenarioLocation location;
  private final LoadResult loaded;

  FileDescriptor(UniqueId uniqueId, ScenarioLocation location, LoadResult loaded) {
    super(uniqueId, location.displayName(), location.source());
    this.location = location;
    this.loaded = loaded;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  /** Select every scenario of the file, in file order, and every problem. */
  Set<DiscoverySelector> selectAll() {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    loaded
        .scenarios()
        .forEach(scenario -> selectors.add(selectUniqueId(scenarioId(scenario.id()))));
    loaded
        .problems()
        .forEach(problem -> selectors.add(selectUniqueId(problem(problem).getUniqueId())));
    return selectors;
  }

  /** Select the scenario that encloses a line: the last one that starts at or before it. */
  Set<DiscoverySelector> selectAt(int line) {
    Scenario enclosing = null;
    for (Scenario scenario : loaded.scenarios()) {
      if (scenario.origin().line() <= line) {
        enclosing = scenario;
      }
    }
    return enclosing == null ? selectAll() : Set.of(selectUniqueId(scenarioId(enclosing.id())));
  }

  /** A descriptor for the scenario with this id, or empty when the file has none such. */
  Optional<ScenarioDescriptor> scenario(String id) {
    return loaded.scenarios().stream()
        .filter(scenario -> scenario.id().equals(id))
        .findFirst()
        .map(scenario -> new ScenarioDescriptor(scenarioId(id), scenario, location));
  }

  /** A descriptor for the problem at this position ({@code line:column}), or empty. */
  Optional<ProblemDescriptor> problem(String position) {
    return loaded.problems().stream()
        .filter(problem -> ProblemDescriptor.position(problem).equals(position))
        .findFirst()
        .map(this::problem);
  }

  /** Return where the value of a scenario's {@code id} is written in this file. */
  Origin idOrigin(Scenario scenario) {
    return loaded.idOrigin(scenario);
  }

  /**
   * Refuse one of this file's scenarios for a problem found once every file was known, such as an
   * id an earlier file already has: a failing test at the problem's place takes its place.
   *
   * @return that test
   */
  ProblemDescriptor refuse(ScenarioDescriptor descriptor, Problem problem) {
    ProblemDescriptor refusal =
        new ProblemDescriptor(
            getUniqueId(), location, problem, descriptor.scenario().id(), descriptor.getTags());
    descriptor.removeFromHierarchy();
    addChild(refusal);
    return refusal;
  }

  /** Order scenarios and problems by the line they start at, whatever order they came in. */
  void sortByLine() {
    orderChildren(
        children ->
            children.stream()
                .sorted(Comparator.comparingInt(FileDescriptor::line))
                .collect(Collectors.toList()));
  }

  private static int line(TestDescriptor descriptor) {
    if (descriptor instanceof ProblemDescriptor problem) {
      return problem.line();
    }
    return descriptor instanceof ScenarioDescriptor scenario
        ? scenario.scenario().origin().line()
        : 0;
  }

  private ProblemDescriptor problem(Problem problem) {
    Origin place = new Origin(problem.file(), problem.line(), problem.column());
    return new ProblemDescriptor(
        getUniqueId(), location, problem, loaded.idAt(place).orElse(null), Set.of());
  }

  private UniqueId scenarioId(String id) {
    return getUniqueId().append(SCENARIO_SEGMENT, id);
  }
}
