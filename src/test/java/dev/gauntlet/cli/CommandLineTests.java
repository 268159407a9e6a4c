package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.KeptWorkspaces;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CommandLineTests {

  private static final Path SUITE = Path.of("src/test/resources/dev/gauntlet/engine/suite");

  @TempDir Path dir;
  @TempDir Path reports;

  @RegisterExtension final KeptWorkspaces kept = KeptWorkspaces.listedUnder(() -> reports);

  @Nested
  class Run {

    @Test
    void printsOneLinePerScenarioAndTheTotalsAndExitsZeroWhenAllPass() {
      Result result =
          gauntlet("run", "--reports", reports.toString(), "--run-id", "r1", SUITE.toString());

      assertThat(result.exitCode()).as(result.out()).isZero();
      assertThat(result.out())
          .containsPattern("(?m)^PASS  greet  success, \\d+ steps, \\d+\\.\\d\\d s$")
          .containsPattern("(?m)^PASS  greet-twice  success, \\d+ steps, ")
          .containsPattern("(?m)^PASS  notes  success, ")
          .contains("3 passed, 0 failed\n")
          .contains("Reports: " + reports.resolve("r1"));
      assertThat(reports.resolve("r1").resolve("summary.json")).exists();
    }

    @Test
    void printsTheFailureIndentedWithTheKeptWorkspaceAndExitsOne() throws IOException {
      write("f.yaml", failing("unmet"));

      Result result = gauntlet("run", "--reports", reports.toString(), dir.toString());

      assertThat(result.exitCode()).as(result.out()).isOne();
      assertThat(result.out())
          .containsPattern("(?m)^FAIL  unmet  success, \\d+ steps?, ")
          .containsPattern("(?m)^      .*something else")
          .containsPattern("(?m)^      (?i:workspace kept at):? .+")
          .contains("0 passed, 1 failed\n");
    }

    @Test
    void printsTheProblemsOfABrokenFileWithTheirPlaceAndStillRunsTheOtherFiles()
        throws IOException {
      write("good.yaml", passing("good"));
      Path broken = write("broken.yaml", passing("broken").replace("tags:", "tagz:"));

      Result result = gauntlet("run", "--reports", reports.toString(), dir.toString());

      assertThat(result.exitCode()).as(result.out()).isOne();
      assertThat(result.out())
          .containsPattern(
              "(?m)^" + java.util.regex.Pattern.quote(broken + ":3:1 tagz: ") + ".*'tags'")
          .containsPattern("(?m)^PASS  good  ")
          .containsPattern("(?m)^ERROR broken.yaml  not run")
          .contains("1 passed, 0 failed, 1 refused\n");
    }

    @Test
    void runsTheFilesItIsGivenOneByOne() throws IOException {
      Path one = write("one.yaml", passing("one"));
      write("two.yaml", passing("two"));

      Result result = gauntlet("run", "--reports", reports.toString(), one.toString());

      assertThat(result.exitCode()).as(result.out()).isZero();
      assertThat(result.out()).contains("PASS  one  ").doesNotContain("two").contains("1 passed");
    }

    @Test
    void refusesAPathThatDoesNotExistAsAUsageError() {
      Result result = gauntlet("run", dir.resolve("nowhere").toString());

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("No such file or folder: " + dir.resolve("nowhere"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "a/b", "", ".hidden"})
    void refusesARunIdThatIsNotOneFolderNameBeforeAnythingRuns(String runId) {
      Result result =
          gauntlet("run", "--reports", reports.toString(), "--run-id", runId, SUITE.toString());

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .contains(
              "--run-id must be one folder name: letters, digits, '.', '_' or '-', not starting"
                  + " with '.', but was '"
                  + runId
                  + "'");
      assertThat(result.out()).isEmpty();
    }

    @Test
    void refusesAReportsFolderThatIsAFile() throws IOException {
      Path file = write("reports.txt", "not a folder");

      Result result = gauntlet("run", "--reports", file.toString(), SUITE.toString());

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("--reports must be a folder, but " + file + " is a file");
    }

    @Test
    void refusesAnAllureResultsFolderThatIsAFile() throws IOException {
      Path file = write("allure.txt", "not a folder");

      Result result =
          gauntlet(
              "run",
              "--reports",
              reports.toString(),
              "--allure-results",
              file.toString(),
              SUITE.toString());

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .contains("--allure-results must be a folder, but " + file + " is a file");
    }

    @Test
    void runsOnlyTheScenariosWhoseTagsMatch() throws IOException {
      write("tagged.yaml", passing("tagged"));
      write("other.yaml", passing("other").replace("tags: [generated]", "tags: [slow]"));

      Result included =
          gauntlet(
              "run", "--reports", reports.toString(), "--include-tag", "generated", dir.toString());
      Result excluded =
          gauntlet(
              "run",
              "--reports",
              reports.toString(),
              "--exclude-tag",
              "generated | fast",
              dir.toString());

      assertThat(included.out()).contains("PASS  tagged").doesNotContain("other");
      assertThat(excluded.out()).contains("PASS  other").doesNotContain("tagged");
    }

    @Test
    void printsWhatTheAgentWroteWithItsControlCharactersEscaped() throws IOException {
      write(
          "noisy.yaml",
          """
          id: noisy
          agent:
            scripted:
              - finish: { outcome: failed, message: "bye \\e[2J\\e[H" }
          expect:
            outcome: success
          """);

      Result result = gauntlet("run", "--reports", reports.toString(), dir.toString());

      assertThat(result.out()).contains("bye \\u001b[2J\\u001b[H").doesNotContain("\u001b");
    }

    @Test
    void refusesAParallelismBeyondItsLimitBeforeAnythingRuns() {
      Result result = gauntlet("run", "--parallel", "32768", SUITE.toString());

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .contains("--parallel must be from 1 to 1024 scenarios at a time, but was 32768");
    }

    @Test
    void refusesATagExpressionJUnitCannotParse() {
      Result result = gauntlet("run", "--include-tag", "a & | b", SUITE.toString());

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("A tag expression is invalid:").contains("a & | b");
    }

    @Test
    void failFastPrintsEveryScenarioItNeverStartedAndCountsEachTrial() throws IOException {
      write("a.yaml", failing("a"));
      write("b.yaml", passing("b"));
      write("c.yaml", passing("c").replace("tags:", "repeat: 3\ntags:"));

      Result result =
          gauntlet("run", "--reports", reports.toString(), "--fail-fast", dir.toString());

      assertThat(result.exitCode()).isOne();
      assertThat(result.out())
          .containsPattern("(?m)^FAIL  a  ")
          .containsPattern("(?m)^SKIP  b  not started: the run was stopped \\(fail-fast: ")
          .containsPattern("(?m)^SKIP  c \\(3 trials\\)  not started: ")
          .contains("0 passed, 1 failed, 4 skipped\n");
      assertThat(Files.readString(onlyRun().resolve("summary.json")))
          .containsPattern("\"skipped\" : 4,");
    }

    @Test
    void anEmptyShardOfASmallSuiteSaysSoAndPasses() throws IOException {
      write("only.yaml", passing("only"));
      List<Result> shards = new ArrayList<>();

      for (int i = 1; i <= 4; i++) {
        shards.add(
            gauntlet("run", "--reports", reports.toString(), "--shard", i + "/4", dir.toString()));
      }

      assertThat(shards).allMatch(result -> result.exitCode() == 0);
      assertThat(shards).filteredOn(result -> result.out().contains("PASS  only")).hasSize(1);
      assertThat(shards)
          .filteredOn(result -> result.out().contains("holds none of the 1 scenario in"))
          .hasSize(3);
    }

    @Test
    void anEmptyShardOfPathsWithoutScenariosStillFails() {
      Result result =
          gauntlet("run", "--reports", reports.toString(), "--shard", "2/3", dir.toString());

      assertThat(result.exitCode()).isOne();
      assertThat(result.out()).contains("No scenarios found in");
    }

    @Test
    void tagFiltersThatMatchNothingSaySoAndFail() throws IOException {
      write("a.yaml", passing("a"));

      Result result =
          gauntlet(
              "run", "--reports", reports.toString(), "--include-tag", "nightly", dir.toString());

      assertThat(result.exitCode()).isOne();
      assertThat(result.out())
          .contains("None of the 1 scenario in ")
          .contains("matches the tag filters");
    }

    @Test
    void failsWhenThePathsHoldNoScenario() {
      Result result = gauntlet("run", "--reports", reports.toString(), dir.toString());

      assertThat(result.exitCode()).isOne();
      assertThat(result.out()).contains("No scenarios found in");
    }
  }

  @Nested
  class Validate {

    @Test
    void countsFilesAndScenariosAndExitsZeroWhenThereIsNoProblem() {
      Result result = gauntlet("validate", SUITE.toString());

      assertThat(result.exitCode()).as(result.out()).isZero();
      assertThat(result.out()).contains("2 files, 3 scenarios: no problems");
    }

    @Test
    void printsEveryProblemWithItsPlaceAndExitsOne() throws IOException {
      write("good.yaml", passing("good"));
      Path broken = write("broken.yaml", passing("broken").replace("tags:", "tagz:"));
      write("again.yaml", passing("good"));

      Result result = gauntlet("validate", dir.toString());

      assertThat(result.exitCode()).isOne();
      assertThat(result.out())
          .contains(broken + ":3:1 tagz: ")
          .contains("duplicate id 'good'")
          .contains("2 problems");
    }
  }

  @Nested
  class Help {

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "validate"})
    void everyCommandPrintsItsHelp(String command) {
      Result result = command.isEmpty() ? gauntlet("--help") : gauntlet(command, "--help");

      assertThat(result.exitCode()).isZero();
      assertThat(result.out())
          .startsWith("Usage: gauntlet" + (command.isEmpty() ? "" : " " + command));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "validate"})
    void everyCommandPrintsTheVersion(String command) {
      Result result = command.isEmpty() ? gauntlet("--version") : gauntlet(command, "--version");

      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).startsWith("gauntlet ");
    }

    @Test
    void noCommandIsAUsageError() {
      Result result = gauntlet();

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("Missing a command");
    }
  }

  /** The folder of the one run written under the reports folder. */
  private Path onlyRun() throws IOException {
    try (Stream<Path> runs = Files.list(reports)) {
      List<Path> folders =
          runs.filter(Files::isDirectory).filter(f -> !f.endsWith("allure-results")).toList();
      assertThat(folders).hasSize(1);
      return folders.get(0);
    }
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static String passing(String id) {
    return """
        id: %s
        name: Scenario %s writes a file
        tags: [generated]
        budget: { steps: 10, wallClock: 10s }
        agent:
          scripted:
            - write: { path: out.txt, content: "done" }
            - read: out.txt
        expect:
          outcome: success
        """
        .formatted(id, id);
  }

  private static String failing(String id) {
    return """
        id: %s
        budget: { steps: 10, wallClock: 10s }
        agent:
          scripted:
            - write: { path: out.txt, content: "done" }
        expect:
          outcome: success
          files:
            out.txt: { contains: "something else" }
        """
        .formatted(id);
  }

  private static Result gauntlet(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));

    int exitCode = command.execute(args);

    return new Result(exitCode, out.toString(), err.toString());
  }

  private record Result(int exitCode, String out, String err) {}
}
