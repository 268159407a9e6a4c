package dev.gauntlet.engine;

import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.ScenarioException;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * Stand for a file that could not be loaded: a test that fails with the file's problems, so that a
 * run with a broken file fails while every other file still runs. Its problems were also reported
 * as discovery issues.
 */
final class BrokenFileDescriptor extends AbstractTestDescriptor
    implements Node<GauntletExecutionContext> {

  private final List<Problem> problems;

  BrokenFileDescriptor(UniqueId uniqueId, ScenarioLocation location, List<Problem> problems) {
    super(uniqueId, location.displayName(), location.source());
    this.problems = List.copyOf(problems);
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public GauntletExecutionContext execute(
      GauntletExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
    throw new ScenarioException(problems);
  }
}
