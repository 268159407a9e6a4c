package dev.gauntlet.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Run Gauntlet's JMH benchmarks in a forked JVM on this process's class path, write JMH's JSON
 * under the output folder, and print the figures and the harness / direct ratios as markdown beside
 * it. The benchmarks are on the class path only when built with the {@code bench} profile, as
 * {@code ./gauntlet bench} does.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Run the JMH benchmarks and print the figures and the harness / direct ratios.",
      "./gauntlet bench builds them first (mvn -Pbench); JSON and markdown go to the output folder."
    })
final class BenchCommand implements Callable<Integer> {

  private static final String JMH_MAIN = "org.openjdk.jmh.Main";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @SuppressWarnings("NullAway.Init")
  @Spec
  private CommandSpec spec;

  /** The scenario the full run benchmarks when none is named; the script says where it is. */
  private static final String SHIPPED_SCENARIO = "scenarios/workspace/docs-digest.yaml";

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description = "Benchmark the loop of this scenario file alone (ScenarioBenchmark).")
  private @Nullable Path scenario;

  @Option(
      names = "--include",
      paramLabel = "REGEX",
      description = "Benchmarks to run, as JMH matches them (default: ${DEFAULT-VALUE}).")
  private String include = "dev.gauntlet.bench";

  @Option(names = "--forks", description = "JVM forks per benchmark (default: ${DEFAULT-VALUE}).")
  private int forks = 1;

  @Option(names = "--warmup", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
  private int warmup = 3;

  @Option(names = "--iterations", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
  private int iterations = 5;

  @Option(
      names = "--time",
      paramLabel = "TIME",
      description = "Length of each iteration, as JMH reads it (default: ${DEFAULT-VALUE}).")
  private String time = "1s";

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder for the results (default: ${DEFAULT-VALUE}).")
  private Path out = Path.of("reports", "bench");

  @Option(
      names = "--jmh",
      paramLabel = "ARG",
      description = "An argument passed on to JMH as it is; repeat for more.")
  private List<String> jmhArguments = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter console = spec.commandLine().getOut();
    try {
      Class.forName(JMH_MAIN, false, BenchCommand.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ParameterException(
          spec.commandLine(),
          "The benchmarks are not on the class path; run ./gauntlet bench, which builds them"
              + " with mvn -Pbench");
    }
    Files.createDirectories(out);
    String stamp = STAMP.format(Clock.systemUTC().instant());
    Path json = out.resolve(stamp + ".json");

    console.flush();
    int exit = new ProcessBuilder(command(json)).inheritIO().start().waitFor();
    if (exit != 0 || !Files.isRegularFile(json)) {
      console.println("JMH failed with exit code " + exit);
      return 1;
    }

    String markdown = BenchReport.read(json).markdown();
    Path md = out.resolve(stamp + ".md");
    Files.writeString(md, markdown, StandardCharsets.UTF_8);
    console.println();
    console.print(markdown);
    console.println();
    console.println("Results: " + json + " and " + md);
    return 0;
  }

  /** The shipped scenario, found through {@code GAUNTLET_ROOT} when the script set it. */
  private static Path shippedScenario() {
    String root = System.getenv("GAUNTLET_ROOT");
    return root == null ? Path.of(SHIPPED_SCENARIO) : Path.of(root).resolve(SHIPPED_SCENARIO);
  }

  private List<String> command(Path json) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(JMH_MAIN);
    command.add(scenario != null ? "dev.gauntlet.bench.ScenarioBenchmark" : include);
    command.addAll(
        List.of(
            "-f",
            Integer.toString(forks),
            "-wi",
            Integer.toString(warmup),
            "-i",
            Integer.toString(iterations),
            "-w",
            time,
            "-r",
            time,
            "-rf",
            "json",
            "-rff",
            json.toString()));
    Path benchmarked = scenario != null ? scenario : shippedScenario();
    command.add("-p");
    command.add(
        "scenario=" + benchmarked.toAbsolutePath().toString().replace(File.separatorChar, '/'));
    command.addAll(jmhArguments);
    return command;
  }
}
