package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hundred scenarios of more than fifty steps each, a few of them with network mocks, run in one
 * parallel run of the command line in a JVM of 256 MiB: each is reported once, each trace has a
 * line per step, and nothing is left in the temporary folder or running.
 */
class ParallelLoadTests {

  static final int SCENARIOS = 200;
  static final int NETWORKED_EVERY = 25;

  @TempDir Path folder;

  @Test
  void twoHundredLongScenariosRunInParallelWithNothingLeakedInABoundedHeap() throws Exception {
    Path suite = Files.createDirectories(folder.resolve("suite"));
    writeSuite(suite);
    Path tmp = Files.createDirectories(folder.resolve("tmp"));
    Path reports = folder.resolve("reports");
    Path output = folder.resolve("output.txt");

    Process process =
        ChildRuns.start(
            tmp,
            output,
            "-Xmx256m",
            "run",
            "--parallel",
            "2",
            "--reports",
            reports.toString(),
            "--run-id",
            "load",
            "--no-allure",
            suite.toString());
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }

    String printed = Files.readString(output);
    assertThat(finished).as("the run finished; it printed:%n%s", printed).isTrue();
    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(reportedOnce(printed)).hasSize(SCENARIOS).doesNotHaveDuplicates();
    assertThat(printed).contains(SCENARIOS + " passed, 0 failed");
    JsonNode summary = new ObjectMapper().readTree(reports.resolve("load/summary.json").toFile());
    assertThat(summary.path("results")).hasSize(SCENARIOS);
    for (JsonNode result : summary.path("results")) {
      Path trace = Path.of(result.path("trace").asText());
      assertThat(lines(trace))
          .as("the lines of %s", trace)
          .isEqualTo(result.path("steps").asInt())
          .isGreaterThan(50);
    }
    assertThat(ChildRuns.leftovers(tmp)).isEmpty();
    assertThat(ChildRuns.processesNaming(tmp.toString())).isEmpty();
  }

  /** Write the suite: ten scenarios a file, of workspace tools, every 25th with network mocks. */
  static void writeSuite(Path suite) throws IOException {
    for (int file = 0; file < SCENARIOS / 10; file++) {
      StringBuilder yaml = new StringBuilder();
      for (int i = file * 10 + 1; i <= file * 10 + 10; i++) {
        String id = String.format(Locale.ROOT, "load-%03d", i);
        yaml.append(yaml.length() == 0 ? "" : "---\n")
            .append(i % NETWORKED_EVERY == 0 ? networked(id) : workspace(id));
      }
      Files.writeString(suite.resolve(String.format(Locale.ROOT, "f%02d.yaml", file)), yaml);
    }
  }

  private static String workspace(String id) {
    return """
        id: %s
        budget: { steps: 60, wallClock: 60s }
        agent:
          scripted:
            - repeat: 26
              as: n
              do:
                - write: { path: "notes/${n}.md", content: "note ${n}" }
                - read: "notes/${n}.md"
        expect:
          outcome: success
          steps: { atLeast: 52 }
          files:
            notes/26.md: { equals: "note 26" }
        """
        .formatted(id);
  }

  private static String networked(String id) {
    return """
        id: %s
        budget: { steps: 60, wallClock: 60s }
        detect: { stall: 60 }
        network:
          policy:
            allow:
              - host: api.load.example.com
                methods: [GET]
          mocks:
            - host: api.load.example.com
              path: /item
              responses: [{ status: 200, body: item }]
        agent:
          scripted:
            - repeat: 26
              as: n
              do:
                - http: https://api.load.example.com/item
                - write: { path: "notes/${n}.md", content: "note ${n}" }
        expect:
          outcome: success
          steps: { atLeast: 52 }
          network: { denied: 0, everyMockUsed: true }
        """
        .formatted(id);
  }

  /** The ids of the scenarios the console reported, one per verdict line. */
  private static List<String> reportedOnce(String printed) {
    List<String> ids = new ArrayList<>();
    Matcher line = Pattern.compile("(?m)^(?:PASS |FAIL |ERROR|SKIP ) (\\S+)").matcher(printed);
    while (line.find()) {
      ids.add(line.group(1));
    }
    return ids;
  }

  private static long lines(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    }
  }
}
