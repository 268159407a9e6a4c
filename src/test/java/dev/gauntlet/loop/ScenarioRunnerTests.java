package dev.gauntlet.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.scenario.Budget;
import dev.gauntlet.scenario.ExpectSpec;
import dev.gauntlet.scenario.FileExpectation;
import dev.gauntlet.scenario.Origin;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScriptItem;
import dev.gauntlet.scenario.ScriptedAgentSpec;
import dev.gauntlet.scenario.SeedFile;
import dev.gauntlet.scenario.StepBounds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTests {

  private static final Origin HERE = new Origin(Path.of("runner.yaml"), 1, 1);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @Test
  void writesOneTraceLinePerStepWithStageTimesAndTheOutcomeOnTheLast() throws IOException {
    Scenario scenario =
        scenario(
            "notes",
            Budget.DEFAULT,
            List.of(
                new ScriptItem.Repeat(
                    5,
                    "n",
                    List.of(write("notes/${n}.md", "note ${n}"), read("notes/${n}.md")),
                    HERE)),
            expectSuccess(Map.of()));

    ScenarioResult result = run(scenario);

    List<JsonNode> lines = traceLines(result.trace());
    assertThat(result.passed()).as(String.valueOf(result.failure())).isTrue();
    assertThat(result.steps()).isEqualTo(11);
    assertThat(lines).hasSize(11);
    assertThat(lines).extracting(line -> line.get("step").asInt()).startsWith(1, 2, 3).endsWith(11);
    assertThat(lines.get(0).get("nanos").fieldNames())
        .toIterable()
        .containsExactly("observe", "reason", "act", "verify");
    assertThat(lines.get(0).get("action").get("tool").asText()).isEqualTo("write");
    assertThat(lines.get(0).get("effect").asText()).isEqualTo("changed");
    assertThat(lines.get(1).get("effect").asText()).isEqualTo("read_only");
    assertThat(lines.subList(0, 10)).allSatisfy(line -> assertThat(line.has("outcome")).isFalse());
    assertThat(lines.get(10).get("action").get("tool").asText()).isEqualTo("finish");
    assertThat(lines.get(10).get("outcome").asText()).isEqualTo("success");
  }

  @Test
  void marksWritingIdenticalContentAsNoEffect() throws IOException {
    Scenario scenario =
        scenario(
            "same",
            Budget.DEFAULT,
            List.of(write("a.md", "same"), write("a.md", "same")),
            expectSuccess(Map.of()));

    ScenarioResult result = run(scenario);

    assertThat(traceLines(result.trace()))
        .extracting(line -> line.get("effect").asText())
        .containsExactly("changed", "no_effect", "none");
  }

  @Test
  void stopsAnAgentAtItsStepBudget() throws IOException {
    Scenario scenario =
        scenario(
            "runaway",
            new Budget(7, Duration.ofMinutes(1)),
            List.of(new ScriptItem.Repeat(100, "i", List.of(write("log.txt", "${i}")), HERE)),
            new ExpectSpec(Outcome.BUDGET_EXHAUSTED, null, Map.of()));

    ScenarioResult result = run(scenario);

    assertThat(result.outcome()).isEqualTo(Outcome.BUDGET_EXHAUSTED);
    assertThat(result.steps()).isEqualTo(7);
    assertThat(result.message()).contains("step budget of 7");
    List<JsonNode> lines = traceLines(result.trace());
    assertThat(lines).hasSize(7);
    assertThat(lines.get(6).get("outcome").asText()).isEqualTo("budget_exhausted");
  }

  @Test
  void endsTheRunWhenTheSandboxRefusesAnAction() throws IOException {
    Scenario scenario =
        scenario(
            "escape",
            Budget.DEFAULT,
            List.of(write("a.md", "x"), read("../../etc/passwd"), write("b.md", "never")),
            expectSuccess(Map.of()));

    ScenarioResult result = run(scenario);

    assertThat(result.outcome()).isEqualTo(Outcome.POLICY_VIOLATION);
    assertThat(result.steps()).isEqualTo(2);
    assertThat(result.message()).contains("Step 2").contains("../../etc/passwd");
    assertThat(Files.exists(result.workspace().resolve("b.md"))).isFalse();
    JsonNode refused = traceLines(result.trace()).get(1);
    assertThat(refused.get("result").get("status").asText()).isEqualTo("refused");
    assertThat(refused.get("result").get("data").get("path").asText())
        .isEqualTo("../../etc/passwd");
  }

  @Test
  void reportsEveryFailedExpectationTogetherAndKeepsTheWorkspace() {
    Scenario scenario =
        scenario(
            "wrong",
            Budget.DEFAULT,
            List.of(write("digest.md", "3 pages")),
            new ExpectSpec(
                Outcome.SUCCESS,
                new StepBounds(50, null),
                Map.of(
                    "digest.md",
                    new FileExpectation(null, null, "20 pages", null, Map.of(), HERE),
                    "missing.md",
                    new FileExpectation(true, null, null, null, Map.of(), HERE))));

    ScenarioResult result = run(scenario);

    assertThat(result.failures()).hasSize(3);
    AssertionError failure = result.failure();
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage())
        .contains("number of steps")
        .contains("20 pages")
        .contains("missing.md")
        .contains("Trace: " + result.trace())
        .contains("Workspace kept at: " + result.workspace());
    assertThat(result.workspace()).isDirectory();
  }

  @Test
  void deletesTheWorkspaceOfAPassingRun() {
    Scenario scenario =
        scenario("tidy", Budget.DEFAULT, List.of(write("a.md", "x")), expectSuccess(Map.of()));

    ScenarioResult result = run(scenario);

    assertThat(result.passed()).isTrue();
    assertThat(result.workspaceKept()).isFalse();
    assertThat(result.workspace()).doesNotExist();
  }

  @Test
  void checksJsonPathsNumericallyAndSeedsTheWorkspace() {
    Scenario scenario =
        new Scenario(
            "json",
            "json",
            List.of(),
            Budget.DEFAULT,
            List.of(new SeedFile("config.json", "{\"pages\": 20.0, \"title\": \"guide\"}")),
            false,
            new ScriptedAgentSpec(List.of(read("config.json"))),
            expectSuccess(
                Map.of(
                    "config.json",
                    new FileExpectation(
                        null,
                        null,
                        null,
                        null,
                        Map.of(
                            "$.pages", JSON.valueToTree(20), "$.title", TextNode.valueOf("guide")),
                        HERE))),
            HERE);

    ScenarioResult result = run(scenario);

    assertThat(result.failures()).isEmpty();
  }

  private ScenarioResult run(Scenario scenario) {
    try (ScenarioRunner runner = new ScenarioRunner(new RunSettings(reports, "test-run", false))) {
      return kept.of(runner.run(scenario));
    }
  }

  private static Scenario scenario(
      String id, Budget budget, List<ScriptItem> script, ExpectSpec expect) {
    return new Scenario(
        id, id, List.of(), budget, List.of(), false, new ScriptedAgentSpec(script), expect, HERE);
  }

  private static ExpectSpec expectSuccess(Map<String, FileExpectation> files) {
    return new ExpectSpec(Outcome.SUCCESS, null, files);
  }

  private static ScriptItem write(String path, String content) {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    arguments.put("path", path);
    arguments.put("content", content);
    return new ScriptItem.ActionTemplate("write", arguments, null, HERE);
  }

  private static ScriptItem read(String path) {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    arguments.put("path", path);
    return new ScriptItem.ActionTemplate("read", arguments, null, HERE);
  }

  private static List<JsonNode> traceLines(Path trace) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(trace)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }
}
