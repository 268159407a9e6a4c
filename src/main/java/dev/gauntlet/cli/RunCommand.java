package dev.gauntlet.cli;

import dev.gauntlet.engine.GauntletTestEngine;
import dev.gauntlet.loop.RunSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String run = runId != null ? runId : RunSettings.of(reports, keepWorkspaces).runId();
    ConsoleReport report = new ConsoleReport(out);
    LauncherDiscoveryRequest request =
        ScenarioPaths.request(spec.commandLine(), paths)
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, run)
            .configurationParameter(
                GauntletTestEngine.KEEP_WORKSPACES_PROPERTY_NAME, Boolean.toString(keepWorkspaces))
            .listeners(report)
            .build();

    LauncherFactory.create().execute(request, report);

    if (report.foundNothing()) {
      out.println("No scenarios found in " + describe(paths));
      return 1;
    }
    report.printTotals();
    out.println("Reports: " + reports.resolve(run));
    return report.allPassed() ? 0 : 1;
  }

  private static String describe(List<Path> paths) {
    return paths.isEmpty() ? ScenarioPaths.DEFAULT.toString() : paths.toString();
  }
}
