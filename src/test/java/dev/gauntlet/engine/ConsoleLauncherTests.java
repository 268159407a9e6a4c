package dev.gauntlet.engine;

import static dev.gauntlet.engine.ScenarioFilesOnDisk.passing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gauntlet.scenario.ScenarioLoader;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Run the engine as users of either JUnit generation do: in the standalone ConsoleLauncher of JUnit
 * 5 (platform 1.14) and of JUnit 6, each a separate process with the engine and its libraries on
 * the class path. The build copies both launchers and writes the engine's class path beside them.
 */
class ConsoleLauncherTests {

  private static final Path SUITE = Path.of("src/test/resources/dev/gauntlet/engine/suite");
  private static final Path SHIPPED = Path.of("scenarios");

  @TempDir Path reports;

  @ParameterizedTest(name = "platform {0}")
  @ValueSource(strings = {"1.", "6."})
  void runsTheTestSuiteAndPassesEveryScenario(String generation) throws Exception {
    Launched launched = launch(generation, SUITE);

    assertThat(launched.exitCode()).as(launched.output()).isZero();
    assertThat(launched.output())
        .contains("Write a greeting and read it back")
        .contains("Append a second greeting")
        .contains("Keep three notes in a folder")
        .contains("3 tests successful")
        .contains("0 tests failed");
  }

  @ParameterizedTest(name = "platform {0}")
  @ValueSource(strings = {"1.", "6."})
  void runsTheOtherFilesWhenOneIsBrokenAndFailsTheRunWithThePlaceOfTheProblem(
      String generation, @TempDir Path dir) throws Exception {
    write(dir.resolve("good.yaml"), passing("good"));
    Path broken = write(dir.resolve("broken.yaml"), passing("broken").replace("tags:", "tagz:"));

    Launched launched = launch(generation, dir);

    assertThat(launched.exitCode()).as(launched.output()).isOne();
    assertThat(launched.output())
        .contains("1 tests successful")
        .contains("1 tests failed")
        .contains(broken + ":3:1 tagz: ");
  }

  @ParameterizedTest(name = "platform {0}")
  @ValueSource(strings = {"1.", "6."})
  void runsTheShippedScenariosAndPassesEveryOne(String generation) throws Exception {
    List<Path> files =
        Files.isDirectory(SHIPPED) ? ScenarioFolders.scenarioFiles(SHIPPED) : List.of();
    assumeTrue(!files.isEmpty(), "the scenarios/ folder holds no scenario yet");
    int scenarios = new ScenarioLoader().loadAll(files).scenarios().size();

    Launched launched = launch(generation, SHIPPED);

    assertThat(launched.exitCode()).as(launched.output()).isZero();
    assertThat(launched.output())
        .contains(scenarios + " tests successful")
        .contains("0 tests failed");
  }

  @ParameterizedTest(name = "platform {0}")
  @ValueSource(strings = {"1.", "6."})
  void runsOneScenarioSelectedByAUniqueIdThatHoldsItsPathFromTheWorkingFolder(String generation)
      throws Exception {
    String docsDigest =
        "[engine:gauntlet]/[file:scenarios%2Fworkspace%2Fdocs-digest.yaml]/[scenario:docs-digest]";

    Launched launched = launch(generation, List.of("--select-unique-id", docsDigest));

    assertThat(launched.exitCode()).as(launched.output()).isZero();
    assertThat(launched.output())
        .contains("Read a plan, work through 20 pages, write a digest")
        .contains("1 tests successful")
        .contains("0 tests failed");
  }

  @ParameterizedTest(name = "platform {0}")
  @ValueSource(strings = {"1.", "6."})
  void failsTheRunOnABadParameterWithItsSentenceAndNoStackTrace(String generation)
      throws Exception {
    Launched launched =
        launch(
            generation,
            List.of(
                "--select-directory",
                SUITE.toString(),
                "--config",
                GauntletTestEngine.SHARD_PROPERTY_NAME + "=4/3"));

    assertThat(launched.exitCode()).as(launched.output()).isOne();
    assertThat(launched.output())
        .contains(
            "Configuration parameter 'gauntlet.shard' is '4/3', but must be i/n with 1 <= i <= n;"
                + " did you mean '3/3'?")
        .contains("0 tests started")
        .doesNotContain("\tat ")
        .doesNotContain("dev.gauntlet.engine.");
  }

  private Launched launch(String generation, Path scenarios) throws Exception {
    return launch(generation, List.of("--select-directory", scenarios.toString()));
  }

  private Launched launch(String generation, List<String> selection) throws Exception {
    Path buildDir = buildDir();
    Path launchers = buildDir.resolve("launchers");
    String engineClassPath =
        Files.readString(launchers.resolve("engine-classpath.txt"), StandardCharsets.UTF_8).strip();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Workspaces the launcher keeps go to this test run's temp folder, as the run's own do.
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-jar");
    command.add(launcher(launchers, generation).toString());
    command.add("execute");
    command.add("--class-path");
    command.add(buildDir.resolve("classes") + File.pathSeparator + engineClassPath);
    command.addAll(selection);
    command.add("--include-engine");
    command.add("gauntlet");
    command.add("--details");
    command.add("tree");
    command.add("--disable-banner");
    command.add("--disable-ansi-colors");
    command.add("--config");
    command.add(GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME + "=" + reports);
    Path output = reports.resolve("launcher-output.txt");

    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }

    assertThat(finished).as("the launcher finished").isTrue();
    return new Launched(process.exitValue(), Files.readString(output));
  }

  /** The launcher of one generation, e.g. {@code junit-platform-console-standalone-6.1.3.jar}. */
  private static Path launcher(Path launchers, String generation) throws IOException {
    String prefix = "junit-platform-console-standalone-" + generation;
    try (Stream<Path> jars = Files.list(launchers)) {
      List<Path> matching =
          jars.filter(jar -> jar.getFileName().toString().startsWith(prefix)).toList();
      assertThat(matching).as("launchers in %s starting with %s", launchers, prefix).hasSize(1);
      return matching.get(0);
    }
  }

  /** The build folder these tests were compiled into, which {@code -DbuildDir} may move. */
  private static Path buildDir() throws URISyntaxException {
    Path testClasses =
        Path.of(
            ConsoleLauncherTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return Objects.requireNonNull(testClasses.getParent(), testClasses.toString());
  }

  private record Launched(int exitCode, String output) {}
}
