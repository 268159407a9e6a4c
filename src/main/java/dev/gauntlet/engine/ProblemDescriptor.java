package dev.gauntlet.engine;

import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.ScenarioException;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * Stand for a problem that refused one scenario of a file while the file's other scenarios still
 * run, such as an id used twice: a test at the problem's place that fails with it, so that the run
 * fails. The problem was also reported as a discovery issue.
 */
final class ProblemDescriptor extends AbstractTestDescriptor
    implements Node<GauntletExecutionContext> {

  /** The segment type of a problem in unique ids; its value is the problem's line and column. */
  static final String SEGMENT = "problem";

  private final Problem problem;

  ProblemDescriptor(UniqueId fileId, ScenarioLocation location, Problem problem) {
    super(
        fileId.append(SEGMENT, position(problem)),
        location.displayName() + ":" + position(problem) + " " + problem.keyPath(),
        location.source(problem.line(), problem.column()));
    this.problem = problem;
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
  public GauntletExecutionContext execute(
      GauntletExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
    throw new ScenarioException(problem);
  }
}
