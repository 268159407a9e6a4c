package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.sandbox.shell.ShellTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C stops a run cleanly: the running scenario ends with its current step, cut short if its
 * action is still running, with its trace complete up to there, the results so far are printed, and
 * nothing is left running. A stopped scenario has no verdict: even one that expects the error a
 * stop ends it with is not a pass.
 */
class InterruptTests {

  @TempDir Path folder;

  @Test
  void anInterruptEndsTheRunningScenarioAfterItsStepAndReportsItAsStopped() throws Exception {
    Path scenario =
        Files.writeString(
            folder.resolve("slow.yaml"),
            """
            id: slow
            budget: { steps: 100, wallClock: 5m }
            detect: { stall: 100 }
            agent:
              scripted:
                - repeat: 60
                  do:
                    - wait: 1s
            expect:
              outcome: error
            """);
    Path tmp = Files.createDirectories(folder.resolve("tmp"));
    Path reports = folder.resolve("reports");
    Path output = folder.resolve("output.txt");
    Path trace = reports.resolve("slow-run/slow/trace.jsonl");

    Process process = startRun(tmp, output, reports, "slow-run", scenario);
    awaitLines(trace, 2, process);
    interrupt(process);
    boolean finished = process.waitFor(2, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }

    String printed = Files.readString(output);
    assertThat(finished).as("the run ended; it printed:%n%s", printed).isTrue();
    assertThat(printed)
        .contains("Interrupted: stopping the running scenarios")
        .containsPattern("(?m)^STOP  slow  error, \\d+ steps, ")
        .containsPattern("The run was stopped (after|during) step")
        .contains("0 passed, 0 failed, 1 stopped");
    List<JsonNode> steps = read(trace);
    assertThat(steps).isNotEmpty().hasSizeLessThan(60);
    for (int i = 0; i < steps.size(); i++) {
      assertThat(steps.get(i).path("step").asInt()).isEqualTo(i + 1);
    }
    assertThat(steps.get(steps.size() - 1).path("outcome").asText()).isEqualTo("error");
    JsonNode summary =
        new ObjectMapper().readTree(reports.resolve("slow-run/summary.json").toFile());
    assertThat(summary.path("stopped").asInt()).isOne();
    assertThat(summary.path("passed").asInt()).isZero();
    assertThat(summary.path("results").get(0).path("stopped").asBoolean()).isTrue();
    // The stopped scenario's workspace is kept, and said so; nothing else remains.
    assertThat(ChildRuns.leftovers(tmp)).allMatch(path -> printed.contains(path.toString()));
    assertThat(ChildRuns.processesNaming(tmp.toString())).isEmpty();
  }

  @Test
  void anInterruptCutsShortACommandThatWouldOutlastTheGracePeriod() throws Exception {
    assumeTrue(
        Files.isExecutable(ShellTool.DEFAULT_BUBBLEWRAP),
        "bubblewrap is not installed at "
            + ShellTool.DEFAULT_BUBBLEWRAP
            + " (Debian package 'bubblewrap')");
    Path scenario =
        Files.writeString(
            folder.resolve("long.yaml"),
            """
            id: long
            budget: { steps: 3, wallClock: 20m }
            agent:
              scripted:
                - shell: { command: "sleep 600", timeout: 10m }
            expect:
              outcome: error
            """);
    Path tmp = Files.createDirectories(folder.resolve("tmp"));
    Path reports = folder.resolve("reports");
    Path output = folder.resolve("output.txt");
    Path trace = reports.resolve("long-run/long/trace.jsonl");

    Process process = startRun(tmp, output, reports, "long-run", scenario);
    List<ProcessHandle> sleeping = awaitSleep(process, "600");
    interrupt(process);
    // A bound on a hang, well inside the interrupt's grace period of a minute.
    boolean finished = process.waitFor(30, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }

    String printed = Files.readString(output);
    assertThat(finished).as("the run ended; it printed:%n%s", printed).isTrue();
    assertThat(printed)
        .contains("Interrupted: stopping the running scenarios")
        .containsPattern("(?m)^STOP  long  error, 1 steps?, ")
        .contains("The run was stopped during step 1")
        .contains("0 passed, 0 failed, 1 stopped");
    List<JsonNode> lines = read(trace);
    JsonNode step = lines.get(0);
    assertThat(step.path("step").asInt()).isOne();
    assertThat(step.path("action").path("tool").asText()).isEqualTo("shell");
    assertThat(step.path("result").path("reason").asText()).isEqualTo("stopped");
    JsonNode summary =
        new ObjectMapper().readTree(reports.resolve("long-run/summary.json").toFile());
    assertThat(summary.path("stopped").asInt()).isOne();
    assertThat(sleeping).noneMatch(ProcessHandle::isAlive);
    assertThat(ChildRuns.processesNaming(tmp.toString())).isEmpty();
    assertThat(ChildRuns.leftovers(tmp)).allMatch(path -> printed.contains(path.toString()));
  }

  /** Wait until the run has started {@code sleep <seconds>} and return its processes. */
  private static List<ProcessHandle> awaitSleep(Process process, String seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && process.isAlive()) {
      List<ProcessHandle> sleeping =
          process
              .descendants()
              .filter(child -> child.info().command().orElse("").endsWith("/sleep"))
              .filter(child -> child.info().commandLine().orElse("").endsWith(" " + seconds))
              .toList();
      if (!sleeping.isEmpty()) {
        return sleeping;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("The run never started 'sleep " + seconds + "'");
  }

  /** Start {@code ./gauntlet run} in real time on one scenario, in a JVM of its own. */
  private static Process startRun(Path tmp, Path output, Path reports, String runId, Path scenario)
      throws Exception {
    return ChildRuns.start(
        tmp,
        output,
        "-Xmx128m",
        "run",
        "--real-time",
        "--reports",
        reports.toString(),
        "--run-id",
        runId,
        scenario.toString());
  }

  /** Send the run SIGINT, as Ctrl-C does. */
  private static void interrupt(Process process) throws Exception {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
  }

  private static void awaitLines(Path trace, int lines, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.exists(trace) && Files.readAllLines(trace).size() >= lines) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("The trace " + trace + " never reached " + lines + " lines");
  }

  private static List<JsonNode> read(Path trace) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> steps = new ArrayList<>();
    for (String line : Files.readAllLines(trace)) {
      steps.add(json.readTree(line));
    }
    return steps;
  }
}
