package dev.gauntlet.agent.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Run the shipped agent scenarios end to end, with no network, and read their traces. */
class AgentScenariosTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @Test
  void theOpenAiPlanReplaysFromItsCassetteWithTokensBytesAndReasonTimeOnEveryStep()
      throws IOException {
    ScenarioResult result = run("scenarios/model/plan-openai.yaml");

    assertThat(result.failures()).isEmpty();
    assertThat(result.steps()).isGreaterThanOrEqualTo(50);
    List<JsonNode> trace = trace(result);
    assertThat(trace).hasSize(result.steps());
    assertThat(trace)
        .allSatisfy(
            line -> {
              assertThat(line.path("tokens").has("prompt")).isTrue();
              assertThat(line.path("tokens").has("completion")).isTrue();
              assertThat(line.has("requestBytes")).isTrue();
              assertThat(line.at("/nanos/reason").isNumber()).isTrue();
            });
    assertThat(trace.get(0).at("/tokens/prompt").asLong()).isEqualTo(310);
    assertThat(trace.get(0).path("requestBytes").asLong()).isPositive();
    // The streamed reply's two parallel calls: the second is acted without a new exchange.
    JsonNode second = secondOfParallelPair(trace);
    assertThat(second.path("requestBytes").asLong()).isZero();
    assertThat(second.at("/tokens/prompt").asLong()).isZero();
  }

  @Test
  void theAnthropicPlanReplaysFromItsCassette() throws IOException {
    ScenarioResult result = run("scenarios/model/plan-anthropic.yaml");

    assertThat(result.failures()).isEmpty();
    assertThat(result.steps()).isGreaterThanOrEqualTo(50);
    assertThat(trace(result).get(0).at("/tokens/prompt").asLong()).isEqualTo(420);
  }

  @Test
  void thePythonAgentScenarioPasses() throws IOException {
    ScenarioResult result = run("scenarios/agents/notes-agent.yaml");

    assertThat(result.failures()).isEmpty();
    assertThat(result.steps()).isGreaterThanOrEqualTo(50);
    assertThat(trace(result)).noneMatch(line -> line.has("tokens"));
  }

  @Test
  void theCrashingPythonAgentFailsTheRunClearlyAndLeavesNoProcessBehind() throws IOException {
    List<Long> before = sleepers();

    ScenarioResult result = run("src/examples/failing/notes-agent-crash.yaml");

    assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(result.harnessFault()).isFalse();
    assertThat(result.message()).contains("step 20").contains("crashing on purpose");
    assertThat(result.passed()).isFalse();
    assertThat(sleepers()).isSubsetOf(before);
  }

  @Test
  void theTranscriptReplaysInTheSandboxedShellAndTracesTheCommandThatFailed() throws IOException {
    ScenarioResult result = run("scenarios/replay/word-count.yaml");

    assertThat(result.failures()).isEmpty();
    assertThat(result.steps()).isGreaterThanOrEqualTo(50);
    assertThat(trace(result))
        .filteredOn(line -> line.at("/result/status").asText().equals("error"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.at("/action/arguments/command").asText())
                    .isEqualTo("cat data/missing.txt"));
  }

  private ScenarioResult run(String file) {
    Scenario scenario = new ScenarioLoader().loadAll(List.of(Path.of(file))).scenarios().get(0);
    try (ScenarioRunner runner = new ScenarioRunner(new RunSettings(reports, "agents", false))) {
      return kept.of(runner.run(scenario));
    }
  }

  static List<JsonNode> trace(ScenarioResult result) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(result.trace())) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static JsonNode secondOfParallelPair(List<JsonNode> trace) {
    for (int i = 1; i < trace.size(); i++) {
      if (trace.get(i).at("/action/arguments/path").asText().equals("notes/24-xray.md")
          && trace.get(i).at("/action/tool").asText().equals("read")) {
        return trace.get(i);
      }
    }
    throw new AssertionError("no read of notes/24-xray.md in the trace");
  }

  /** Return the ids of the notes agent's helper processes now running. */
  private static List<Long> sleepers() {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(
              process -> {
                Optional<String[]> arguments = process.info().arguments();
                return process.info().command().orElse("").endsWith("sleep")
                    && arguments.isPresent()
                    && List.of(arguments.get()).equals(List.of("600"));
              })
          .map(ProcessHandle::pid)
          .toList();
    }
  }
}
