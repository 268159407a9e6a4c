package dev.gauntlet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Check scenario files without running them: the same discovery {@code run} does, which loads every
 * file by the same folder rules and finds ids used twice.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Check scenario files without running them and print every problem.",
      "Exits 0 when there is none, 1 otherwise."
    })
final class ValidateCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init")
  @Spec
  private CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Scenario files or folders to check (default: scenarios).")
  private List<Path> paths = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<DiscoveryIssue> problems = new ArrayList<>();
    LauncherDiscoveryRequest request =
        ScenarioPaths.request(spec.commandLine(), paths)
            .listeners(
                new LauncherDiscoveryListener() {
                  @Override
                  public void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
                    problems.add(issue);
                    out.println(issue.message());
                  }
                })
            .build();

    TestPlan plan = LauncherFactory.create().discover(request);

    long files = count(plan, "file") + count(plan, "resource");
    long scenarios = count(plan, "scenario");
    if (files == 0 && problems.isEmpty()) {
      out.println(
          "No scenario files found in " + (paths.isEmpty() ? ScenarioPaths.DEFAULT : paths));
      return 1;
    }
    if (problems.isEmpty()) {
      out.println(plural(files, "file") + ", " + plural(scenarios, "scenario") + ": no problems");
      return 0;
    }
    out.println(plural(problems.size(), "problem"));
    return 1;
  }

  private static long count(TestPlan plan, String segmentType) {
    return plan.getRoots().stream()
        .flatMap(root -> plan.getDescendants(root).stream())
        .map(TestIdentifier::getUniqueIdObject)
        .filter(id -> id.getLastSegment().getType().equals(segmentType))
        .count();
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
