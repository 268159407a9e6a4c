package dev.gauntlet.engine;

import static dev.gauntlet.engine.ScenarioFilesOnDisk.failing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.passing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.KeptWorkspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource.LockMode;
import org.junit.platform.engine.support.hierarchical.Node.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class ParallelExecutionTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path SHOP_SCENARIO = Path.of("scenarios/network/shop-policy-check.yaml");

  @TempDir Path dir;
  @TempDir Path reports;

  @RegisterExtension final KeptWorkspaces kept = KeptWorkspaces.listedUnder(() -> reports);

  @Test
  void aParallelRunGivesTheSameOutcomesAndTracesAsASerialRunWithTheSameSeed() throws IOException {
    for (int i = 0; i < 8; i++) {
      String id = "s" + i;
      write(dir.resolve(id + ".yaml"), i % 3 == 2 ? failing(id) : passing(id));
    }
    DiscoverySelector[] selectors = {
      selectDirectory(dir.toFile()), selectFile(SHOP_SCENARIO.toFile())
    };

    EngineExecutionResults serial = execute("serial", Map.of(), selectors);
    EngineExecutionResults parallel =
        execute(
            "parallel",
            Map.of(
                GauntletTestEngine.PARALLEL_ENABLED_PROPERTY_NAME,
                "true",
                GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "strategy",
                "fixed",
                GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "fixed.parallelism",
                "2"),
            selectors);

    assertThat(statuses(parallel)).isEqualTo(statuses(serial)).hasSize(9);
    assertThat(statuses(serial)).containsEntry("shop-policy-check", "SUCCESSFUL");
    for (String id : statuses(serial).keySet()) {
      assertThat(withoutTimings(reports.resolve("parallel").resolve(id)))
          .as("the trace and egress log of %s", id)
          .isEqualTo(withoutTimings(reports.resolve("serial").resolve(id)));
    }
    JsonNode summary = JSON.readTree(reports.resolve("parallel/summary.json").toFile());
    assertThat(summary.path("scenarios").asInt()).isEqualTo(9);
  }

  @Test
  void scenariosAndFilesRunConcurrently() {
    write(dir.resolve("a.yaml"), passing("a"));

    TestDescriptor engine = discover(Map.of()).getEngineDescriptor();

    TestDescriptor file = engine.getChildren().iterator().next();
    ScenarioDescriptor scenario = (ScenarioDescriptor) file.getChildren().iterator().next();
    assertThat(scenario.getExecutionMode()).isEqualTo(ExecutionMode.CONCURRENT);
    assertThat(((FileDescriptor) file).getExecutionMode()).isEqualTo(ExecutionMode.CONCURRENT);
  }

  @Test
  void eachNameUnderExclusiveBecomesAReadWriteLock() {
    write(
        dir.resolve("a.yaml"),
        passing("a").replace("budget:", "exclusive: [database, ports]\nbudget:")
            + "---\n"
            + passing("b"));

    TestDescriptor engine = discover(Map.of()).getEngineDescriptor();

    Map<String, ScenarioDescriptor> scenarios = scenarios(engine);
    assertThat(scenarios.get("a").getExclusiveResources())
        .containsExactly(
            new ExclusiveResource("gauntlet.database", LockMode.READ_WRITE),
            new ExclusiveResource("gauntlet.ports", LockMode.READ_WRITE));
    assertThat(scenarios.get("b").getExclusiveResources()).isEmpty();
  }

  @Test
  void scenariosSharingAnExclusiveResourceAllPassInAParallelRun() {
    for (int i = 0; i < 6; i++) {
      write(
          dir.resolve("x" + i + ".yaml"),
          passing("x" + i).replace("budget:", "exclusive: [database]\nbudget:"));
    }

    EngineExecutionResults results =
        execute(
            "locked",
            Map.of(GauntletTestEngine.PARALLEL_ENABLED_PROPERTY_NAME, "true"),
            selectDirectory(dir.toFile()));

    results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
  }

  @Test
  void anUnknownStrategyIsRefusedWithTheValueAndTheChoices() {
    write(dir.resolve("a.yaml"), passing("a"));

    EngineExecutionResults results =
        execute(
            "bad",
            Map.of(
                GauntletTestEngine.PARALLEL_ENABLED_PROPERTY_NAME,
                "true",
                GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "strategy",
                "fast"),
            selectDirectory(dir.toFile()));

    Throwable failure =
        results.containerEvents().finished().stream()
            .map(event -> event.getRequiredPayload(TestExecutionResult.class))
            .flatMap(result -> result.getThrowable().stream())
            .findFirst()
            .orElseThrow();
    assertThat(failure)
        .hasMessageContaining(
            "'gauntlet.execution.parallel.config.strategy' is 'fast', but must be dynamic, fixed"
                + " or custom");
  }

  @Nested
  class FailFast {

    @Test
    void noScenarioStartsAfterTheFirstFailure() {
      write(dir.resolve("a.yaml"), failing("a"));
      write(dir.resolve("b.yaml"), passing("b") + "---\n" + passing("c"));

      EngineExecutionResults results =
          execute(
              "fail-fast",
              Map.of(GauntletTestEngine.FAIL_FAST_PROPERTY_NAME, "true"),
              selectDirectory(dir.toFile()));

      results.testEvents().assertStatistics(stats -> stats.started(1).failed(1).skipped(2));
      assertThat(
              results.testEvents().skipped().stream()
                  .map(event -> event.getRequiredPayload(String.class)))
          .allMatch(reason -> reason.contains("fail-fast: scenario 'a' failed"));
    }

    @Test
    void theScenariosItNeverStartedAreListedInTheSummaryAndTheAllureResults() throws IOException {
      write(dir.resolve("a.yaml"), failing("a"));
      write(dir.resolve("b.yaml"), passing("b") + "---\n" + passing("c"));
      Path allure = reports.resolve("allure");

      execute(
          "fail-fast-reported",
          Map.of(
              GauntletTestEngine.FAIL_FAST_PROPERTY_NAME,
              "true",
              GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME,
              "true",
              GauntletTestEngine.ALLURE_RESULTS_DIR_PROPERTY_NAME,
              allure.toString()),
          selectDirectory(dir.toFile()));

      JsonNode summary = JSON.readTree(reports.resolve("fail-fast-reported/summary.json").toFile());
      assertThat(summary.path("failed").asInt()).isOne();
      assertThat(summary.path("skipped").asInt()).isEqualTo(2);
      assertThat(summary.path("skips").findValuesAsText("id")).containsExactly("b", "c");
      assertThat(summary.path("skips").findValuesAsText("reason"))
          .allMatch(reason -> reason.contains("fail-fast: scenario 'a' failed"));
      Map<String, String> statuses = new TreeMap<>();
      try (Stream<Path> files = Files.list(allure)) {
        for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
          JsonNode result = JSON.readTree(file.toFile());
          String fullName = result.path("fullName").asText();
          statuses.put(
              fullName.substring(fullName.indexOf('#') + 1), result.path("status").asText());
        }
      }
      assertThat(statuses).isEqualTo(Map.of("a", "failed", "b", "skipped", "c", "skipped"));
    }

    @Test
    void withoutItEveryScenarioRuns() {
      write(dir.resolve("a.yaml"), failing("a"));
      write(dir.resolve("b.yaml"), passing("b"));

      EngineExecutionResults results = execute("all", Map.of(), selectDirectory(dir.toFile()));

      results.testEvents().assertStatistics(stats -> stats.started(2).failed(1).succeeded(1));
    }
  }

  private EngineExecutionResults execute(
      String runId, Map<String, String> parameters, DiscoverySelector... selectors) {
    return EngineTestKit.engine(new GauntletTestEngine())
        .selectors(selectors)
        .configurationParameter(GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
        .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, runId)
        .configurationParameter(GauntletTestEngine.SEED_PROPERTY_NAME, "42")
        .configurationParameter(GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME, "false")
        .configurationParameters(parameters)
        .execute();
  }

  private org.junit.platform.testkit.engine.EngineDiscoveryResults discover(
      Map<String, String> parameters) {
    return EngineTestKit.engine(new GauntletTestEngine())
        .selectors(selectDirectory(dir.toFile()))
        .configurationParameters(parameters)
        .discover();
  }

  static Map<String, ScenarioDescriptor> scenarios(TestDescriptor engine) {
    return engine.getDescendants().stream()
        .filter(ScenarioDescriptor.class::isInstance)
        .map(ScenarioDescriptor.class::cast)
        .collect(Collectors.toMap(scenario -> scenario.scenario().id(), scenario -> scenario));
  }

  /** Each test's status by scenario id. */
  private static Map<String, String> statuses(EngineExecutionResults results) {
    Map<String, String> statuses = new TreeMap<>();
    for (Event event : results.testEvents().finished().list()) {
      statuses.put(
          event.getTestDescriptor().getUniqueId().getLastSegment().getValue(),
          event.getRequiredPayload(TestExecutionResult.class).getStatus().name());
    }
    return statuses;
  }

  /** Every JSON line of a scenario's trace and egress log, without the measured times. */
  private static List<String> withoutTimings(Path folder) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String name : List.of("trace.jsonl", "egress.jsonl")) {
      Path file = folder.resolve(name);
      if (!Files.exists(file)) {
        continue;
      }
      try (Stream<String> content = Files.lines(file)) {
        for (String line : content.collect(Collectors.toList())) {
          ObjectNode node = (ObjectNode) JSON.readTree(line);
          node.remove(List.of("atMillis", "nanos", "latencyMillis"));
          lines.add(name + " " + node);
        }
      }
    }
    assertThat(lines).as("the logs in %s", folder).isNotEmpty();
    return lines;
  }
}
