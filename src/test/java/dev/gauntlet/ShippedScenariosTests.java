package dev.gauntlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.LoadResult;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Hold the shipped scenarios and failing examples to what the README promises of them. */
class ShippedScenariosTests {

  @TempDir Path reports;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @Test
  void everyShippedScenarioPassesWithAtLeastFiftyStepsAndATraceLinePerStep() throws IOException {
    LoadResult loaded = new ScenarioLoader().loadAll(yamlFiles(Path.of("scenarios")));
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.scenarios()).hasSizeGreaterThanOrEqualTo(4);

    for (Scenario scenario : loaded.scenarios()) {
      ScenarioResult result = run(scenario);

      assertThat(result.failures()).as(scenario.id()).isEmpty();
      assertThat(result.steps()).as(scenario.id()).isGreaterThanOrEqualTo(50);
      assertThat(Files.readAllLines(result.trace())).as(scenario.id()).hasSize(result.steps());
    }
  }

  @Test
  void theFailingExamplesFailEachInItsOwnWay() throws IOException {
    LoadResult loaded = new ScenarioLoader().loadAll(yamlFiles(Path.of("src/examples/failing")));
    Map<String, ScenarioResult> results =
        loaded.scenarios().stream()
            .map(this::run)
            .collect(Collectors.toMap(result -> result.scenario().id(), Function.identity()));

    assertThat(results.get("escape-the-workspace").outcome()).isEqualTo(Outcome.POLICY_VIOLATION);
    assertThat(results.get("wrong-digest").failures()).hasSize(3);
    assertThat(results.get("runaway-agent").outcome()).isEqualTo(Outcome.BUDGET_EXHAUSTED);
    assertThat(results.get("notes-agent-crash").outcome()).isEqualTo(Outcome.ERROR);
    assertThat(results.get("notes-agent-crash").steps()).isEqualTo(20);
    assertThat(results.values()).noneMatch(ScenarioResult::passed);
    for (ScenarioResult result : results.values()) {
      assertThat(Files.readAllLines(result.trace()))
          .as(result.scenario().id())
          .hasSize(result.steps());
    }
    assertThat(loaded.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.file().getFileName()).hasToString("misspelled-key.yaml");
              assertThat(problem.keyPath()).isEqualTo("agent.scripted[0].write.contnet");
              assertThat(problem.message()).contains("content");
            });
  }

  /** Run the scenario on a runner of its own, stopped afterwards with its mock server. */
  private ScenarioResult run(Scenario scenario) {
    try (ScenarioRunner runner = new ScenarioRunner(new RunSettings(reports, "shipped", false))) {
      return kept.of(runner.run(scenario));
    }
  }

  private static List<Path> yamlFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(file -> file.toString().endsWith(".yaml"))
          .filter(file -> !file.toString().contains("/policies/"))
          .sorted()
          .toList();
    }
  }
}
