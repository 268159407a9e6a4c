package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C stops a run cleanly: the running scenario ends after its current step with its trace
 * complete up to there, the results so far are printed, and nothing is left running. A stopped
 * scenario has no verdict: even one that expects the error a stop ends it with is not a pass.
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

    Process process =
        ChildRuns.start(
            tmp,
            output,
            "-Xmx128m",
            "run",
            "--real-time",
            "--reports",
            reports.toString(),
            "--run-id",
            "slow-run",
            scenario.toString());
    awaitLines(trace, 2, process);
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    boolean finished = process.waitFor(2, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }

    String printed = Files.readString(output);
    assertThat(finished).as("the run ended; it printed:%n%s", printed).isTrue();
    assertThat(printed)
        .contains("Interrupted: stopping after the running steps")
        .containsPattern("(?m)^STOP  slow  error, \\d+ steps, ")
        .contains("The run was stopped after step")
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
