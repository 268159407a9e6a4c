package dev.gauntlet.engine;

import static dev.gauntlet.engine.ScenarioFilesOnDisk.passing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Run a scenario with {@code repeat: k} as a container of k tests, one per trial. */
class TrialExecutionTests {

  @TempDir Path dir;
  @TempDir Path reports;

  @Test
  void aRepeatedScenarioIsAContainerWithOneTestPerTrial() {
    Path file = write(dir.resolve("t.yaml"), "repeat: 3\n" + passing("thrice"));

    EngineExecutionResults results = execute(selectFile(file.toFile()));

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
    List<UniqueId> tests =
        results.testEvents().started().stream()
            .map(Event::getTestDescriptor)
            .map(TestDescriptor::getUniqueId)
            .toList();
    assertThat(tests)
        .extracting(id -> id.getLastSegment().getType() + ":" + id.getLastSegment().getValue())
        .containsExactly("trial:1", "trial:2", "trial:3");
    assertThat(tests)
        .allSatisfy(
            id ->
                assertThat(id.removeLastSegment().getLastSegment().getValue()).isEqualTo("thrice"));
    assertThat(results.containerEvents().started().stream())
        .anySatisfy(
            event ->
                assertThat(event.getTestDescriptor().getUniqueId().getLastSegment().getValue())
                    .isEqualTo("thrice"));
  }

  @Test
  void aScenarioThatRunsOnceStaysASingleTest() {
    Path file = write(dir.resolve("once.yaml"), passing("once"));

    EngineExecutionResults results = execute(selectFile(file.toFile()));

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(results.testEvents().started().stream().findFirst().orElseThrow())
        .satisfies(
            event ->
                assertThat(event.getTestDescriptor().getUniqueId().getLastSegment().getType())
                    .isEqualTo("scenario"));
  }

  @Test
  void aTrialSelectedByItsUniqueIdRunsAloneWithTheSameIdAsInTheWholeRun() {
    Path file = write(dir.resolve("t.yaml"), "repeat: 4\n" + passing("four"));
    UniqueId second =
        execute(selectFile(file.toFile())).testEvents().started().stream()
            .map(event -> event.getTestDescriptor().getUniqueId())
            .filter(id -> id.getLastSegment().getValue().equals("2"))
            .findFirst()
            .orElseThrow();

    EngineExecutionResults results = execute(selectUniqueId(second));

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(results.testEvents().started().stream().findFirst().orElseThrow())
        .satisfies(event -> assertThat(event.getTestDescriptor().getUniqueId()).isEqualTo(second));
  }

  private EngineExecutionResults execute(DiscoverySelector... selectors) {
    return EngineTestKit.engine(new GauntletTestEngine())
        .selectors(selectors)
        .configurationParameter(GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
        .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, "run-1")
        .execute();
  }
}
