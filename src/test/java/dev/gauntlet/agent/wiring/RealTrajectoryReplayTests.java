package dev.gauntlet.agent.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.LoadResult;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay the real 51-step mini-swe-agent run from {@code ../shared/realdata} in the sandboxed
 * shell. Our workspace is not the Django checkout it ran in, so many commands fail here; the trace
 * says which and why.
 */
class RealTrajectoryReplayTests {

  private static final Path TRAJECTORY =
      Path.of("..", "shared", "realdata", "trajectories")
          .resolve("minisweagent-deepseek-django-14411-51steps.traj.json");

  @TempDir Path folder;
  @TempDir Path reports;

  @Test
  void theRealRunReplaysToItsEndAndTheTraceNamesEachFailedCommandAndWhy() throws IOException {
    assumeTrue(
        Files.isRegularFile(TRAJECTORY),
        "skipped: the real trajectory is not at " + TRAJECTORY.toAbsolutePath());
    Files.copy(TRAJECTORY, folder.resolve("run.json"));
    Path scenario = folder.resolve("real.yaml");
    Files.writeString(
        scenario,
        "id: real-trajectory\nbudget: { steps: 120, wallClock: 10m }\n"
            + "agent: { replay: run.json, tools: { bash: shell } }\n");
    LoadResult loaded = new ScenarioLoader().loadAll(List.of(scenario));
    assertThat(loaded.problems()).isEmpty();

    ScenarioResult result;
    try (ScenarioRunner runner = new ScenarioRunner(new RunSettings(reports, "real", false))) {
      result = runner.run(loaded.scenarios().get(0));
    }

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    List<JsonNode> trace = AgentScenariosTests.trace(result);
    assertThat(trace).hasSize(result.steps());
    assertThat(trace.get(trace.size() - 1).at("/action/tool").asText()).isEqualTo("finish");
    List<JsonNode> failed =
        trace.stream().filter(line -> line.at("/result/status").asText().equals("error")).toList();
    assertThat(failed).isNotEmpty();
    assertThat(failed)
        .allSatisfy(
            line -> {
              assertThat(line.at("/action/tool").asText()).isEqualTo("shell");
              assertThat(line.at("/action/arguments/command").asText()).isNotBlank();
              assertThat(line.at("/result/reason").asText()).isNotBlank();
              assertThat(line.at("/result/summary").asText()).isNotBlank();
            });
  }
}
