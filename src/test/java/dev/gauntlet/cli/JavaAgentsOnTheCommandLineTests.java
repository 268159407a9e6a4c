package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.KeptWorkspaces;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A Java agent that is not on Gauntlet's own class path runs from the command line through {@code
 * --class-path}. The agent is compiled here, so that nothing but the option can make it visible.
 */
class JavaAgentsOnTheCommandLineTests {

  private static final String AGENT =
      """
      package example;

      import dev.gauntlet.agent.Agent;
      import dev.gauntlet.agent.Decision;
      import dev.gauntlet.agent.Observation;
      import dev.gauntlet.scenario.Outcome;

      public final class Finisher implements Agent {
        @Override
        public Decision decide(Observation observation) {
          return Decision.finish(Outcome.SUCCESS, "finished by example.Finisher");
        }
      }
      """;

  private static final String SCENARIO =
      """
      id: java-agent
      agent: { java: { class: example.Finisher } }
      expect:
        outcome: success
      """;

  @TempDir Path dir;

  @RegisterExtension
  final KeptWorkspaces kept = KeptWorkspaces.listedUnder(() -> dir.resolve("reports"));

  private Path classes;
  private Path scenario;

  @BeforeEach
  void compileTheAgent() throws IOException {
    Path source = Files.createDirectories(dir.resolve("src/example")).resolve("Finisher.java");
    Files.writeString(source, AGENT);
    classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int exit =
        compiler.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            source.toString());
    assertThat(exit).as("the example agent compiles").isZero();
    scenario = Files.writeString(dir.resolve("java-agent.yaml"), SCENARIO);
  }

  @Test
  void anAgentInAClassFolderRuns() {
    Result result = run("--class-path", classes.toString());

    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(result.out()).contains("PASS  java-agent  success");
  }

  @Test
  void anAgentInAJarOfAFolderGivenWithAStarRuns() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    jar(classes, lib.resolve("agents.jar"));

    Result result = run("-cp", lib + File.separator + "*");

    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(result.out()).contains("PASS  java-agent  success");
  }

  @Test
  void anAgentRunsOnTheWorkersOfAParallelRun() throws IOException {
    Files.writeString(dir.resolve("second.yaml"), SCENARIO.replace("java-agent", "second"));

    Result result = run("--parallel", "2", "--class-path", classes.toString());

    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(result.out()).contains("2 passed, 0 failed");
  }

  @Test
  void withoutTheOptionTheScenarioFailsNamingTheClassAndTheOption() {
    Result result = run();

    assertThat(result.exitCode()).isOne();
    assertThat(result.out())
        .contains("The agent class 'example.Finisher' is not on the class path")
        .contains("--class-path");
  }

  @Test
  void anEntryThatDoesNotExistIsRefusedBeforeAnythingRuns() {
    String missing = dir.resolve("missing.jar").toString();

    Result result = run("--class-path", classes + File.pathSeparator + missing);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("The --class-path entry '" + missing + "' does not exist");
    assertThat(result.out()).doesNotContain("java-agent");
  }

  private Result run(String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    List<String> args =
        new ArrayList<>(
            List.of("run", "--reports", dir.resolve("reports").toString(), "--no-allure"));
    args.addAll(List.of(options));
    args.add(scenario.getParent().toString());
    int exitCode = command.execute(args.toArray(String[]::new));
    return new Result(exitCode, out.toString(), err.toString());
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("example/Finisher.class"));
      out.write(Files.readAllBytes(classes.resolve("example/Finisher.class")));
      out.closeEntry();
    }
  }

  private record Result(int exitCode, String out, String err) {}
}
