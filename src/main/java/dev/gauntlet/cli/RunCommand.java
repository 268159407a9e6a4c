package dev.gauntlet.cli;

import dev.gauntlet.engine.GauntletTestEngine;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.report.LatencyTable;
import dev.gauntlet.time.Seeds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Run scenarios through the JUnit Platform Launcher with the Gauntlet engine alone. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Run scenarios and print one line per scenario, then the totals.",
      "Exits 0 when every scenario passed, 1 when one failed or a file has a problem."
    })
final class RunCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init")
  @Spec
  private CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Scenario files or folders to run (default: scenarios).")
  private List<Path> paths = new ArrayList<>();

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description = "Folder for traces and summaries (default: ${DEFAULT-VALUE}).")
  private Path reports = Path.of("reports");

  @Option(
      names = "--keep-workspaces",
      description = "Keep the workspaces of passing scenarios too; a failed one's is always kept.")
  private boolean keepWorkspaces;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Name of this run's folder under the reports folder (default: the time).")
  private @Nullable String runId;

  @Option(
      names = "--allure-results",
      paramLabel = "DIR",
      description = "Folder for Allure results (default: <reports>/allure-results).")
  private @Nullable Path allureResults;

  @Option(names = "--no-allure", description = "Write no Allure results.")
  private boolean noAllure;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Run up to N scenarios at the same time (default: one after the other).")
  private int parallel = 1;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Run only the I-th of N shards of the suite, chosen by scenario id (e.g. 2/3).")
  private @Nullable String shard;

  @Option(
      names = "--fail-fast",
      description = "Start no scenario after the first failure; running ones end their step.")
  private boolean failFast;

  @Option(
      names = "--include-tag",
      paramLabel = "TAG",
      description =
          "Run only scenarios with this tag, or matching this JUnit tag expression such as"
              + " 'network & !long'; repeatable.")
  private List<String> includeTags = new ArrayList<>();

  @Option(
      names = "--exclude-tag",
      paramLabel = "TAG",
      description = "Leave out scenarios with this tag or matching this expression; repeatable.")
  private List<String> excludeTags = new ArrayList<>();

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description = "The run's base seed, to repeat a run's random choices (default: fresh).")
  private @Nullable Long seed;

  @Option(
      names = "--real-time",
      description = "Let waits really wait, instead of advancing a virtual clock.")
  private boolean realTime;

  @Option(
      names = {"--class-path", "-cp"},
      paramLabel = "PATH",
      description =
          "Where agent: { java: … } classes are found: jars and class folders separated as for"
              + " java -cp, folder/* for every jar in a folder; repeatable.")
  private List<String> classPath = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    OutputOptions.check(spec.commandLine(), reports, runId, allureResults);
    AgentClassPath agents = AgentClassPath.parse(spec.commandLine(), classPath);
    String run = runId != null ? runId : RunSettings.of(reports, keepWorkspaces).runId();
    Path allure = allureResults != null ? allureResults : reports.resolve("allure-results");
    ConsoleReport report = new ConsoleReport(out, Terminal.detect());
    LauncherDiscoveryRequestBuilder builder = ScenarioPaths.request(spec.commandLine(), paths);
    Execution.configure(builder, spec.commandLine(), parallel, shard, failFast);
    Execution.filterTags(builder, spec.commandLine(), includeTags, excludeTags);
    // Chosen here rather than in the engine so that it is printed before anything runs.
    long chosenSeed = seed != null ? seed : Seeds.fresh();
    builder.configurationParameter(
        GauntletTestEngine.SEED_PROPERTY_NAME, Long.toString(chosenSeed));
    out.println("Seed " + chosenSeed + " (rerun the same trials with --seed " + chosenSeed + ")");
    if (realTime) {
      builder.configurationParameter(GauntletTestEngine.TIME_PROPERTY_NAME, "real");
    }
    LauncherDiscoveryRequest request =
        builder
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, run)
            .configurationParameter(
                GauntletTestEngine.KEEP_WORKSPACES_PROPERTY_NAME, Boolean.toString(keepWorkspaces))
            .configurationParameter(
                GauntletTestEngine.ALLURE_RESULTS_DIR_PROPERTY_NAME, allure.toString())
            .configurationParameter(
                GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME, Boolean.toString(!noAllure))
            .listeners(report)
            .build();

    Execution.Interrupts interrupts = Execution.stopOnInterrupt(out);
    try {
      execute(request, report, agents);
      return finish(out, run, allure, report);
    } finally {
      interrupts.close();
    }
  }

  /**
   * Execute the request with the agents' class path as the context class loader, which the engine
   * loads Java agents with and JUnit's parallel workers inherit.
   */
  private static void execute(
      LauncherDiscoveryRequest request, ConsoleReport report, AgentClassPath agents) {
    if (agents.isEmpty()) {
      LauncherFactory.create().execute(request, report);
      return;
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader = agents.loader(RunCommand.class.getClassLoader())) {
      thread.setContextClassLoader(loader);
      LauncherFactory.create().execute(request, report);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the agents' class loader", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private int finish(PrintWriter out, String run, Path allure, ConsoleReport report) {
    if (report.foundNothing()) {
      return nothingRan(out);
    }
    printLatency(out, reports.resolve(run).resolve("summary.json"));
    report.printTotals(ConsoleReport.refusedIn(reports.resolve(run).resolve("summary.json")));
    PassRates.print(out, reports.resolve(run).resolve("summary.json"));
    out.println("Reports: " + reports.resolve(run));
    if (!noAllure && Files.isDirectory(allure)) {
      out.println("Allure results: " + allure + " (./gauntlet report makes the HTML report)");
    }
    return report.allPassed() ? 0 : 1;
  }

  /**
   * Say why nothing ran. An empty shard is no mistake, since a CI matrix may have more shards than
   * a small suite has scenarios, so it exits 0; tag filters that match nothing, or paths that hold
   * no scenario, exit 1.
   */
  private int nothingRan(PrintWriter out) {
    long inEveryShard = shard == null ? 0 : count(true);
    if (inEveryShard > 0) {
      out.println(
          "Shard "
              + shard
              + " holds none of the "
              + scenarios(inEveryShard)
              + " in "
              + describe(paths)
              + "; nothing to run");
      return 0;
    }
    long unfiltered = includeTags.isEmpty() && excludeTags.isEmpty() ? 0 : count(false);
    if (unfiltered > 0) {
      out.println(
          "None of the "
              + scenarios(unfiltered)
              + " in "
              + describe(paths)
              + " matches the tag filters");
      return 1;
    }
    out.println("No scenarios found in " + describe(paths));
    return 1;
  }

  private static String scenarios(long count) {
    return count == 1 ? "1 scenario" : count + " scenarios";
  }

  /** Count the tests the paths hold across every shard, with or without the tag filters. */
  private long count(boolean withTags) {
    LauncherDiscoveryRequestBuilder builder = ScenarioPaths.request(spec.commandLine(), paths);
    if (withTags) {
      Execution.filterTags(builder, spec.commandLine(), includeTags, excludeTags);
    }
    TestPlan plan = LauncherFactory.create().discover(builder.build());
    return plan.getRoots().stream()
        .flatMap(root -> plan.getDescendants(root).stream())
        .filter(TestIdentifier::isTest)
        .count();
  }

  /** Print the run's per-stage latency, as {@code summary.json} holds it, when it has steps. */
  private static void printLatency(PrintWriter out, Path summary) {
    try {
      LatencyTable.fromSummary(summary)
          .filter(table -> table.steps() > 0)
          .ifPresent(
              table -> {
                out.println(
                    "Latency per stage over "
                        + table.steps()
                        + (table.steps() == 1 ? " step" : " steps")
                        + " (real time):");
                table.text().lines().forEach(line -> out.println("  " + line));
              });
    } catch (IOException e) {
      out.println("Cannot read the latency figures of " + summary + ": " + e.getMessage());
    }
  }

  private static String describe(List<Path> paths) {
    return paths.isEmpty() ? ScenarioPaths.DEFAULT.toString() : paths.toString();
  }
}
