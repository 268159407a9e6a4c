package dev.gauntlet.engine;

import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Run one scenario as a test and fail it with every expectation that did not hold. */
final class ScenarioDescriptor extends AbstractTestDescriptor
    implements Node<GauntletExecutionContext> {

  private static final Logger LOGGER = LoggerFactory.getLogger(ScenarioDescriptor.class);

  private final Scenario scenario;
  private final Set<TestTag> tags;
  private @Nullable Problem refusal;

  ScenarioDescriptor(UniqueId uniqueId, Scenario scenario, ScenarioLocation location) {
    super(
        uniqueId,
        scenario.name().isBlank() ? scenario.id() : scenario.name(),
        location.source(scenario.origin().line(), scenario.origin().column()));
    this.scenario = scenario;
    this.tags = validTags(scenario);
  }

  Scenario scenario() {
    return scenario;
  }

  /** Fail this scenario without running it, for the reason the problem gives. */
  void refuse(Problem problem) {
    this.refusal = problem;
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public Set<TestTag> getTags() {
    return tags;
  }

  /**
   * The scenario id: build tools that report by this name show what the YAML calls the scenario.
   */
  @Override
  public String getLegacyReportingName() {
    return scenario.id();
  }

  @Override
  public GauntletExecutionContext execute(
      GauntletExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
    Problem problem = refusal;
    if (problem != null) {
      throw new ScenarioException(problem);
    }

    Instant started = Instant.now();
    ScenarioResult result = context.runner().run(scenario);
    context.summary().add(result);
    context.reports().trialFinished(result, started);
    context.listener().reportingEntryPublished(this, ReportEntry.from(entries(result)));

    AssertionError failure = result.failure();
    if (failure != null) {
      if (result.workspaceKept()) {
        LOGGER.info(
            "Scenario '{}' failed; its workspace is kept at {}", scenario.id(), result.workspace());
      }
      throw failure;
    }
    return context;
  }

  private static Map<String, String> entries(ScenarioResult result) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("outcome", result.outcome().key());
    entries.put("steps", Integer.toString(result.steps()));
    entries.put("wallTime", result.wallTime().toString());
    entries.put("trace", result.trace().toString());
    if (result.workspaceKept()) {
      entries.put("workspace", result.workspace().toString());
    }
    return entries;
  }

  private static Set<TestTag> validTags(Scenario scenario) {
    Set<TestTag> tags = new LinkedHashSet<>();
    scenario.tags().stream().filter(TestTag::isValid).map(TestTag::create).forEach(tags::add);
    return Set.copyOf(tags);
  }
}
