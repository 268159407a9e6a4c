package dev.gauntlet.agent.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.AgentException;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.scenario.Outcome;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExternalAgentTests {

  private static final List<String> TOOLS = List.of("read", "write", "list", "mkdir", "finish");

  /** Play the agent against a map of files that answers like the workspace tools, to the finish. */
  private static final class Notebook {
    final Map<String, String> files = new TreeMap<>();
    int steps;
    @Nullable String corrupt;

    Decision.Finish run(Agent agent, int budget) {
      ToolResult previous = null;
      for (int step = 1; step <= budget; step++) {
        steps = step;
        Decision decision = agent.decide(new Observation(step, previous, budget - step + 1));
        if (decision instanceof Decision.Finish finish) {
          return finish;
        }
        previous = act(((Decision.Act) decision).action());
      }
      throw new AssertionError("no finish within " + budget + " steps");
    }

    ToolResult act(Action action) {
      String path = action.arguments().path("path").asText();
      return switch (action.tool()) {
        case "mkdir" -> ToolResult.ok("created " + path);
        case "write" -> {
          files.put(path, action.arguments().path("content").asText());
          yield ToolResult.ok("wrote " + path);
        }
        case "read" ->
            path.equals(corrupt)
                ? ToolResult.ok("garbled")
                : files.containsKey(path)
                    ? ToolResult.ok(files.get(path))
                    : ToolResult.error("not_found", "no such file: " + path);
        case "list" ->
            ToolResult.ok(
                files.keySet().stream()
                    .filter(name -> name.startsWith(path + "/"))
                    .map(name -> name.substring(path.length() + 1))
                    .collect(Collectors.joining("\n")));
        default -> ToolResult.error("unknown_tool", "no tool " + action.tool());
      };
    }
  }

  private static ExternalSettings notesAgent() {
    return ExternalSettings.of(
        List.of("python3", "scenarios/agents/notes_agent.py", "--notes", "25"), Path.of("."));
  }

  @Nested
  class TheNotesAgent {

    @Test
    void writesReadsBackAndIndexesTwentyFiveNotesInFiftyFourSteps() {
      Notebook notebook = new Notebook();

      Decision.Finish finish;
      try (Agent agent = ExternalAgents.start(notesAgent(), TOOLS)) {
        finish = notebook.run(agent, 90);
      }

      assertThat(finish)
          .isEqualTo(Decision.finish(Outcome.SUCCESS, "25 notes written, read back and indexed"));
      assertThat(notebook.steps).isEqualTo(54);
      assertThat(notebook.files).hasSize(26).containsKey("index.md");
      assertThat(leftovers("notes_agent.py")).isEmpty();
    }

    @Test
    void finishesFailedWhenANoteReadsBackWrong() {
      Notebook notebook = new Notebook();
      notebook.corrupt = "notes/note-3.md";

      Decision.Finish finish;
      try (Agent agent = ExternalAgents.start(notesAgent(), TOOLS)) {
        finish = notebook.run(agent, 90);
      }

      assertThat(finish.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(finish.message()).isEqualTo("notes read back wrong at steps [29]");
    }
  }

  @Nested
  class AMisbehavingAgent {

    private final String marker = "gauntlet-test-" + UUID.randomUUID();

    private ExternalSettings misbehaving(String mode) throws URISyntaxException {
      Path script = Path.of(ExternalAgentTests.class.getResource("misbehaving_agent.py").toURI());
      return ExternalSettings.of(List.of("python3", script.toString(), mode, marker), Path.of("."))
          .withStepTimeout(Duration.ofSeconds(1))
          .withStartTimeout(Duration.ofSeconds(5));
    }

    /** Run two good steps, then return what the third step throws. */
    private AgentException thirdStep(String mode) throws URISyntaxException {
      try (Agent agent = ExternalAgents.start(misbehaving(mode), TOOLS)) {
        agent.decide(new Observation(1, null, 10));
        agent.decide(new Observation(2, ToolResult.ok("plan"), 9));
        AgentException error =
            catchThrowableOfType(
                AgentException.class,
                () -> agent.decide(new Observation(3, ToolResult.ok("plan"), 8)));
        assertThat(leftovers(marker)).as("processes left once the failure is reported").isEmpty();
        assertThatThrownBy(() -> agent.decide(new Observation(4, null, 7))).isSameAs(error);
        return error;
      }
    }

    @Test
    void thatCrashesFailsTheStepWithItsExitCodeAndLastWords() throws URISyntaxException {
      AgentException error = thirdStep("crash");

      assertThat(error)
          .hasMessage(
              "The external agent 'misbehaving-crash' exited with code 3 at step 3 before"
                  + " answering; its standard error ends: \"simulated crash at step 3\".");
    }

    @Test
    void thatHangsIsKilledAtTheStepDeadline() throws URISyntaxException {
      AgentException error = thirdStep("hang");

      assertThat(error)
          .hasMessage(
              "The external agent 'misbehaving-hang' did not answer step 3 within 1000 ms.");
    }

    @Test
    void thatWritesSomethingOtherThanJsonIsQuotedUpTo200Characters() throws URISyntaxException {
      AgentException error = thirdStep("garbage");

      String line = "Traceback (most recent call last): this is not JSON " + "x".repeat(300);
      assertThat(error)
          .hasMessage(
              "The external agent 'misbehaving-garbage' answered step 3 with something that is"
                  + " not a JSON object: \""
                  + line.substring(0, 200)
                  + "…\".");
    }

    @Test
    void thatAnswersWithAnUnknownTypeIsNamed() throws URISyntaxException {
      AgentException error = thirdStep("wrong-type");

      assertThat(error)
          .hasMessage(
              "The external agent 'misbehaving-wrong-type' answered step 3 with a message of type"
                  + " 'banana' where 'action' or 'finish' was expected:"
                  + " \"{\"type\":\"banana\",\"tool\":\"read\"}\".");
    }

    @Test
    void thatNeverCompletesTheHandshakeIsNotStartedAndLeavesNothingRunning()
        throws URISyntaxException {
      ExternalSettings settings = misbehaving("silent").withStartTimeout(Duration.ofSeconds(1));

      assertThatThrownBy(() -> ExternalAgents.start(settings, TOOLS))
          .isInstanceOf(AgentException.class)
          .hasMessage(
              "The external agent 'misbehaving_agent.py' did not answer the handshake within 1000"
                  + " ms.");
      assertThat(leftovers(marker)).isEmpty();
    }
  }

  @Test
  void aProgramThatCannotStartIsNamed() {
    ExternalSettings settings = ExternalSettings.of(List.of("/no/such/agent"), Path.of("."));

    assertThatThrownBy(() -> ExternalAgents.start(settings, TOOLS))
        .isInstanceOf(AgentException.class)
        .hasMessageStartingWith("The external agent [/no/such/agent] could not be started:");
  }

  static List<String> leftovers(String marker) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(process -> process.info().commandLine().orElse(""))
        .filter(line -> line.contains(marker))
        .toList();
  }
}
