package dev.gauntlet.cli;

import dev.gauntlet.engine.GauntletTestEngine;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.network.Policy;
import dev.gauntlet.report.AllureCheckResult;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.RecoverySpec;
import dev.gauntlet.scenario.ScenarioException;
import dev.gauntlet.time.Seeds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Run a suite under a baseline and a candidate policy, with the same seed, and report what the
 * change does: every request whose verdict changes, every recovery that changes and every scenario
 * whose result changes. The policies are network policies, recovery policies, or both at once.
 */
@Command(
    name = "policy-check",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Run scenarios under a baseline and a candidate policy and list the requests whose verdict"
          + " changes, the recoveries that change and the scenarios whose result changes.",
      "Give a network policy pair (--baseline, --candidate), a recovery policy pair"
          + " (--baseline-recovery, --candidate-recovery), or both.",
      "Every scenario with a network section runs under the given network policy instead of its"
          + " own; every scenario with a recovery section under the given recovery policy.",
      "Exits 1 when a scenario that passes under the baseline fails under the candidate."
    })
final class PolicyCheckCommand implements Callable<Integer> {

  /** The network policies to compare. */
  static final class NetworkPair {
    @Option(
        names = "--baseline",
        required = true,
        paramLabel = "FILE",
        description = "The network policy in use.")
    @SuppressWarnings("NullAway.Init")
    Path baseline;

    @Option(
        names = "--candidate",
        required = true,
        paramLabel = "FILE",
        description = "The network policy to compare with it.")
    @SuppressWarnings("NullAway.Init")
    Path candidate;
  }

  /** The recovery policies to compare. */
  static final class RecoveryPair {
    @Option(
        names = "--baseline-recovery",
        required = true,
        paramLabel = "FILE",
        description = "The recovery policy in use.")
    @SuppressWarnings("NullAway.Init")
    Path baseline;

    @Option(
        names = "--candidate-recovery",
        required = true,
        paramLabel = "FILE",
        description = "The recovery policy to compare with it.")
    @SuppressWarnings("NullAway.Init")
    Path candidate;
  }

  /** What one of the two runs is run under. */
  private record Side(String name, @Nullable Path network, @Nullable Path recovery) {}

  @SuppressWarnings("NullAway.Init")
  @Spec
  private CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "Network policies:%n")
  private @Nullable NetworkPair network;

  @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "Recovery policies:%n")
  private @Nullable RecoveryPair recovery;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Scenario files or folders to run (default: scenarios).")
  private List<Path> paths = new ArrayList<>();

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description = "Folder for traces and the diff (default: ${DEFAULT-VALUE}).")
  private Path reports = Path.of("reports");

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Name of this check's folder under the reports folder (default: the time).")
  private @Nullable String runId;

  @Option(
      names = "--allure-results",
      paramLabel = "DIR",
      description =
          "Folder for the Allure results of the candidate run and the check"
              + " (default: <check folder>/allure-results).")
  private @Nullable Path allureResults;

  @Option(names = "--no-allure", description = "Write no Allure results.")
  private boolean noAllure;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Run up to N scenarios at the same time (default: one after the other).")
  private int parallel = 1;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description = "The base seed both runs share (default: fresh).")
  private @Nullable Long seed;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    NetworkPair networks = network;
    RecoveryPair recoveries = recovery;
    if (networks == null && recoveries == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Give the policies to compare: --baseline and --candidate (network),"
              + " --baseline-recovery and --candidate-recovery, or both pairs");
    }
    Side baseline =
        new Side(
            "baseline",
            networks == null ? null : networks.baseline,
            recoveries == null ? null : recoveries.baseline);
    Side candidate =
        new Side(
            "candidate",
            networks == null ? null : networks.candidate,
            recoveries == null ? null : recoveries.candidate);
    OutputOptions.check(spec.commandLine(), reports, runId, allureResults);
    // Build a request only to refuse a missing path or a bad --parallel before either run starts.
    Execution.configure(
        ScenarioPaths.request(spec.commandLine(), paths),
        spec.commandLine(),
        parallel,
        null,
        false);
    if (!loads(baseline, out) | !loads(candidate, out)) {
      return 1;
    }
    String run = "policy-check-" + (runId != null ? runId : RunSettings.of(reports, false).runId());
    Path folder = reports.resolve(run);
    Path allure = noAllure ? null : allureFolder(folder);
    long shared = seed != null ? seed : Seeds.fresh();
    out.println("Seed " + shared + " (both runs)");

    ConsoleReport before = runUnder(baseline, folder, shared, null, out);
    if (before.foundNothing()) {
      out.println("No scenarios found in " + (paths.isEmpty() ? ScenarioPaths.DEFAULT : paths));
      return 1;
    }
    ConsoleReport after = runUnder(candidate, folder, shared, allure, out);
    int verdict = compare(baseline, candidate, folder, allure, out);
    if (before.hadErrors() || after.hadErrors()) {
      out.println(
          "Some files or scenarios could not run (the errors above), so the check did not cover"
              + " them.");
      return 1;
    }
    return verdict;
  }

  private int compare(
      Side baseline, Side candidate, Path folder, @Nullable Path allure, PrintWriter out)
      throws IOException {
    Path baselineSummary = folder.resolve(baseline.name()).resolve("summary.json");
    Path candidateSummary = folder.resolve(candidate.name()).resolve("summary.json");
    if (!Files.isRegularFile(baselineSummary) || !Files.isRegularFile(candidateSummary)) {
      out.println("A run wrote no summary under " + folder + "; see the problems above");
      return 1;
    }
    PolicyDiff diff = PolicyDiff.compare(baselineSummary, candidateSummary);
    out.println();
    diff.print(out);
    if (baseline.network() != null && diff.networked() == 0) {
      out.println(
          "No scenario run has a network section, so the network policies were not put to the"
              + " test.");
    }
    Path json = folder.resolve("policy-diff.json");
    diff.write(json, compared(baseline, candidate));
    out.println("Diff: " + json);
    if (allure != null) {
      writeAllure(diff, baseline, candidate, allure, json);
      out.println("Allure results: " + allure + " (./gauntlet report --results " + allure + ")");
    }
    return diff.breaksScenario() ? 1 : 0;
  }

  private Path allureFolder(Path folder) {
    Path chosen = allureResults;
    return chosen != null ? chosen : folder.resolve("allure-results");
  }

  /** Check a side's policy files before anything runs; print every problem and say whether none. */
  private static boolean loads(Side side, PrintWriter out) {
    List<Problem> problems = new ArrayList<>();
    try {
      if (side.network() != null) {
        Policy.load(side.network());
      }
    } catch (ScenarioException e) {
      problems.addAll(e.problems());
    }
    try {
      if (side.recovery() != null) {
        RecoverySpec.load(side.recovery());
      }
    } catch (ScenarioException e) {
      problems.addAll(e.problems());
    }
    problems.forEach(problem -> out.println("ERROR " + problem));
    out.flush();
    return problems.isEmpty();
  }

  private ConsoleReport runUnder(
      Side side, Path folder, long sharedSeed, @Nullable Path allure, PrintWriter out) {
    out.println(title(side));
    ConsoleReport report = new ConsoleReport(out, Terminal.plain());
    LauncherDiscoveryRequestBuilder request = ScenarioPaths.request(spec.commandLine(), paths);
    Execution.configure(request, spec.commandLine(), parallel, null, false);
    request
        .configurationParameter(GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, folder.toString())
        .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, side.name())
        .configurationParameter(GauntletTestEngine.SEED_PROPERTY_NAME, Long.toString(sharedSeed))
        .configurationParameter(
            GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME, Boolean.toString(allure != null))
        .listeners(report);
    if (allure != null) {
      request.configurationParameter(
          GauntletTestEngine.ALLURE_RESULTS_DIR_PROPERTY_NAME, allure.toString());
    }
    if (side.network() != null) {
      request.configurationParameter(
          GauntletTestEngine.POLICY_PROPERTY_NAME, side.network().toString());
    }
    if (side.recovery() != null) {
      request.configurationParameter(
          GauntletTestEngine.RECOVERY_PROPERTY_NAME, side.recovery().toString());
    }
    LauncherFactory.create().execute(request.build(), report);
    report.printTotals(
        ConsoleReport.refusedIn(folder.resolve(side.name()).resolve("summary.json")));
    return report;
  }

  /** {@code Baseline: network shop.yaml, recovery recovery.yaml}. */
  private static String title(Side side) {
    List<String> policies = new ArrayList<>();
    if (side.network() != null) {
      policies.add("network " + side.network());
    }
    if (side.recovery() != null) {
      policies.add("recovery " + side.recovery());
    }
    String name = side.name();
    return Character.toUpperCase(name.charAt(0))
        + name.substring(1)
        + ": "
        + String.join(", ", policies);
  }

  /** The policy files of each side, as the JSON diff and the report name them. */
  private static Map<String, String> compared(Side baseline, Side candidate) {
    Map<String, String> files = new LinkedHashMap<>();
    for (Side side : List.of(baseline, candidate)) {
      if (side.network() != null) {
        files.put(side.name(), side.network().toString());
      }
      if (side.recovery() != null) {
        files.put(side.name() + "Recovery", side.recovery().toString());
      }
    }
    return files;
  }

  /**
   * Write the check as one Allure test beside the candidate run's scenarios: failed when a scenario
   * broke, with a step for each change and the tables and JSON attached.
   */
  private static void writeAllure(
      PolicyDiff diff, Side baseline, Side candidate, Path folder, Path json) throws IOException {
    AllureCheckResult check =
        new AllureCheckResult(
            "Policy check: " + title(baseline) + " → " + title(candidate), "policy-check");
    compared(baseline, candidate).forEach(check::parameter);
    for (PolicyDiff.ScenarioChange change : diff.scenarios()) {
      check.step(
          PolicyDiff.name(change.scenario(), change.trial())
              + ": "
              + (change.baselinePassed() ? "passed" : "failed")
              + " → "
              + (change.candidatePassed() ? "passed" : "failed")
              + " ("
              + change.candidateOutcome()
              + ")",
          change.broken());
    }
    for (VerdictChange change :
        diff.verdicts().stream().filter(VerdictChange::madeInBoth).toList()) {
      check.step(
          String.format(
              "%s step %d: %s %s%s: %s → %s",
              PolicyDiff.name(change.scenario(), change.trial()),
              change.step(),
              change.method(),
              change.host(),
              change.path(),
              change.baseline(),
              change.candidate()),
          false);
    }
    for (RecoveryChange change : diff.recoveries()) {
      check.step(
          String.format(
              "%s step %d: %s: %s → %s",
              PolicyDiff.name(change.scenario(), change.trial()),
              change.step(),
              change.subject(),
              change.baseline(),
              change.candidate()),
          false);
    }
    if (diff.breaksScenario()) {
      check.failed(
          "Expecting every scenario that passes under the baseline to pass under the candidate,"
              + " but "
              + diff.scenarios().stream()
                  .filter(PolicyDiff.ScenarioChange::broken)
                  .map(change -> PolicyDiff.name(change.scenario(), change.trial()))
                  .toList()
              + " failed");
    }
    check
        .attach("policy diff", "text/plain", ".txt", diff.text())
        .attach("policy-diff.json", "application/json", ".json", Files.readString(json))
        .writeTo(folder);
    AllureCheckResult.addEnvironment(folder, compared(baseline, candidate));
  }
}
