package dev.gauntlet.engine;

import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.Skip;
import dev.gauntlet.scenario.Scenario;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource.LockMode;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run one scenario as a test and fail it with every expectation that did not hold. A scenario with
 * {@code repeat: k} above 1 is a container instead, with a {@link TrialDescriptor} test per trial.
 */
final class ScenarioDescriptor extends AbstractTestDescriptor
    implements Node<GauntletExecutionContext> {

  private static final Logger LOGGER = LoggerFactory.getLogger(ScenarioDescriptor.class);

  /** What every {@code exclusive} name becomes a key under, e.g. {@code gauntlet.database}. */
  static final String RESOURCE_PREFIX = "gauntlet.";

  private final Scenario scenario;
  private final Set<TestTag> tags;

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

  @Override
  public Type getType() {
    return scenario.trials() > 1 ? Type.CONTAINER : Type.TEST;
  }

  /** Return the selectors of every trial, for a scenario that runs more than once; else none. */
  Set<DiscoverySelector> trialSelectors() {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    for (int trial = 1; scenario.trials() > 1 && trial <= scenario.trials(); trial++) {
      selectors.add(DiscoverySelectors.selectUniqueId(trialId(trial)));
    }
    return selectors;
  }

  /** Return a descriptor of one trial (1-based), or empty when the scenario has no such trial. */
  Optional<TrialDescriptor> trial(int trial) {
    if (scenario.trials() < 2 || trial < 1 || trial > scenario.trials()) {
      return Optional.empty();
    }
    TestSource source = getSource().orElse(null);
    return Optional.of(new TrialDescriptor(trialId(trial), scenario, trial, source, tags));
  }

  private UniqueId trialId(int trial) {
    return getUniqueId().append(TrialDescriptor.SEGMENT, Integer.toString(trial));
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

  /** Run alongside other scenarios, unless they name the same {@code exclusive} resource. */
  @Override
  public ExecutionMode getExecutionMode() {
    return ExecutionMode.CONCURRENT;
  }

  /**
   * One read-write lock per name under {@code exclusive}, held across every trial; the key is
   * prefixed so that it cannot meet a lock of another engine's tests in the same JVM.
   */
  @Override
  public Set<ExclusiveResource> getExclusiveResources() {
    Set<ExclusiveResource> resources = new LinkedHashSet<>();
    for (String name : scenario.exclusive()) {
      resources.add(new ExclusiveResource(RESOURCE_PREFIX + name, LockMode.READ_WRITE));
    }
    return resources;
  }

  /** Skip the scenario when the run was stopped (fail-fast or an interrupt) before it began. */
  @Override
  public SkipResult shouldBeSkipped(GauntletExecutionContext context) {
    return skipWhenStopped(context, scenario, 0);
  }

  /**
   * Skip a scenario, or one trial of it, when the run was stopped before it began, and record it in
   * the summary and reports, which see nothing of JUnit's skipped tests.
   */
  static SkipResult skipWhenStopped(
      GauntletExecutionContext context, Scenario scenario, int trial) {
    String stopped = context.cancellation().reason();
    if (stopped == null) {
      return SkipResult.doNotSkip();
    }
    String reason = "not started: the run was stopped (" + stopped + ")";
    context.skipped(new Skip(scenario, trial, reason));
    return SkipResult.skip(reason);
  }

  @Override
  public GauntletExecutionContext execute(
      GauntletExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
    if (scenario.trials() == 1) {
      runTrial(this, scenario, 1, context);
    }
    return context;
  }

  /** Run one trial of a scenario for {@code test}, record it, and fail the test when it failed. */
  static void runTrial(
      TestDescriptor test, Scenario scenario, int trial, GauntletExecutionContext context) {
    Instant started = Instant.now();
    ScenarioResult result = context.runner().run(scenario, trial);
    context.summary().add(result);
    context.reports().trialFinished(result, started);
    context.listener().reportingEntryPublished(test, ReportEntry.from(entries(result)));

    if (result.stopped()) {
      throw new TestAbortedException(result.message() + "\n\n" + result.evidence());
    }
    AssertionError failure = result.failure();
    if (failure != null) {
      context.cancellation().failed(scenario.id());
      if (result.workspaceKept()) {
        LOGGER.info(
            "Scenario {} failed; its workspace is kept at {}",
            result.describe(),
            result.workspace());
      }
      throw failure;
    }
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
