package dev.gauntlet.engine;

import dev.gauntlet.loop.Refusal;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.ScenarioException;
import java.util.List;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * Stand for a file that could not be loaded: a test that fails with the file's problems, so that a
 * run with a broken file fails while every other file still runs. Its problems were also reported
 * as discovery issues, and the engine records the file as refused in the run's summary and reports.
 */
final class BrokenFileDescriptor extends AbstractTestDescriptor
    implements Node<GauntletExecutionContext> {

  private final ScenarioLocation location;
  private final List<Problem> problems;

  BrokenFileDescriptor(UniqueId uniqueId, ScenarioLocation location, List<Problem> problems) {
    super(uniqueId, location.displayName(), location.source());
    this.location = location;
    this.problems = List.copyOf(problems);
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  /** Return the file's problems as discovery issues, each pointing at its place. */
  List<DiscoveryIssue> issues() {
    return problems.stream()
        .map(
            problem ->
                DiscoveryIssue.builder(Severity.WARNING, problem.toString())
                    .source(location.source(problem.line(), problem.column()))
                    .build())
        .toList();
  }

  /** Return the file's refusal, which the engine records whatever tag filters leave of it. */
  Refusal refusal() {
    return Refusal.ofFile(location.path(), problems);
  }

  @Override
  public GauntletExecutionContext execute(
      GauntletExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
    throw new ScenarioException(problems);
  }
}
