package dev.gauntlet.engine;

import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.network.Policy;
import dev.gauntlet.report.RunReports;
import dev.gauntlet.scenario.RecoverySpec;
import dev.gauntlet.scenario.ScenarioException;
import dev.gauntlet.trace.RunSummary;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;

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
 *       [engine:gauntlet]/[file:/abs/path/a.yaml]/[scenario:docs-digest]}.
 * </ul>
 *
 * <p>Unique ids are built from a file's absolute path ({@code [file:…]}) or a resource's name
 * ({@code [resource:…]}) and the scenario's {@code id} ({@code [scenario:…]}), never from line
 * numbers, so that a rerun by unique id survives edits that move a scenario within its file. A
 * test's source is a {@code FileSource} (or a {@code ClasspathResourceSource}) with the line and
 * column where the scenario starts, and the scenario's tags become JUnit tags.
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
   * scenario starts, and each running one ends after its current step with its trace written.
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
    ScenarioFiles files = new ScenarioFiles(issues);

    EngineDiscoveryRequestResolver.<GauntletEngineDescriptor>builder()
        .addResourceContainerSelectorResolver(ScenarioFolders.RESOURCES)
        .addSelectorResolver(context -> new ScenarioSelectorResolver(files))
        .build()
        .resolve(request, engineDescriptor);

    engineDescriptor.sortFiles();
    engineDescriptor.refuseDuplicateIds(issues);
    request
        .getConfigurationParameters()
        .get(SHARD_PROPERTY_NAME)
        .map(String::strip)
        .filter(shard -> !shard.isEmpty())
        .map(shard -> Shard.parse(shard, "Configuration parameter " + SHARD_PROPERTY_NAME))
        .ifPresent(shard -> shard.prune(engineDescriptor));
    return engineDescriptor;
  }

  @Override
  protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
    ConfigurationParameters parameters = request.getConfigurationParameters();
    return parameters.getBoolean(PARALLEL_ENABLED_PROPERTY_NAME).orElse(false)
        ? ParallelExecution.executor(parameters)
        : super.createExecutorService(request);
  }

  @Override
  protected GauntletExecutionContext createExecutionContext(ExecutionRequest request) {
    ConfigurationParameters parameters = request.getConfigurationParameters();
    RunSettings settings = settings(parameters);
    ScenarioRunner runner = new ScenarioRunner(settings);
    return new GauntletExecutionContext(
        runner,
        new RunSummary(settings),
        reports(settings, parameters),
        request.getEngineExecutionListener(),
        new Cancellation(runner, parameters.getBoolean(FAIL_FAST_PROPERTY_NAME).orElse(false)));
  }

  private static RunReports reports(RunSettings settings, ConfigurationParameters parameters) {
    boolean allure = parameters.getBoolean(ALLURE_ENABLED_PROPERTY_NAME).orElse(true);
    Path results =
        parameters
            .get(ALLURE_RESULTS_DIR_PROPERTY_NAME)
            .map(String::strip)
            .filter(dir -> !dir.isEmpty())
            .map(Path::of)
            .orElse(settings.reportsDir().resolve("allure-results"));
    return RunReports.start(settings, allure ? results : null);
  }

  private static RunSettings settings(ConfigurationParameters parameters) {
    Path reportsDir = Path.of(parameters.get(REPORTS_DIR_PROPERTY_NAME).orElse("reports"));
    boolean keepWorkspaces = parameters.getBoolean(KEEP_WORKSPACES_PROPERTY_NAME).orElse(false);
    RunSettings byTime = RunSettings.of(reportsDir, keepWorkspaces);
    RunSettings settings =
        parameters
            .get(RUN_ID_PROPERTY_NAME)
            .map(String::strip)
            .filter(runId -> !runId.isEmpty())
            .map(runId -> new RunSettings(reportsDir, runId, keepWorkspaces))
            .orElse(byTime);
    Optional<String> seed = parameter(parameters, SEED_PROPERTY_NAME);
    if (seed.isPresent()) {
      settings = settings.withSeed(seed(seed.get()));
    }
    String time = parameter(parameters, TIME_PROPERTY_NAME).orElse("virtual");
    if (time.toLowerCase(Locale.ROOT).equals("real")) {
      settings = settings.withRealTime();
    } else if (!time.toLowerCase(Locale.ROOT).equals("virtual")) {
      throw new PreconditionViolationException(
          "Configuration parameter "
              + TIME_PROPERTY_NAME
              + " must be virtual or real, but was '"
              + time
              + "'");
    }
    Optional<String> policy = parameter(parameters, POLICY_PROPERTY_NAME);
    if (policy.isPresent()) {
      settings = settings.withPolicy(load(POLICY_PROPERTY_NAME, policy.get(), Policy::load));
    }
    Optional<String> recovery = parameter(parameters, RECOVERY_PROPERTY_NAME);
    if (recovery.isPresent()) {
      settings =
          settings.withRecovery(load(RECOVERY_PROPERTY_NAME, recovery.get(), RecoverySpec::load));
    }
    return settings;
  }

  /** Load the file a parameter names; a broken file fails the run with its problems. */
  private static <T> T load(String key, String file, Function<Path, T> loader) {
    try {
      return loader.apply(Path.of(file));
    } catch (ScenarioException e) {
      throw new PreconditionViolationException(
          "Configuration parameter " + key + " names a file with problems:\n" + e.getMessage(), e);
    }
  }

  private static Optional<String> parameter(ConfigurationParameters parameters, String key) {
    return parameters.get(key).map(String::strip).filter(value -> !value.isEmpty());
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new PreconditionViolationException(
          "Configuration parameter "
              + SEED_PROPERTY_NAME
              + " must be a decimal number such as 42, but was '"
              + value
              + "'",
          e);
    }
  }
}
