package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gauntlet.scenario.ScriptItem.ActionTemplate;
import dev.gauntlet.scenario.ScriptItem.Finish;
import dev.gauntlet.scenario.ScriptItem.Repeat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTests {

  @TempDir Path dir;

  private final ScenarioLoader loader = new ScenarioLoader();

  @Nested
  class GoodFiles {

    @Test
    void theFoundationExampleLoadsEveryPart() throws IOException {
      Path file =
          write(
              "docs-digest.yaml",
              """
              # yaml-language-server: $schema=scenario.schema.json
              id: docs-digest
              name: Read a plan, work through 20 pages, write a digest
              tags: [workspace, long]
              budget: { steps: 90, wallClock: 30s }
              workspace:
                files:
                  plan.md: |
                    Read config.json, write one note per page, then a digest.
                  config.json: '{"pages": 20}'
              agent:
                scripted:
                  - read: plan.md
                  - read: config.json
                  - repeat: 20
                    as: n
                    do:
                      - write: { path: "notes/page-${n}.md", content: "page ${n}" }
                      - read: "notes/page-${n}.md"
                      - list: notes
                        save: notes
                  - write: { path: digest.md, content: "${count(notes)} pages" }
              expect:
                outcome: success
                steps: { atLeast: 50, atMost: 90 }
                files:
                  digest.md: { contains: "20 pages" }
              """);

      Scenario scenario = single(loader.load(file));

      assertThat(scenario.id()).isEqualTo("docs-digest");
      assertThat(scenario.name()).isEqualTo("Read a plan, work through 20 pages, write a digest");
      assertThat(scenario.tags()).containsExactly("workspace", "long");
      assertThat(scenario.budget()).isEqualTo(new Budget(90, Duration.ofSeconds(30)));
      assertThat(scenario.seeds())
          .containsExactly(
              new SeedFile(
                  "plan.md", "Read config.json, write one note per page, then a digest.\n"),
              new SeedFile("config.json", "{\"pages\": 20}"));
      assertThat(scenario.origin()).isEqualTo(new Origin(file, 2, 1));
      List<ScriptItem> script = script(scenario);
      assertThat(script).hasSize(4);
      Repeat repeat = (Repeat) script.get(2);
      assertThat(repeat.times()).isEqualTo(20);
      assertThat(repeat.as()).isEqualTo("n");
      assertThat(repeat.origin()).isEqualTo(new Origin(file, 15, 7));
      assertThat(repeat.body())
          .extracting(item -> ((ActionTemplate) item).tool())
          .containsExactly("write", "read", "list");
      ActionTemplate write = (ActionTemplate) repeat.body().get(0);
      assertThat(write.arguments().get("path").asText()).isEqualTo("notes/page-${n}.md");
      assertThat(write.origin()).isEqualTo(new Origin(file, 18, 11));
      assertThat(scenario.expect().outcome()).isEqualTo(Outcome.SUCCESS);
      assertThat(scenario.expect().steps()).isEqualTo(new StepBounds(50, 90));
      assertThat(fileCheck(scenario, "digest.md").contains()).isEqualTo("20 pages");
    }

    @Test
    void shortFormsSetThePrimaryArgumentAndDefaultsFillTheRest() throws IOException {
      Path file =
          write(
              "short.yaml",
              """
              id: short
              agent:
                scripted:
                  - read: plan.md
                    save: plan
                  - list:
                  - list: notes
                  - delete: old.md
                  - mkdir: out
                  - finish: failed
              """);

      List<ScriptItem> script = script(single(loader.load(file)));

      ActionTemplate read = (ActionTemplate) script.get(0);
      assertThat(read.tool()).isEqualTo("read");
      assertThat(read.arguments().properties())
          .containsExactly(Map.entry("path", TextNode.valueOf("plan.md")));
      assertThat(read.save()).isEqualTo("plan");
      assertThat(((ActionTemplate) script.get(1)).arguments().get("path").asText()).isEqualTo(".");
      assertThat(((ActionTemplate) script.get(2)).arguments().get("path").asText())
          .isEqualTo("notes");
      assertThat(((ActionTemplate) script.get(3)).tool()).isEqualTo("delete");
      assertThat(((ActionTemplate) script.get(4)).tool()).isEqualTo("mkdir");
      assertThat(script.get(5)).isEqualTo(new Finish(Outcome.FAILED, "", new Origin(file, 10, 7)));
    }

    @Test
    void aRepeatBindsIByDefaultAndNestsOtherRepeats() throws IOException {
      Path file =
          write(
              "nested.yaml",
              """
              id: nested
              agent:
                scripted:
                  - repeat: 3
                    do:
                      - repeat: 2
                        as: j
                        do:
                          - append: { path: "log.md", content: "${i}.${j}\\n" }
                  - finish: { outcome: gave_up, message: tired }
              """);

      List<ScriptItem> script = script(single(loader.load(file)));

      Repeat outer = (Repeat) script.get(0);
      Repeat inner = (Repeat) outer.body().get(0);
      assertThat(outer.as()).isEqualTo("i");
      assertThat(outer.times()).isEqualTo(3);
      assertThat(inner.as()).isEqualTo("j");
      assertThat(((ActionTemplate) inner.body().get(0)).arguments().get("content").asText())
          .isEqualTo("${i}.${j}\n");
      assertThat(script.get(1))
          .isEqualTo(new Finish(Outcome.GAVE_UP, "tired", new Origin(file, 10, 7)));
    }

    @Test
    void seedsComeInlineAsContentOrFromAFileBesideTheScenario() throws IOException {
      Files.createDirectories(dir.resolve("fixtures"));
      Files.writeString(dir.resolve("fixtures/config.json"), "{\"pages\": 3}");
      Path file =
          write(
              "seeds.yaml",
              """
              id: seeds
              workspace:
                keep: true
                files:
                  inline.md: inline
                  wrapped.md: { content: wrapped }
                  data/config.json: { from: fixtures/config.json }
              agent:
                scripted: [ { read: inline.md } ]
              """);

      Scenario scenario = single(loader.load(file));

      assertThat(scenario.seeds())
          .containsExactly(
              new SeedFile("inline.md", "inline"),
              new SeedFile("wrapped.md", "wrapped"),
              new SeedFile("data/config.json", "{\"pages\": 3}"));
      assertThat(scenario.keepWorkspace()).isTrue();
    }

    @Test
    void eachDocumentOfAFileIsOneScenario() throws IOException {
      Path file =
          write(
              "many.yaml",
              """
              id: one
              agent: { scripted: [ read: a.md ] }
              ---
              id: two
              agent: { scripted: [ read: b.md ] }
              ---
              """);

      List<Scenario> scenarios = loader.load(file);

      assertThat(scenarios).extracting(Scenario::id).containsExactly("one", "two");
      assertThat(scenarios)
          .extracting(Scenario::origin)
          .containsExactly(new Origin(file, 1, 1), new Origin(file, 4, 1));
    }

    @Test
    void leftOutPartsTakeTheirDefaults() throws IOException {
      Path file = write("minimal.yaml", "id: minimal\nagent:\n  scripted:\n    - read: a.md\n");

      Scenario scenario = single(loader.load(file));

      assertThat(scenario.name()).isEqualTo("minimal");
      assertThat(scenario.tags()).isEmpty();
      assertThat(scenario.budget()).isEqualTo(Budget.DEFAULT);
      assertThat(scenario.seeds()).isEmpty();
      assertThat(scenario.keepWorkspace()).isFalse();
      assertThat(scenario.expect()).isEqualTo(new ExpectSpec(Outcome.SUCCESS, null, Map.of()));
    }

    @Test
    void fileChecksTakeAbsentAsExistsFalseAndKeepJsonValues() throws IOException {
      Path file =
          write(
              "checks.yaml",
              """
              id: checks
              budget: { wallClock: 500ms }
              agent: { scripted: [ read: a.md ] }
              expect:
                outcome: policy_violation
                steps: { atMost: 3 }
                files:
                  gone.md: { absent: true }
                  out.json:
                    exists: true
                    equals: '{"a": {"b": 2}}'
                    matches: '"b": \\d'
                    json: { "$.a.b": 2, "$.name": x }
              """);

      Scenario scenario = single(loader.load(file));

      assertThat(scenario.budget().wallClock()).isEqualTo(Duration.ofMillis(500));
      assertThat(scenario.expect().outcome()).isEqualTo(Outcome.POLICY_VIOLATION);
      assertThat(scenario.expect().steps()).isEqualTo(new StepBounds(null, 3));
      FileExpectation gone = fileCheck(scenario, "gone.md");
      assertThat(gone.exists()).isFalse();
      assertThat(gone.origin()).isEqualTo(new Origin(file, 8, 5));
      FileExpectation out = fileCheck(scenario, "out.json");
      assertThat(out.exists()).isTrue();
      assertThat(out.matches()).isEqualTo("\"b\": \\d");
      assertThat(out.json())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("$.a.b", IntNode.valueOf(2), "$.name", TextNode.valueOf("x")));
    }
  }

  @Nested
  class BadFiles {

    @Test
    void anUnknownToolSuggestsTheNearestOne() throws IOException {
      Problem problem = onlyProblem("id: t\nagent:\n  scripted:\n    - wirte: a.md\n");

      assertThat(problem.line()).isEqualTo(4);
      assertThat(problem.column()).isEqualTo(7);
      assertThat(problem.keyPath()).isEqualTo("agent.scripted[0].wirte");
      assertThat(problem.message()).isEqualTo("unknown key 'wirte'; did you mean 'write'?");
    }

    @Test
    void anUnknownTopLevelKeySuggestsTheNearestOneAndNothingElse() throws IOException {
      Problem problem = onlyProblem("idd: t\nagent: { scripted: [ read: a ] }\n");

      assertThat(problem.keyPath()).isEqualTo("idd");
      assertThat(problem.message()).isEqualTo("unknown key 'idd'; did you mean 'id'?");
    }

    @Test
    void twoToolsInOneEntryAreRefused() throws IOException {
      Problem problem =
          onlyProblem("id: t\nagent:\n  scripted:\n    - read: a.md\n      list: .\n");

      assertThat(problem.keyPath()).isEqualTo("agent.scripted[0].list");
      assertThat(problem.message())
          .isEqualTo(
              "second tool 'list' in an entry that already calls 'read'; each entry takes exactly"
                  + " one tool");
    }

    @Test
    void anUnclosedExpressionIsRefused() throws IOException {
      Problem problem = onlyProblem("id: t\nagent:\n  scripted:\n    - read: \"notes/${n.md\"\n");

      assertThat(problem.line()).isEqualTo(4);
      assertThat(problem.column()).isEqualTo(13);
      assertThat(problem.keyPath()).isEqualTo("agent.scripted[0].read");
      assertThat(problem.message())
          .isEqualTo("expression '${n.md' is never closed; every '${' needs a matching '}'");
    }

    @Test
    void aMissingArgumentIsNamed() throws IOException {
      Problem problem = onlyProblem("id: t\nagent:\n  scripted:\n    - write: a.md\n");

      assertThat(problem.keyPath()).isEqualTo("agent.scripted[0].write.content");
      assertThat(problem.message()).isEqualTo("missing required key 'content' of write");
    }

    @Test
    void anInvalidRegularExpressionIsRefusedAtLoadTime() throws IOException {
      Problem problem =
          onlyProblem(
              "id: t\nagent: { scripted: [ read: a ] }\nexpect:\n  files:\n    a: { matches: '(' }\n");

      assertThat(problem.keyPath()).isEqualTo("expect.files.a.matches");
      assertThat(problem.line()).isEqualTo(5);
      assertThat(problem.column()).isEqualTo(19);
      assertThat(problem.message()).startsWith("'(' is not a valid regular expression: ");
    }

    @Test
    void anExpectedFileOutsideTheWorkspaceIsRefused() throws IOException {
      Problem problem =
          onlyProblem(
              "id: t\nagent: { scripted: [ read: a ] }\nexpect:\n  files:\n    /etc/passwd: { exists: false }\n");

      assertThat(problem.keyPath()).isEqualTo("expect.files[\"/etc/passwd\"]");
      assertThat(problem.message())
          .startsWith("expected file path '/etc/passwd' refused (absolute_path)");
    }

    @Test
    void aWrongOutcomeSuggestsTheNearestOne() throws IOException {
      Problem problem = onlyProblem("id: t\nagent: { scripted: [ finish: faild ] }\n");

      assertThat(problem.keyPath()).isEqualTo("agent.scripted[0].finish.outcome");
      assertThat(problem.message())
          .isEqualTo("unknown finish outcome 'faild'; did you mean 'failed'?");
    }

    @Test
    void aBadDurationNamesTheAcceptedForms() throws IOException {
      Problem problem =
          onlyProblem("id: t\nbudget: { wallClock: 30 }\nagent: { scripted: [ read: a ] }\n");

      assertThat(problem.keyPath()).isEqualTo("budget.wallClock");
      assertThat(problem.message())
          .isEqualTo(
              "expected a positive duration such as 500ms, 30s, 2m or 1h but found the number 30");
    }

    @Test
    void aLatencyBudgetThatIsNoWholeNumberOfAUnitStatesTheRule() throws IOException {
      Problem problem =
          onlyProblem(
              "id: t\nagent: { scripted: [ read: a ] }\nexpect: { latency: { act: { p99: 1.5ms }"
                  + " } }\n");

      assertThat(problem.toString())
          .isEqualTo(
              problem.file()
                  + ":3:34 expect.latency.act.p99: '1.5ms' is not a latency budget: write one whole"
                  + " number of 1 to 9 digits and its unit, ns, us, ms or s, such as 800us, 5ms"
                  + " or 1s");
    }

    @Test
    void aYamlTagIsRefused() throws IOException {
      Problem problem = onlyProblem("id: !!java.io.File t\nagent: { scripted: [ read: a ] }\n");

      assertThat(problem)
          .isEqualTo(
              new Problem(
                  problem.file(),
                  1,
                  5,
                  "id",
                  "tag '!!java.io.File' refused: YAML tags are not allowed"));
    }

    @Test
    void aRepeatedKeyIsRefused() throws IOException {
      Problem problem = onlyProblem("id: t\nid: u\nagent: { scripted: [ read: a ] }\n");

      assertThat(problem)
          .isEqualTo(
              new Problem(
                  problem.file(),
                  2,
                  1,
                  "id",
                  "duplicate key 'id', first set on line 1; a key may appear once per mapping"));
    }

    @Test
    void aBadIdNamesThePattern() throws IOException {
      Problem problem = onlyProblem("id: Docs Digest\nagent: { scripted: [ read: a ] }\n");

      assertThat(problem.message())
          .isEqualTo(
              "id 'Docs Digest' must match [a-z0-9][a-z0-9._-]*: lower-case letters and digits,"
                  + " then also '.', '_' or '-'");
    }

    @Test
    void everyProblemOfAFileIsReportedTogether() throws IOException {
      Path file =
          write(
              "two-problems.yaml",
              "id: t\nbudget: { steps: 0 }\nagent: { scripted: [ read: a ] }\nexpect: { outcome: win }\n");

      ScenarioException thrown =
          catchThrowableOfType(ScenarioException.class, () -> loader.load(file));

      assertThat(thrown.problems())
          .extracting(Problem::keyPath)
          .containsExactly("budget.steps", "expect.outcome");
      assertThat(thrown.getMessage())
          .isEqualTo(
              file
                  + ":2:18 budget.steps: expected a positive whole number but found the number 0\n"
                  + file
                  + ":4:20 expect.outcome: unknown outcome 'win'; expected one of budget_exhausted,"
                  + " error, failed, gave_up, policy_violation, success");
    }

    private Problem onlyProblem(String content) throws IOException {
      Path file = write("bad.yaml", content);
      ScenarioException thrown =
          catchThrowableOfType(ScenarioException.class, () -> loader.load(file));
      assertThat(thrown).isNotNull();
      assertThat(thrown.problems()).hasSize(1);
      Problem problem = thrown.problems().get(0);
      assertThat(problem.file()).isEqualTo(file);
      return problem;
    }
  }

  private static Scenario single(List<Scenario> scenarios) {
    assertThat(scenarios).hasSize(1);
    return scenarios.get(0);
  }

  private static FileExpectation fileCheck(Scenario scenario, String path) {
    FileExpectation check = scenario.expect().files().get(path);
    assertThat(check).as("check of %s", path).isNotNull();
    return Objects.requireNonNull(check);
  }

  private static List<ScriptItem> script(Scenario scenario) {
    assertThat(scenario.agent()).isInstanceOf(ScriptedAgentSpec.class);
    return ((ScriptedAgentSpec) scenario.agent()).script();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
