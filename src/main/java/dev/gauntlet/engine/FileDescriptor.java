package dev.gauntlet.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.Scenario;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
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
  private final List<Scenario> scenarios;
  private final List<Problem> problems;

  FileDescriptor(
      UniqueId uniqueId,
      ScenarioLocation location,
      List<Scenario> scenarios,
      List<Problem> problems) {
    super(uniqueId, location.displayName(), location.source());
    this.location = location;
    this.scenarios = List.copyOf(scenarios);
    this.problems = List.copyOf(problems);
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  /** Select every scenario of the file, in file order, and every problem. */
  Set<DiscoverySelector> selectAll() {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    scenarios.forEach(scenario -> selectors.add(selectUniqueId(scenarioId(scenario.id()))));
    problems.forEach(problem -> selectors.add(selectUniqueId(problem(problem).getUniqueId())));
    return selectors;
  }

  /** Select the scenario that encloses a line: the last one that starts at or before it. */
  Set<DiscoverySelector> selectAt(int line) {
    Scenario enclosing = null;
    for (Scenario scenario : scenarios) {
      if (scenario.origin().line() <= line) {
        enclosing = scenario;
      }
    }
    return enclosing == null ? selectAll() : Set.of(selectUniqueId(scenarioId(enclosing.id())));
  }

  /** A descriptor for the scenario with this id, or empty when the file has none such. */
  Optional<ScenarioDescriptor> scenario(String id) {
    return scenarios.stream()
        .filter(scenario -> scenario.id().equals(id))
        .findFirst()
        .map(scenario -> new ScenarioDescriptor(scenarioId(id), scenario, location));
  }

  /** A descriptor for the problem at this position ({@code line:column}), or empty. */
  Optional<ProblemDescriptor> problem(String position) {
    return problems.stream()
        .filter(problem -> ProblemDescriptor.position(problem).equals(position))
        .findFirst()
        .map(this::problem);
  }

  private ProblemDescriptor problem(Problem problem) {
    return new ProblemDescriptor(getUniqueId(), location, problem);
  }

  private UniqueId scenarioId(String id) {
    return getUniqueId().append(SCENARIO_SEGMENT, id);
  }
}
