package dev.gauntlet.cli;

import dev.gauntlet.report.AllureCommandLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Turn the Allure results of the last run into the HTML report. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Turn the Allure results of the last run into the HTML report.",
      "Uses the Allure command line from Maven Central that ./gauntlet report unpacks."
    })
final class ReportCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init")
  @Spec
  private CommandSpec spec;

  @Option(
      names = "--results",
      paramLabel = "DIR",
      description = "The Allure results (default: ${DEFAULT-VALUE}).")
  private Path results = Path.of("reports", "allure-results");

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = {
        "Where the HTML report goes (default: ${DEFAULT-VALUE}): a new or empty folder, or an"
            + " earlier report, which it replaces."
      })
  private Path output = Path.of("reports", "allure-report");

  @Option(
      names = "--allure",
      paramLabel = "DIR",
      description = "The unpacked Allure command line (default: ${DEFAULT-VALUE}).")
  private Path allure = Path.of("target", "allure-commandline");

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(results)) {
      throw new ParameterException(
          spec.commandLine(),
          "No Allure results at " + results + "; run scenarios first with ./gauntlet run");
    }
    Optional<String> refusal = AllureCommandLine.whyNotReplace(results, output);
    if (refusal.isPresent()) {
      throw new ParameterException(spec.commandLine(), refusal.get());
    }
    Optional<AllureCommandLine> commandLine = AllureCommandLine.find(allure);
    if (commandLine.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "No Allure command line under "
              + allure
              + "; ./gauntlet report unpacks it with Maven (mvn dependency:unpack@unpack-allure-commandline)");
    }
    out.flush();
    int exit = commandLine.get().generate(results, output);
    if (exit != 0) {
      out.println("allure generate failed with exit code " + exit);
      return 1;
    }
    out.println("Report: " + output.resolve("index.html"));
    out.println(
        "Open it through a web server (it loads its data with requests), e.g. jwebserver -d "
            + output.toAbsolutePath()
            + " (Java 18+) or python3 -m http.server -d "
            + output);
    return 0;
  }
}
