package dev.gauntlet.cli;

import dev.gauntlet.engine.GauntletTestEngine;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.time.Seeds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Run a suite under two network policies, with the same seed, and report what the change does:
 * every request whose verdict changes and every scenario whose result changes.
 */
@Command(
    name = "policy-check",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Run scenarios under a baseline and a candidate network policy and list the requests whose"
          + " verdict changes and the scenarios whose result changes.",
      "Every scenario with a network section runs under the given policy instead of its own.",
      "Exits 1 when a scenario that passes under the baseline fails under the candidate."
    })
final class PolicyCheckCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init")
  @Spec
  private CommandSpec spec;

  @Option(
      names = "--baseline",
      required = true,
      paramLabel = "FILE",
      description = "The policy in use.")
  @SuppressWarnings("NullAway.Init")
  private Path baseline;

  @Option(
      names = "--candidate",
      required = true,
      paramLabel = "FILE",
      description = "The policy to compare with it.")
  @SuppressWarnings("NullAway.Init")
  private Path candidate;

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
    for (Path policy : List.of(baseline, candidate)) {
      if (!Files.isRegularFile(policy)) {
        throw new ParameterException(spec.commandLine(), "No such policy file: " + policy);
      }
    }
    String run = "policy-check-" + (runId != null ? runId : RunSettings.of(reports, false).runId());
    Path folder = reports.resolve(run);
    long shared = seed != null ? seed : Seeds.fresh();

    out.println("Baseline: " + baseline);
    ConsoleReport before = runUnder(baseline, folder, "baseline", shared, out);
    out.println("Candidate: " + candidate);
    ConsoleReport after = runUnder(candidate, folder, "candidate", shared, out);
    if (before.foundNothing()) {
      out.println("No scenarios found in " + (paths.isEmpty() ? ScenarioPaths.DEFAULT : paths));
      return 1;
    }

    Path baselineSummary = folder.resolve("baseline").resolve("summary.json");
    Path candidateSummary = folder.resolve("candidate").resolve("summary.json");
    if (!Files.isRegularFile(baselineSummary) || !Files.isRegularFile(candidateSummary)) {
      out.println("A run wrote no summary under " + folder + "; see the problems above");
      return 1;
    }
    PolicyDiff diff = PolicyDiff.compare(baselineSummary, candidateSummary);
    out.println();
    diff.print(out);
    Path json = folder.resolve("policy-diff.json");
    diff.write(json, baseline, candidate);
    out.println("Diff: " + json);
    return diff.breaksScenario() ? 1 : 0;
  }

  private ConsoleReport runUnder(
      Path policy, Path folder, String runId, long sharedSeed, PrintWriter out) {
    ConsoleReport report = new ConsoleReport(out, Terminal.plain());
    LauncherDiscoveryRequestBuilder request = ScenarioPaths.request(spec.commandLine(), paths);
    Execution.configure(request, spec.commandLine(), parallel, null, false);
    request
        .configurationParameter(GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, folder.toString())
        .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, runId)
        .configurationParameter(GauntletTestEngine.SEED_PROPERTY_NAME, Long.toString(sharedSeed))
        .configurationParameter(GauntletTestEngine.POLICY_PROPERTY_NAME, policy.toString())
        .configurationParameter(GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME, "false")
        .listeners(report);
    LauncherFactory.create().execute(request.build(), report);
    report.printTotals();
    return report;
  }
}
