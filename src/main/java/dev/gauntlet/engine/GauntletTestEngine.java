package dev.gauntlet.engine;

import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.report.RunReports;
import dev.gauntlet.trace.RunSummary;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;

/**
 * Run Gauntlet scenarios on the JUnit Platform: each YAML file is a container, each scenario in it
 * a test that runs through the sandboxed agent loop.
 *
 * <h2>Discovery</h2>
 *
 * <p>Scenarios are found through these selectors:
 *
 * <ul>
 *   <li>a directory: every {@code *.yaml} and {@code *.yml} file below it, except in folders named
 *       {@code policies}, {@code cassettes} or {@code fixtures} and in hidden folders (a name
 *       starting with a dot), which hold files that scenarios use rather than scenarios; hidden
 *       files are skipped too. The rule applies to the folders below the selected one, never to the
 *       selected folder;
 *   <li>a file: that file, if its name ends in {@code .yaml} or {@code .yml}; with a position, only
 *       the scenario that starts at or before that line;
 *   <li>a classpath root, a package, or a classpath resource: the same files found as resources (in
 *       a package, under its folder), under the same rule applied to every folder of the resource
 *       name;
 *   <li>a unique id, such as {@code
 *       [engine:gauntlet]/[file:scenarios%2Fworkspace%2Fdocs-digest.yaml]/[scenario:docs-digest]}.
 * </ul>
 *
 * <p>Unique ids are built from a file's path ({@code [file:…]}) or a resource's name ({@code
 * [resource:…]}), the scenario's {@code id} ({@code [scenario:…]}) and, for a scenario with {@code
 * repeat: k}, the trial's number ({@code [trial:n]}), never from line numbers, so that a rerun by
 * unique id survives edits that move a scenario within its file. A file's path is its path from the
 * working folder when it lies below it, so that an id recorded in one checkout selects the same
 * scenario in another, and its absolute path otherwise; either way with {@code /} between names on
 * every system, which the id's text writes {@code %2F}. An id that holds the absolute path of a
 * file below the working folder still selects it. A test's source is a {@code FileSource} (or a
 * {@code ClasspathResourceSource}) with the line and column where the scenario starts, and the
 * scenario's tags become JUnit tags.
 *
 * <p>A file that cannot be loaded yields one discovery issue per problem, each naming {@code
 * file:line:column}, the key path and what is wrong. The issues have severity {@code WARNING}:
 * every launcher treats an {@code ERROR} as critical by default and then runs none of the engine's
 * tests, while the other files of a run must still run. So that the run still fails, the broken
 * file also appears as a test that fails with the same problems. A scenario id used twice, in one
 * file or in two, is handled the same way: the later one, in file order, is a test at the value of
 * its {@code id} that fails without running. Each such test is counted and listed as refused in the
 * run's summary, and is a {@code broken} test in the Allure results.
 *
 * <h2>Execution</h2>
 *
 * <p>Each scenario runs through a {@link ScenarioRunner}; when any expectation does not hold, the
 * test fails with one {@link AssertionError} that lists all of them together with the trace path.
 * Every scenario publishes a report entry with the keys {@code outcome}, {@code steps}, {@code
 * wallTime} (an ISO-8601 duration), {@code trace} and, when its workspace was kept, {@code
 * workspace}. After the last scenario, {@code reports/<run>/summary.json} is written and published
 * as the engine's report entry {@code summary}.
 *
 * <h2>Configuration parameters</h2>
 *
 * <ul>
 *   <li>{@value #REPORTS_DIR_PROPERTY_NAME}: the folder for reports, {@code reports} by default;
 *   <li>{@value #RUN_ID_PROPERTY_NAME}: the name of this run's folder in it (letters, digits,
 *       {@code .}, {@code _} and {@code -}), by default made from the current time;
 *   <li>{@value #KEEP_WORKSPACES_PROPERTY_NAME}: {@code true} to keep the workspaces of passing
 *       scenarios too; a failed scenario's workspace is always kept;
 *   <li>{@value #ALLURE_RESULTS_DIR_PROPERTY_NAME}: the Allure results folder, {@code
 *       <reports>/allure-results} by default; each run replaces the results of the one before;
 *   <li>{@value #ALLURE_ENABLED_PROPERTY_NAME}: {@code false} to write no Allure results;
 *   <li>{@value #PARALLEL_ENABLED_PROPERTY_NAME}: {@code true} to run scenarios in parallel, on the
 *       platform's fork-join executor, configured under {@value #PARALLEL_CONFIG_PREFIX} the way
 *       JUnit Jupiter is under {@code junit.jupiter.execution.parallel.config.}: {@code strategy}
 *       ({@code dynamic}, the default, {@code fixed} or {@code custom}), {@code fixed.parallelism},
 *       {@code dynamic.factor} and the rest;
 *   <li>{@value #FAIL_FAST_PROPERTY_NAME}: {@code true} to start no scenario after the first one
 *       that fails; scenarios already running end after their current step;
 *   <li>{@value #SHARD_PROPERTY_NAME}: {@code i/n} to keep only the i-th of n shards, chosen by
 *       scenario id, so that CI jobs {@code 1/n} to {@code n/n} together run each scenario once;
 *   <li>{@value #SEED_PROPERTY_NAME}: the run's base seed (a decimal number), fresh by default;
 *   <li>{@value #TIME_PROPERTY_NAME}: {@code virtual} (the default) or {@code real};
 *   <li>{@value #POLICY_PROPERTY_NAME}: a network policy file that every scenario with a {@code
 *       network} section runs under, instead of its own;
 *   <li>{@value #RECOVERY_PROPERTY_NAME}: a recovery policy file whose settings every scenario with
 *       a {@code recovery} section runs under, instead of its own.
 * </ul>
 *
 * <p>Discovery checks every value. One that breaks its rule, such as a boolean other than {@code
 * true} or {@code false} (in any case) or a shard outside its count, is a discovery issue of
 * severity {@code ERROR}: one sentence that names the parameter, the value, the rule and, where it
 * can be told, the nearest valid value. The launcher then fails the engine with that sentence
 * before any scenario starts. A {@code gauntlet.*} parameter that the engine does not read is a
 * {@code WARNING} that names the one most likely meant.
 *
 * <p>In a parallel run, scenarios that name the same resource under {@code exclusive} never run at
 * the same time: each name becomes a read-write {@code ExclusiveResource}.
 *
 * <p>Beside each trace, a latency chart ({@code latency.svg}) shows each stage's time per step.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GauntletTestEngine extends HierarchicalTestEngine<GauntletExecutionContext> {

  /** The id of this engine, e.g. for {@code --include-engine} or {@code @IncludeEngines}. */
  public static final String ENGINE_ID = "gauntlet";

  /**
   * Name the configuration parameter that sets the folder for reports, {@code reports} by default.
   */
  public static final String REPORTS_DIR_PROPERTY_NAME = "gauntlet.reports.dir";

  /**
   * Name the configuration parameter that sets the run id, by default made from the current time.
   */
  public static final String RUN_ID_PROPERTY_NAME = "gauntlet.run.id";

  /** Name the configuration parameter that keeps the workspaces of passing scenarios too. */
  public static final String KEEP_WORKSPACES_PROPERTY_NAME = "gauntlet.workspace.keep";

  /**
   * Name the configuration parameter that sets the Allure results folder, {@code
   * <reports>/allure-results} by default.
   */
  public static final String ALLURE_RESULTS_DIR_PROPERTY_NAME = "gauntlet.allure.results.dir";

  /** Name the configuration parameter that turns Allure results off with {@code false}. */
  public static final String ALLURE_ENABLED_PROPERTY_NAME = "gauntlet.allure.enabled";

  /** Name the configuration parameter that runs scenarios in parallel with {@code true}. */
  public static final String PARALLEL_ENABLED_PROPERTY_NAME = "gauntlet.execution.parallel.enabled";

  /** Name the prefix of the parameters that configure a parallel run, e.g. its parallelism. */
  public static final String PARALLEL_CONFIG_PREFIX = "gauntlet.execution.parallel.config.";

  /** Name the configuration parameter that stops a run at its first failure with {@code true}. */
  public static final String FAIL_FAST_PROPERTY_NAME = "gauntlet.execution.fail-fast";

  /** Name the configuration parameter that keeps one shard of the suite, such as {@code 2/3}. */
  public static final String SHARD_PROPERTY_NAME = "gauntlet.shard";

  /** Name the configuration parameter that sets the run's base seed. */
  public static final String SEED_PROPERTY_NAME = "gauntlet.seed";

  /** Name the configuration parameter that picks {@code virtual} or {@code real} time. */
  public static final String TIME_PROPERTY_NAME = "gauntlet.time";

  /** Name the configuration parameter that runs every networked scenario under one policy file. */
  public static final String POLICY_PROPERTY_NAME = "gauntlet.network.policy";

  /**
   * Name the configuration parameter that runs every scenario with recovery settings under one
   * recovery policy file.
   */
  public static final String RECOVERY_PROPERTY_NAME = "gauntlet.recovery.policy";

  /**
   * Stop every run of this engine in progress in this JVM, for instance on an interrupt: no further
   * scenario starts, and each running one ends at once, an action in progress cut short, with its
   * trace written.
   */
  public static void stopRunning(String reason) {
    Cancellation.stopAll(reason);
  }

  @Override
  public String getId() {
    return ENGINE_ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("dev.gauntlet");
  }

  @Override
  public Optional<String> getArtifactId() {
    return Optional.of("gauntlet");
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    GauntletEngineDescriptor engineDescriptor = new GauntletEngineDescriptor(uniqueId);
    DiscoveryIssueReporter issues =
        DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId);
    EngineParameters.Checked parameters =
        EngineParameters.check(request.getConfigurationParameters());
    parameters.issues().forEach(issues::reportIssue);
    ScenarioFiles files = new ScenarioFiles(issues);

    EngineDiscoveryRequestResolver.<GauntletEngineDescriptor>builder()
        .addResourceContainerSelectorResolver(ScenarioFolders.RESOURCES)
        .addSelectorResolver(context -> new ScenarioSelectorResolver(files))
        .build()
        .resolve(request, engineDescriptor);

    engineDescriptor.sortFiles();
    engineDescriptor.refuseDuplicateIds();
    Shard shard = parameters.shard();
    if (shard != null) {
      shard.prune(engineDescriptor);
    }
    engineDescriptor.keepRefusals(issues);
    return engineDescriptor;
  }

  @Override
  protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
    ParallelExecutionConfiguration parallel =
        EngineParameters.parallel(request.getConfigurationParameters());
    return parallel == null
        ? super.createExecutorService(request)
        : new ForkJoinPoolHierarchicalTestExecutorService(parallel);
  }

  @Override
  protected GauntletExecutionContext createExecutionContext(ExecutionRequest request) {
    EngineParameters.Run run = EngineParameters.run(request.getConfigurationParameters());
    ScenarioRunner runner = new ScenarioRunner(run.settings());
    return new GauntletExecutionContext(
        runner,
        new RunSummary(run.settings()),
        RunReports.start(run.settings(), run.allureResults()),
        request.getEngineExecutionListener(),
        new Cancellation(runner, run.failFast()));
  }
}
