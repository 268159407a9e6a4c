package dev.gauntlet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Start the {@code gauntlet} command line: {@code gauntlet run [paths…]} runs scenarios through the
 * JUnit Platform, {@code gauntlet validate [paths…]} only checks the files, {@code gauntlet report}
 * turns the last run's Allure results into the HTML report and {@code gauntlet bench} runs the JMH
 * benchmarks. Exit codes: 0 when everything passed, 1 when a scenario failed or a file has a
 * problem, 2 for a usage error.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Command(
    name = "gauntlet",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Run reliability scenarios for AI agents through a sandboxed agent loop.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      ReportCommand.class,
      BenchCommand.class,
      RecordCommand.class,
      PolicyCheckCommand.class
    })
public final class Main implements Runnable {

  /** Held so that the level set on it is not lost when the logger is collected. */
  private static final Logger PLATFORM_LOGGER = Logger.getLogger("org.junit.platform");

  @SuppressWarnings("NullAway.Init")
  @Spec
  private CommandSpec spec;

  /** Run the command line and exit with its code. */
  public static void main(String[] args) {
    // The command prints every problem itself, so the libraries' own logging would say it twice.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    PLATFORM_LOGGER.setLevel(Level.SEVERE);
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing a command: say 'run', 'validate', 'report' or 'bench'");
  }

  /** Report the version of the jar, as Maven recorded it. */
  static final class Version implements IVersionProvider {

    private static final String POM_PROPERTIES =
        "/META-INF/maven/dev.gauntlet/gauntlet/pom.properties";

    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Main.class.getResourceAsStream(POM_PROPERTIES)) {
        if (in != null) {
          properties.load(in);
        }
      }
      String version = properties.getProperty("version", "(development build, not from a jar)");
      return new String[] {"gauntlet " + version, "Java " + System.getProperty("java.version")};
    }
  }
}
