package dev.gauntlet.engine;

import dev.gauntlet.scenario.Scenario;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * Run one trial of a scenario with {@code repeat: k}, as a test of its own under the scenario: its
 * unique id ends in {@code [trial:n]}, so that a single trial can be rerun.
 */
final class TrialDescriptor extends AbstractTestDescriptor
    implements Node<GauntletExecutionContext> {

  static final String SEGMENT = "trial";

  private final Scenario scenario;
  private final int trial;
  private final Set<TestTag> tags;

  TrialDescriptor(
      UniqueId uniqueId,
      Scenario scenario,
      int trial,
      @Nullable TestSource source,
      Set<TestTag> tags) {
    super(uniqueId, "trial " + trial + " of " + scenario.trials(), source);
    this.scenario = scenario;
    this.trial = trial;
    this.tags = tags;
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  /** The scenario's tags: filtering by tag selects or skips every trial alike. */
  @Override
  public Set<TestTag> getTags() {
    return tags;
  }

  @Override
  public String getLegacyReportingName() {
    return scenario.id() + " [trial " + trial + "]";
  }

  @Override
  public SkipResult shouldBeSkipped(GauntletExecutionContext context) {
    return ScenarioDescriptor.skipWhenStopped(context, scenario, trial);
  }

  @Override
  public GauntletExecutionContext execute(
      GauntletExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
    ScenarioDescriptor.runTrial(this, scenario, trial, context);
    return context;
  }
}
