package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each row of {@code malformed-scenarios.md} (1 to 11) fails with one problem that points into the
 * file.
 */
class MalformedScenarioTests {

  private static final String AGENT = "agent:\n  scripted:\n    - read: plan.md\n";

  @TempDir Path dir;

  private final ScenarioLoader loader = new ScenarioLoader();

  @Test
  void aTabUsedForIndentationIsASyntaxErrorWithItsPosition() throws IOException {
    Path file = write("tabs.yaml", "id: tabs\nagent:\n\tscripted:\n    - read: plan.md\n");

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(
                file,
                3,
                1,
                "",
                "invalid YAML: a tab is used for indentation, but YAML indents with spaces only"));
  }

  @Test
  void anUnknownKeyIsRefusedWithTheNearestValidKeySuggested() throws IOException {
    Path file =
        write(
            "typo.yaml",
            """
            id: typo
            agent:
              scripted:
                - read: plan.md
                - write:
                    path: notes.md
                    contnet: hello
            """);

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(
                file,
                7,
                9,
                "agent.scripted[1].write.contnet",
                "unknown key 'contnet'; did you mean 'content'?"));
    assertThat(problem.toString())
        .isEqualTo(
            file
                + ":7:9 agent.scripted[1].write.contnet: unknown key 'contnet'; did you mean"
                + " 'content'?");
  }

  @Test
  void aWordWhereANumberIsRequiredNamesTheExpectedType() throws IOException {
    Path file = write("steps.yaml", "id: steps\nbudget:\n  steps: many\n" + AGENT);

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(
                file,
                3,
                10,
                "budget.steps",
                "expected a positive whole number but found the text 'many'"));
  }

  @Test
  void aScenarioWithoutIdMissesARequiredKey() throws IOException {
    Path file = write("anonymous.yaml", "name: Nobody knows me\n" + AGENT);

    Problem problem = onlyProblem(file);

    assertThat(problem).isEqualTo(new Problem(file, 1, 1, "id", "missing required key 'id'"));
  }

  @Test
  void twoScenariosWithTheSameIdAreRefusedNamingBothFiles() throws IOException {
    Path first = write("first.yaml", "id: twin\n" + AGENT);
    Path second = write("second.yaml", "name: Late\nid: twin\n" + AGENT);

    LoadResult result = loader.loadAll(List.of(first, second));

    assertThat(result.scenarios())
        .singleElement()
        .satisfies(s -> assertThat(s.origin().file()).isEqualTo(first));
    assertThat(result.problems())
        .containsExactly(
            new Problem(
                second,
                2,
                5,
                "id",
                "duplicate id 'twin', already used at "
                    + first
                    + ":1:5; ids must be unique across a run, so this scenario does not run"));
  }

  @Test
  void anIdUsedTwiceInOneFileRefusesTheLaterScenarioWhileTheRestOfTheFileLoads()
      throws IOException {
    Path file =
        write(
            "twins.yaml",
            "id: twin\n"
                + AGENT
                + "---\nid: other\n"
                + AGENT
                + "---\nname: Late\nid: twin\n"
                + AGENT);

    LoadResult result = loader.loadAll(List.of(file));

    assertThat(result.scenarios()).extracting(Scenario::id).containsExactly("twin", "other");
    assertThat(result.problems())
        .map(Problem::toString)
        .containsExactly(
            file
                + ":12:5 id: duplicate id 'twin', already used at "
                + file
                + ":1:5; ids must be unique across a run, so this scenario does not run");
  }

  @Test
  void anIdUsedTwiceInOneFileStillRefusesTheFileWhenItHasAnotherProblem() throws IOException {
    Path file =
        write(
            "twins.yaml",
            "id: twin\n" + AGENT + "---\nid: twin\n" + AGENT + "---\nid: bad\nbudget: 0\n" + AGENT);

    LoadResult result = loader.loadAll(List.of(file));

    assertThat(result.scenarios()).isEmpty();
    assertThat(result.problems()).extracting(Problem::line).containsExactly(6, 12);
  }

  @Test
  void aFileLoadedOnItsOwnIsRefusedWithItsDuplicateIds() throws IOException {
    Path file = write("twins.yaml", "id: twin\n" + AGENT + "---\nid: twin\n" + AGENT);

    Problem problem = onlyProblem(file);

    assertThat(problem.toString())
        .isEqualTo(
            file
                + ":6:5 id: duplicate id 'twin', already used at "
                + file
                + ":1:5; ids must be unique across a run, so this scenario does not run");
  }

  @Test
  void aBillionLaughsIsRefusedAtItsFirstAnchor() throws IOException {
    StringBuilder bomb =
        new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char level = 'b'; level <= 'j'; level++) {
      String previous = "*" + (char) (level - 1);
      bomb.append(level)
          .append(": &")
          .append(level)
          .append(" [")
          .append(String.join(",", java.util.Collections.nCopies(9, previous)))
          .append("]\n");
    }
    Path file = write("laughs.yaml", "id: laughs\n" + bomb + AGENT);

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(
                file,
                2,
                4,
                "a",
                "anchor '&a' refused: YAML anchors and aliases are not allowed (alias limit 0);"
                    + " write the value out"));
  }

  @Test
  void aFiftyMegabyteFileIsRefusedBeforeParsing() throws IOException {
    byte[] padding = "# padding\n".repeat(5 * 1024 * 1024 + 1).getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("huge.yaml");
    Files.write(file, padding);

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(
                file, 0, 0, "", "file of 52,428,810 bytes refused: the limit is 1,048,576 bytes"));
  }

  @Test
  void tenThousandNestedListsAreRefusedAtTheDepthLimit() throws IOException {
    Path file = write("deep.yaml", "[".repeat(10_000) + "]".repeat(10_000) + "\n");

    Problem problem = onlyProblem(file);

    assertThat(problem.file()).isEqualTo(file);
    assertThat(problem.line()).isEqualTo(1);
    assertThat(problem.column()).isEqualTo(64);
    assertThat(problem.keyPath()).isEmpty();
    assertThat(problem.message())
        .isEqualTo("nesting refused: mappings and lists may nest at most 64 levels deep");
  }

  @Test
  void tenThousandNestedBlockListsAreRefusedToo() throws IOException {
    Path file = write("deep-block.yaml", "id: deep\nlist:\n  " + "- ".repeat(10_000) + "x\n");

    Problem problem = onlyProblem(file);

    assertThat(problem.message())
        .isEqualTo("nesting refused: mappings and lists may nest at most 64 levels deep");
    assertThat(problem.line()).isEqualTo(3);
  }

  @Test
  void aSeedFileThatClimbsOutOfTheWorkspaceIsRefused() throws IOException {
    Path file =
        write(
            "escape.yaml",
            "id: escape\nworkspace:\n  files:\n    plan.md: fine\n    ../x: stolen\n" + AGENT);

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(
                file,
                5,
                5,
                "workspace.files[\"../x\"]",
                "seed file path '../x' refused (path_escape): paths must stay inside the"
                    + " workspace, like every agent path"));
  }

  @Test
  void anEmptyFileHoldsNoScenario() throws IOException {
    Path file = write("empty.yaml", "");

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(file, 0, 0, "", "no scenario: the file is empty or holds only comments"));
  }

  @Test
  void aFileHoldingOnlyACommentHoldsNoScenario() throws IOException {
    Path file = write("comment.yaml", "# yaml-language-server: $schema=scenario.schema.json\n");

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(file, 0, 0, "", "no scenario: the file is empty or holds only comments"));
  }

  @Test
  void aNonUtf8ByteIsAnEncodingErrorWithItsByteOffset() throws IOException {
    byte[] latin1 = "id: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, latin1);

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(
                file,
                1,
                8,
                "",
                "byte 0xE9 at byte offset 7 is not valid UTF-8; YAML files must be UTF-8"));
  }

  @Test
  void aBrokenFileLeavesTheOtherFilesLoaded() throws IOException {
    Path good = write("good.yaml", "id: good\n" + AGENT);
    Path bad = write("bad.yaml", "id: bad\nbudget: {steps: many}\n" + AGENT);
    Path alsoGood = write("also-good.yaml", "id: also-good\n" + AGENT);

    LoadResult result = loader.loadAll(List.of(good, bad, alsoGood));

    assertThat(result.scenarios()).extracting(Scenario::id).containsExactly("good", "also-good");
    assertThat(result.problems()).extracting(Problem::file).containsExactly(bad);
  }

  @Test
  void controlCharactersOfAQuotedValueOrKeyAreEscapedNeverEchoed() throws IOException {
    Path file =
        write(
            "control.yaml", "id: \"a\\e[2J\\e[31mb\"\ntags: [\"a\\a b\"]\n\"nam\\0\": x\n" + AGENT);

    List<String> problems = problems(file);

    assertThat(problems)
        .containsExactly(
            file
                + ":1:5 id: id 'a\\u001b[2J\\u001b[31mb' must match [a-z0-9][a-z0-9._-]*:"
                + " lower-case letters and digits, then also '.', '_' or '-'",
            file
                + ":2:8 tags[0]: tag 'a\\u0007 b' is not a valid JUnit tag: no blanks, whitespace"
                + " or any of ,()&|!",
            file + ":3:1 [\"nam\\u0000\"]: unknown key 'nam\\u0000'; did you mean 'name'?");
    assertThat(String.join("\n", problems)).doesNotContain("\u001b", "\u0007", "\u0000");
  }

  @Test
  void aRawControlCharacterInTheFileIsNamedAtItsPlace() throws IOException {
    Path file = write("raw.yaml", "id: a\u001b[2Jb\n" + AGENT);

    assertThat(problems(file))
        .containsExactly(
            file
                + ":1:6: invalid YAML: the character \\u001b is not allowed in a YAML file;"
                + " inside double quotes, write it as \\x1b");
  }

  @Test
  void theProblemsOfAFileAreSortedByLineAndColumn() throws IOException {
    Path file =
        write(
            "order.yaml",
            "id: order\nagent: { scripted: [ { read: \"${zz}\", save: a-b }, { list: . } ] }\n"
                + "budget: { steps: 0 }\n");

    assertThat(problems(file))
        .containsExactly(
            file
                + ":2:30 agent.scripted[0].read: unknown variable 'zz' in '${zz}'; defined here:"
                + " step; a variable is set by an enclosing repeat's 'as' or by an earlier"
                + " entry's 'save'",
            file
                + ":2:45 agent.scripted[0].save: variable name 'a-b' must match"
                + " [A-Za-z_][A-Za-z0-9_]* to be used as ${name}",
            file + ":3:18 budget.steps: expected a positive whole number but found the number 0");
  }

  @Test
  void problemsAreSortedWithinEachFileAndKeepTheOrderOfTheFiles() {
    Path first = Path.of("b.yaml");
    Path second = Path.of("a.yaml");

    ScenarioException thrown =
        new ScenarioException(
            List.of(
                new Problem(first, 7, 129, "z", "late"),
                new Problem(second, 2, 1, "", "other file"),
                new Problem(first, 7, 89, "y", "early"),
                new Problem(first, 0, 0, "", "whole file"),
                new Problem(first, 7, 89, "y", "early")));

    assertThat(thrown.problems())
        .extracting(Problem::message)
        .containsExactly("whole file", "early", "late", "other file");
    List<Problem> reversed = new ArrayList<>(thrown.problems());
    Collections.reverse(reversed);
    assertThat(new LoadResult(List.of(), reversed).problems())
        .extracting(Problem::message)
        .containsExactly("other file", "whole file", "early", "late");
  }

  private List<String> problems(Path file) {
    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> loader.load(file));
    assertThat(thrown).as("loading %s", file).isNotNull();
    return thrown.problems().stream().map(Problem::toString).toList();
  }

  private Problem onlyProblem(Path file) {
    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> loader.load(file));
    assertThat(thrown).as("loading %s", file).isNotNull();
    assertThat(thrown.problems()).hasSize(1);
    return thrown.problems().get(0);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
