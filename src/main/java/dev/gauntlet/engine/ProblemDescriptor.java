package dev.gauntlet.engine;

import dev.gauntlet.loop.Refusal;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.ScenarioException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * Stand for a problem that refused one scenario of a file while the file's other scenarios still
 * run, such as an id used twice in the file or across files: a test at the problem's place that
 * fails with it, so that the run fails. The problem was also reported as a discovery issue, and the
 * engine records the scenario as refused in the run's summary and reports.
 */
final class ProblemDescriptor extends AbstractTestDescriptor
    implements Node<GauntletExecutionContext> {

  /** The segment type of a problem in unique ids; its value is the problem's line and column. */
  static final String SEGMENT = "problem";

  private final Problem problem;
  private final @Nullable String scenarioId;
  private final Set<TestTag> tags;

  /**
   * Stand for a problem at a place of a file.
   *
   * @param scenarioId the id of the refused scenario, or null when it is not known
   * @param tags the refused scenario's tags, so that a tag filter keeps or drops its refusal with
   *     it; empty when they are not known
   */
  ProblemDescriptor(
      UniqueId fileId,
      ScenarioLocation location,
      Problem problem,
      @Nullable String scenarioId,
      Set<TestTag> tags) {
    super(
        fileId.append(SEGMENT, position(problem)),
        location.displayName() + ":" + position(problem) + " " + problem.keyPath(),
        location.source(problem.line(), problem.column()));
    this.problem = problem;
    this.scenarioId = scenarioId;
    this.tags = Set.copyOf(tags);
  }

  /** Return the value of the problem's segment in unique ids: its line and column. */
  static String position(Problem problem) {
    return problem.line() + ":" + problem.column();
  }

  int line() {
    return problem.line();
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public Set<TestTag> getTags() {
    return tags;
  }

  /** Return the problem as a discovery issue at its place. */
  DiscoveryIssue issue() {
    DiscoveryIssue.Builder issue = DiscoveryIssue.builder(Severity.WARNING, problem.toString());
    getSource().ifPresent(issue::source);
    return issue.build();
  }

  /** Return the scenario's refusal, which the engine records whatever tag filters leave of it. */
  Refusal refusal() {
    return Refusal.ofScenario(scenarioId, problem);
  }

  @Override
  public GauntletExecutionContext execute(
      GauntletExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
    throw new ScenarioException(problem);
  }
}
