package dev.gauntlet.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Make tools fail on purpose at chosen steps, and see the agent get the real tool's failure. */
class InjectedToolFaultsTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  private ScenarioRunner runner;

  @AfterEach
  void close() {
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  void aWriteAtAFaultedStepFailsWithDiskFullAndTheRetrySucceeds() throws IOException {
    ScenarioResult result =
        run(
            """
            id: disk-full
            faults:
              - { step: 2, tool: write, fault: disk_full }
            agent:
              scripted:
                - write: { path: a.txt, content: one }
                - write: { path: b.txt, content: two }
                - write: { path: b.txt, content: two }
            expect:
              outcome: success
              files:
                a.txt: { equals: one }
                b.txt: { equals: two }
            """);

    assertThat(result.failures()).isEmpty();
    JsonNode faulted = resultOfStep(result, 2);
    assertThat(faulted.path("status").asText()).isEqualTo("error");
    assertThat(faulted.path("reason").asText()).isEqualTo("io_error");
    assertThat(faulted.path("summary").asText())
        .isEqualTo("write failed on 'b.txt': No space left on device (ENOSPC).");
    assertThat(faulted.path("data").path("injected").asBoolean()).isTrue();
    assertThat(faulted.path("data").path("fault").asText()).isEqualTo("disk_full");
    assertThat(resultOfStep(result, 3).path("status").asText()).isEqualTo("ok");
    assertThat(resultOfStep(result, 1).path("data").has("injected")).isFalse();
  }

  @Test
  void aPathFaultDeniesTheMatchingWritesTheGivenNumberOfTimes() throws IOException {
    ScenarioResult result =
        run(
            """
            id: denied
            faults:
              - { tool: write, path: "out/*", fault: permission_denied, times: 2 }
            agent:
              scripted:
                - write: { path: notes.txt, content: n }
                - write: { path: out/a.txt, content: a }
                - write: { path: out/a.txt, content: a }
                - write: { path: out/a.txt, content: a }
            expect:
              files:
                out/a.txt: { equals: a }
            """);

    assertThat(result.failures()).isEmpty();
    assertThat(reasons(result)).containsExactly("", "access_denied", "access_denied", "");
    assertThat(resultOfStep(result, 2).path("summary").asText())
        .isEqualTo("write was denied access to 'out/a.txt'.");
  }

  @Test
  void shellFaultsGiveTheExitCodeAndTheTimeoutAShellToolWouldGive() throws IOException {
    ScenarioResult result =
        run(
            """
            id: shell-faults
            faults:
              - { step: 1, tool: shell, fault: exit_code, exitCode: 2 }
              - { step: 2, tool: shell, fault: timeout }
              - { step: 3, tool: shell, fault: permission_denied }
            agent:
              scripted:
                - shell: make app
                - shell: { command: "sleep 1", timeout: 5s }
                - shell: ./build.sh
            """);

    JsonNode exit = resultOfStep(result, 1);
    assertThat(exit.path("reason").asText()).isEqualTo("exit_code");
    assertThat(exit.path("data").path("exitCode").asInt()).isEqualTo(2);
    assertThat(exit.path("data").path("command").asText()).isEqualTo("make app");
    JsonNode timeout = resultOfStep(result, 2);
    assertThat(timeout.path("reason").asText()).isEqualTo("timeout");
    assertThat(timeout.path("data").path("killReason").asText()).isEqualTo("timeout");
    assertThat(timeout.path("data").path("durationMillis").asLong()).isEqualTo(5000);
    JsonNode denied = resultOfStep(result, 3);
    assertThat(denied.path("data").path("exitCode").asInt()).isEqualTo(126);
    assertThat(denied.path("data").path("stderr").asText())
        .isEqualTo("sh: 1: ./build.sh: Permission denied\n");
    assertThat(List.of(exit, timeout, denied))
        .allSatisfy(step -> assertThat(step.path("data").path("injected").asBoolean()).isTrue());
  }

  @Test
  void theShippedFaultScenarioCarriesOnPastEveryInjectedFault() throws IOException {
    Scenario scenario =
        new ScenarioLoader().load(Path.of("scenarios/shell/faults-carry-on.yaml")).get(0);
    runner = new ScenarioRunner(new RunSettings(folder.resolve("reports"), "run", false));

    ScenarioResult result = runner.run(scenario);

    assertThat(result.failures()).isEmpty();
    assertThat(result.passed()).isTrue();
    assertThat(result.steps()).isGreaterThanOrEqualTo(50);
    assertThat(steps(result))
        .filteredOn(node -> node.path("result").path("data").path("injected").asBoolean())
        .extracting(
            node -> node.path("step").asInt() + " " + node.path("result").path("reason").asText())
        .containsExactly(
            "12 exit_code", "35 io_error", "37 timeout", "50 access_denied", "51 access_denied");
  }

  private ScenarioResult run(String yaml) throws IOException {
    Path file = folder.resolve("scenario.yaml");
    Files.writeString(file, yaml);
    Scenario scenario = new ScenarioLoader().load(file).get(0);
    runner = new ScenarioRunner(new RunSettings(folder.resolve("reports"), "run", false));
    return runner.run(scenario);
  }

  private static List<JsonNode> steps(ScenarioResult result) throws IOException {
    List<JsonNode> steps = new ArrayList<>();
    for (String line : Files.readAllLines(result.trace())) {
      JsonNode node = JSON.readTree(line);
      if (node.has("result")) {
        steps.add(node);
      }
    }
    return steps;
  }

  private static JsonNode resultOfStep(ScenarioResult result, int step) throws IOException {
    return steps(result).stream()
        .filter(node -> node.path("step").asInt() == step)
        .findFirst()
        .orElseThrow()
        .path("result");
  }

  private static List<String> reasons(ScenarioResult result) throws IOException {
    return steps(result).stream().map(node -> node.path("result").path("reason").asText()).toList();
  }
}
