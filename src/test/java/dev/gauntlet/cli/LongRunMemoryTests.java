package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run streams its traces, histograms and reports: a 10,000-step scenario passes through the
 * command line in a JVM of 128 MiB, with its Allure result and latency chart.
 */
class LongRunMemoryTests {

  private static final int STEPS = 10_000;

  @TempDir Path folder;

  @Test
  void aTenThousandStepScenarioPassesWithA128MegabyteHeap() throws Exception {
    Path scenario =
        Files.writeString(
            folder.resolve("long-run.yaml"),
            """
            id: long-run
            name: Ten thousand steps
            budget: { steps: 10100, wallClock: 10m }
            agent:
              scripted:
                - repeat: 5000
                  as: n
                  do:
                    - write: { path: "notes/page-${n}.md", content: "page ${n} of a long run" }
                    - read: "notes/page-${n}.md"
            expect:
              outcome: success
              steps: { atLeast: 10000 }
              files:
                notes/page-5000.md: { equals: "page 5000 of a long run" }
            """);
    Path reports = folder.resolve("reports");

    Path output = folder.resolve("output.txt");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--reports",
                reports.toString(),
                "--run-id",
                "long",
                scenario.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean finished = process.waitFor(8, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }

    String printed = Files.readString(output);
    assertThat(finished).as("the run finished; it printed:%n%s", printed).isTrue();
    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(lines(reports.resolve("long/long-run/trace.jsonl"))).isGreaterThanOrEqualTo(STEPS);
    assertThat(reports.resolve("long/long-run/latency.svg")).isRegularFile();
    assertThat(resultFiles(reports.resolve("allure-results"))).hasSize(1);
  }

  private static long lines(Path file) throws IOException {
    long count = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      while (reader.readLine() != null) {
        count++;
      }
    }
    return count;
  }

  private static List<Path> resultFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith("-result.json")).toList();
    }
  }
}
