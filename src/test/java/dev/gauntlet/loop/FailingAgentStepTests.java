package dev.gauntlet.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.LoadResult;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.ScenarioLoader;
import dev.gauntlet.trace.RunSummary;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run real agents that fail in the middle of a run, and check that the step they fail on is a step
 * like any other: traced with its stage times, counted in the total, and named by its reason.
 */
class FailingAgentStepTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  /** A Java agent that lists the workspace until step {@code failAt} (default 3), then throws. */
  public static final class Throwing implements Agent {
    private final int failAt;

    public Throwing(Map<String, Object> config) {
      this.failAt = ((Number) config.getOrDefault("failAt", 3)).intValue();
    }

    @Override
    public Decision decide(Observation observation) {
      if (observation.step() >= failAt) {
        throw new IllegalStateException("lost its plan");
      }
      return Decision.act(
          new Action("list", JsonNodeFactory.instance.objectNode().put("path", ".")));
    }
  }

  @Nested
  class AnExternalAgentThatDies {

    @Test
    void isTracedAsAnAgentStepAtTheStepItDiedOnAndCountedInTheTotalAndTheSummary()
        throws IOException {
      String notesAgent = Path.of("scenarios/agents/notes_agent.py").toAbsolutePath().toString();

      ScenarioResult result =
          run(
              """
              budget: { steps: 80 }
              agent:
                external:
                  command: [python3, "%s", --crash-at, "20"]
                  stepTimeout: 30s
              expect:
                outcome: error
                steps: { atLeast: 20, atMost: 20 }
                errors: [ { step: 20, reason: agent_failure } ]
              """
                  .formatted(notesAgent));

      assertThat(result.failures()).isEmpty();
      assertThat(result.steps()).isEqualTo(20);
      assertThat(result.message())
          .startsWith(
              "The agent failed at step 20: The external agent 'notes-agent' exited with code 3"
                  + " at step 20 before answering")
          .contains("crashing on purpose at step 20");
      List<JsonNode> lines = DetectionScenariosTests.traceLines(result.trace());
      assertThat(lines).hasSize(20);
      assertThat(lines.subList(0, 19))
          .noneMatch(line -> line.at("/action/tool").asText().equals("agent"));
      JsonNode died = lines.get(19);
      assertThat(died.path("step").asInt()).isEqualTo(20);
      assertThat(died.at("/action/tool").asText()).isEqualTo("agent");
      assertThat(died.at("/action/arguments").isEmpty()).isTrue();
      assertThat(died.at("/result/status").asText()).isEqualTo("error");
      assertThat(died.at("/result/reason").asText()).isEqualTo("agent_failure");
      assertThat(died.at("/result/summary").asText()).contains("exited with code 3 at step 20");
      assertThat(died.path("effect").asText()).isEqualTo("none");
      assertThat(died.path("nanos").fieldNames())
          .toIterable()
          .containsExactly("observe", "reason", "act", "verify");
      assertThat(died.path("outcome").asText()).isEqualTo("error");
      assertThat(died.path("message").asText()).isEqualTo(result.message());
      JsonNode summary = summaryOf(result).at("/results/0");
      assertThat(summary.path("steps").asInt()).isEqualTo(20);
      assertThat(summary.path("message").asText()).isEqualTo(result.message());
    }
  }

  @Nested
  class AnAgentStillDecidingAtTheReasonDeadline {

    private final String marker = "gauntlet-test-" + UUID.randomUUID();

    @Test
    void isTracedAsADeadlineErrorAtThatStepWithTheReasonStageTimeAndTheFinding()
        throws IOException, URISyntaxException {
      Path hanging =
          Path.of(
              FailingAgentStepTests.class
                  .getResource("/dev/gauntlet/agent/external/misbehaving_agent.py")
                  .toURI());

      ScenarioResult result =
          run(
              """
              workspace: { files: { plan.md: "the plan" } }
              detect: { deadlines: { reason: 1s } }
              agent:
                external:
                  command: [python3, "%s", hang, %s]
                  stepTimeout: 5m
              expect:
                outcome: error
                steps: { atMost: 3 }
                deadlines: [ { stage: reason, step: 3 } ]
                errors: [ { step: 3, reason: deadline } ]
              """
                  .formatted(hanging, marker));

      assertThat(result.failures()).isEmpty();
      assertThat(result.steps()).isEqualTo(3);
      assertThat(result.message())
          .isEqualTo(
              "The agent was still deciding at the reason stage's deadline of 1s in step 3.");
      List<JsonNode> lines = DetectionScenariosTests.traceLines(result.trace());
      assertThat(lines).hasSize(3);
      JsonNode hung = lines.get(2);
      assertThat(hung.path("step").asInt()).isEqualTo(3);
      assertThat(hung.at("/action/tool").asText()).isEqualTo("agent");
      assertThat(hung.at("/result/status").asText()).isEqualTo("error");
      assertThat(hung.at("/result/reason").asText()).isEqualTo("deadline");
      assertThat(hung.at("/result/summary").asText())
          .isEqualTo(
              "The agent was still deciding at the reason stage's deadline of 1s and was"
                  + " abandoned.");
      assertThat(hung.path("timedOut").asText()).isEqualTo("reason");
      assertThat(hung.at("/findings/0/kind").asText()).isEqualTo("deadline");
      assertThat(hung.at("/findings/0/stage").asText()).isEqualTo("reason");
      // The watchdog waits the whole deadline before it abandons the agent.
      assertThat(hung.at("/nanos/reason").asLong()).isGreaterThanOrEqualTo(1_000_000_000L);
      assertThat(hung.path("outcome").asText()).isEqualTo("error");
      assertThat(result.findings())
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.kind()).isEqualTo(FindingKind.DEADLINE);
                assertThat(finding.stage()).isEqualTo(Stage.REASON);
                assertThat(finding.firstStep()).isEqualTo(3);
              });
      assertThat(leftovers(marker)).isEmpty();
    }
  }

  @Nested
  class AJavaAgentThatThrows {

    @Test
    void isTracedAsAnAgentStepNamingTheException() throws IOException {
      ScenarioResult result =
          run(
              """
              agent: { java: { class: %s } }
              expect:
                outcome: error
                errors: [ { step: 3, reason: agent_failure } ]
              """
                  .formatted(Throwing.class.getName()));

      assertThat(result.failures()).isEmpty();
      assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(result.harnessFault()).isFalse();
      assertThat(result.steps()).isEqualTo(3);
      assertThat(result.message())
          .isEqualTo("The agent failed at step 3: java.lang.IllegalStateException: lost its plan");
      List<JsonNode> lines = DetectionScenariosTests.traceLines(result.trace());
      assertThat(lines)
          .extracting(line -> line.path("step").asInt() + " " + line.at("/action/tool").asText())
          .containsExactly("1 list", "2 list", "3 agent");
      JsonNode threw = lines.get(2);
      assertThat(threw.at("/result/reason").asText()).isEqualTo("agent_failure");
      assertThat(threw.at("/result/summary").asText())
          .isEqualTo("java.lang.IllegalStateException: lost its plan");
      assertThat(threw.has("timedOut")).isFalse();
      assertThat(threw.path("outcome").asText()).isEqualTo("error");
    }

    @Test
    void thatFailsOnItsFirstStepLeavesATraceOfOneStepThatCarriesTheOutcome() throws IOException {
      ScenarioResult result =
          run(
              """
              agent: { java: { class: %s, config: { failAt: 1 } } }
              expect: { outcome: error }
              """
                  .formatted(Throwing.class.getName()));

      assertThat(result.failures()).isEmpty();
      assertThat(result.steps()).isEqualTo(1);
      List<JsonNode> lines = DetectionScenariosTests.traceLines(result.trace());
      assertThat(lines).singleElement();
      assertThat(lines.get(0).at("/action/tool").asText()).isEqualTo("agent");
      assertThat(lines.get(0).path("seed").isNumber()).isTrue();
      assertThat(lines.get(0).path("outcome").asText()).isEqualTo("error");
    }

    @Test
    void anErrorExpectedOneStepEarlierFailsNamingWhatThatStepDid() throws IOException {
      ScenarioResult result =
          run(
              """
              agent: { java: { class: %s } }
              expect:
                outcome: error
                errors: [ { step: 2, reason: agent_failure } ]
              """
                  .formatted(Throwing.class.getName()));

      assertThat(result.failures())
          .singleElement()
          .asString()
          .contains("Expecting step 2 to fail with reason agent_failure")
          .endsWith("but it ended: ok");
    }
  }

  private ScenarioResult run(String body) throws IOException {
    Path file = folder.resolve("scenario.yaml");
    Files.writeString(file, "id: failing-agent\n" + body);
    LoadResult loaded = new ScenarioLoader().loadAll(List.of(file));
    assertThat(loaded.problems()).isEmpty();
    try (ScenarioRunner runner = new ScenarioRunner(settings())) {
      return kept.of(runner.run(loaded.scenarios().get(0)));
    }
  }

  private RunSettings settings() {
    return new RunSettings(folder.resolve("reports"), "failing", false);
  }

  /** Write the run's summary with this one result, as the engine does after a run, and read it. */
  private JsonNode summaryOf(ScenarioResult result) throws IOException {
    RunSummary summary = new RunSummary(settings());
    summary.add(result);
    return JSON.readTree(summary.write().toFile());
  }

  private static List<String> leftovers(String marker) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(process -> process.info().commandLine().orElse(""))
        .filter(line -> line.contains(marker))
        .toList();
  }
}
