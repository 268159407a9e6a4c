package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./gauntlet run} over a broken file and duplicate ids: what the console, the summary and
 * the Allure results say about the files and scenarios that never ran.
 */
class RefusalsOnTheCommandLineTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MISSPELLED = Path.of("src/examples/failing/misspelled-key.yaml");
  private static final Path DIGEST = Path.of("scenarios/workspace/docs-digest.yaml");

  @TempDir Path dir;
  @TempDir Path reports;

  @Test
  void aBrokenFileBesideAPassingScenarioIsRefusedInTheSummaryAndBrokenInAllure()
      throws IOException {
    Path allure = dir.resolve("allure");

    String out =
        gauntlet(
            1,
            "run",
            "--reports",
            reports.toString(),
            "--run-id",
            "r1",
            "--allure-results",
            allure.toString(),
            MISSPELLED.toString(),
            DIGEST.toString());

    assertThat(out)
        .contains("ERROR misspelled-key.yaml  not run")
        .contains("1 passed, 0 failed, 1 refused\n");
    JsonNode summary = JSON.readTree(reports.resolve("r1/summary.json").toFile());
    assertThat(summary.path("passed").asInt()).isEqualTo(1);
    assertThat(summary.path("failed").asInt()).isZero();
    assertThat(summary.path("refused").asInt()).isEqualTo(1);
    JsonNode refusal = summary.path("refusals").get(0);
    assertThat(refusal.path("file").asText()).isEqualTo(MISSPELLED.toString());
    assertThat(refusal.path("line").asInt()).isEqualTo(9);
    assertThat(refusal.path("column").asInt()).isEqualTo(32);
    assertThat(refusal.path("problems").get(0).asText())
        .startsWith(MISSPELLED + ":9:32 agent.scripted[0].write.contnet: ");
    assertThat(results(allure))
        .extracting(result -> result.path("name").asText() + ": " + result.path("status").asText())
        .containsExactlyInAnyOrder(
            "misspelled-key.yaml: broken",
            "Read a plan, work through 20 pages, write a digest: passed");
  }

  @Test
  void anIdUsedInTwoFilesPrintsAsAnIdUsedTwiceInOneFileDoes() throws IOException {
    Path first = write("t4/aaa.yaml", passing("alpha"));
    Path later = write("t4/bbb.yaml", "# later\n" + passing("alpha"));
    Path twins = write("t5/dup2.yaml", passing("dup") + "---\n" + passing("dup"));

    String out =
        gauntlet(
            1,
            "run",
            "--reports",
            reports.toString(),
            "--no-allure",
            dir.resolve("t4").toString(),
            dir.resolve("t5").toString());

    assertThat(out)
        .contains(
            later + ":2:5 id: duplicate id 'alpha', already used at " + first + ":1:5; ids must")
        .contains(twins + ":8:5 id: duplicate id 'dup', already used at " + twins + ":1:5; ids")
        .containsPattern("(?m)^ERROR bbb\\.yaml:2:5 id  not run: " + Pattern.quote("the file's"))
        .containsPattern("(?m)^ERROR dup2\\.yaml:8:5 id  not run: " + Pattern.quote("the file's"))
        .doesNotContainPattern("(?m)^FAIL ")
        .contains("2 passed, 0 failed, 2 refused\n");
  }

  @Test
  void aBrokenFileIsRefusedWhateverTheTagFiltersSinceItsTagsCannotBeKnown() throws IOException {
    write("t6/good.yaml", passing("good").replace("agent:", "tags: [fast]\nagent:"));
    Path broken =
        write("t6/broken.yaml", passing("broken").replace("agent:", "tagz: [fast]\nagent:"));
    Path allure = dir.resolve("allure");

    String out =
        gauntlet(
            1,
            "run",
            "--reports",
            reports.toString(),
            "--run-id",
            "tagged",
            "--allure-results",
            allure.toString(),
            "--include-tag",
            "fast",
            dir.resolve("t6").toString());

    assertThat(out)
        .contains(broken + ":2:1 tagz: unknown key 'tagz'")
        .containsPattern("(?m)^PASS  good  ")
        .contains("1 passed, 0 failed, 1 refused\n");
    JsonNode summary = JSON.readTree(reports.resolve("tagged/summary.json").toFile());
    assertThat(summary.path("refused").asInt()).isOne();
    assertThat(summary.path("refusals").get(0).path("file").asText()).isEqualTo(broken.toString());
    assertThat(results(allure))
        .extracting(result -> result.path("name").asText() + ": " + result.path("status").asText())
        .containsExactlyInAnyOrder("broken.yaml: broken", "good: passed");
  }

  @Test
  void aRunWhoseOnlyFileIsBrokenStillWritesItsSummary() throws IOException {
    write("t7/broken.yaml", passing("broken").replace("agent:", "tagz: [x]\nagent:"));

    String out =
        gauntlet(
            1,
            "run",
            "--reports",
            reports.toString(),
            "--run-id",
            "only-broken",
            "--no-allure",
            "--include-tag",
            "fast",
            dir.resolve("t7").toString());

    assertThat(out).contains("0 passed, 0 failed, 1 refused\n");
    JsonNode summary = JSON.readTree(reports.resolve("only-broken/summary.json").toFile());
    assertThat(summary.path("refused").asInt()).isOne();
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static String passing(String id) {
    return """
        id: %s
        agent:
          scripted:
            - finish: { outcome: success, message: done }
        expect:
          outcome: success
        """
        .formatted(id);
  }

  private static List<JsonNode> results(Path allure) throws IOException {
    List<JsonNode> results = new ArrayList<>();
    try (Stream<Path> files = Files.list(allure)) {
      for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
        results.add(JSON.readTree(file.toFile()));
      }
    }
    return results;
  }

  private static String gauntlet(int exitCode, String... args) {
    StringWriter out = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(out, true));

    int exit = command.execute(args);

    assertThat(exit).as(out.toString()).isEqualTo(exitCode);
    return out.toString();
  }
}
