package dev.gauntlet.agent.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.AgentException;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.scenario.Outcome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptReplayTests {

  static final Path REAL =
      Path.of(
          "..",
          "shared",
          "realdata",
          "trajectories",
          "minisweagent-deepseek-django-14411-51steps.traj.json");

  @TempDir Path folder;

  private static Path example() throws URISyntaxException {
    return Path.of(TranscriptReplayTests.class.getResource("example.traj.json").toURI());
  }

  @Test
  void everyToolCallBecomesAnActionWithBashMappedToShell() throws URISyntaxException {
    List<Action> actions = Transcripts.actions(example(), Transcripts.defaultMappings());

    assertThat(actions)
        .extracting(Action::tool)
        .containsExactly("shell", "shell", "shell", "read", "shell");
    assertThat(actions.get(0).arguments().toString())
        .isEqualTo("{\"command\":\"mkdir -p notes && printf 'start\\\\n' > notes/log.md\"}");
    assertThat(actions.get(3).arguments().toString()).isEqualTo("{\"path\":\"notes/log.md\"}");
    assertThat(actions.get(4).arguments().path("timeout").asText()).isEqualTo("5s");
  }

  @Test
  void theDuplicatedCallIdStillYieldsBothCalls() throws URISyntaxException {
    List<Action> actions = Transcripts.actions(example(), Transcripts.defaultMappings());

    assertThat(actions.get(1).arguments().path("command").asText()).contains("compile ok");
    assertThat(actions.get(2).arguments().path("command").asText()).contains("tests ok");
  }

  @Test
  void aMappingRenamesArgumentsAndKeepsTheOthers() throws URISyntaxException {
    Map<String, ToolMapping> mappings =
        Map.of(
            "bash",
            new ToolMapping("shell", Map.of("command", "stdin")),
            "read",
            ToolMapping.to("cat"));

    List<Action> actions = Transcripts.actions(example(), mappings);

    assertThat(actions.get(0).arguments().has("stdin")).isTrue();
    assertThat(actions.get(4).arguments().fieldNames())
        .toIterable()
        .containsExactly("stdin", "timeout");
    assertThat(actions.get(3).tool()).isEqualTo("cat");
  }

  @Test
  void theAgentActsEachCallWhateverTheResultThenFinishesWithSuccess() throws URISyntaxException {
    Agent agent = Transcripts.replay(example(), Transcripts.defaultMappings());

    List<Decision> decisions = new ArrayList<>();
    for (int step = 1; step <= 6; step++) {
      ToolResult previous = step == 1 ? null : ToolResult.error("exit_code", "failed");
      decisions.add(agent.decide(new Observation(step, previous, 100)));
    }

    assertThat(decisions.subList(0, 5)).allMatch(Decision.Act.class::isInstance);
    assertThat(decisions.get(5))
        .isEqualTo(
            Decision.finish(
                Outcome.SUCCESS,
                "The transcript example.traj.json ran to its end after 5 actions."));
  }

  @Test
  void argumentsThatAreNotJsonArePointedAt() throws IOException {
    Path broken = folder.resolve("broken.json");
    Files.writeString(
        broken,
        "[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"bash\","
            + "\"arguments\":\"{\\\"command\\\": \\\"ls\"}}]}]");

    assertThatThrownBy(() -> Transcripts.actions(broken, Transcripts.defaultMappings()))
        .isInstanceOf(AgentException.class)
        .hasMessage(
            "The transcript "
                + broken
                + " at /0/tool_calls/0/function/arguments is invalid: the arguments are not a JSON"
                + " object: \"{\"command\": \"ls\".");
  }

  @Test
  void aFileThatIsNotATranscriptIsRefused() throws IOException {
    Path other = folder.resolve("other.json");
    Files.writeString(other, "{\"history\": []}");

    assertThatThrownBy(() -> Transcripts.actions(other, Transcripts.defaultMappings()))
        .hasMessageEndingWith(
            "at /messages is invalid: a transcript is an array of messages, or an object with one"
                + " under \"messages\".");
  }

  @Test
  void theReal51StepTrajectoryParsesIntoOneShellActionPerAssistantTurn() {
    Assumptions.assumeTrue(
        Files.isRegularFile(REAL),
        "The real trajectory is not at " + REAL.toAbsolutePath() + "; skipping.");

    List<Action> actions = Transcripts.actions(REAL, Transcripts.defaultMappings());

    assertThat(actions).hasSize(51).allMatch(action -> action.tool().equals("shell"));
    assertThat(actions.get(0).arguments().path("command").asText()).isEqualTo("pwd && ls -la");
    assertThat(actions.get(50).arguments().path("command").asText())
        .isEqualTo("echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && cat patch.txt");
  }
}
