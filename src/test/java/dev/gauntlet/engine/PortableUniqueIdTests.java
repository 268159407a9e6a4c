package dev.gauntlet.engine;

import static dev.gauntlet.engine.ScenarioFilesOnDisk.passing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Identify a file below the working folder by its path from there, with {@code /} between folders,
 * so that a unique id recorded on one checkout (an IDE's rerun, {@code --select-unique-id}, a
 * report's history) selects the same scenario on any other.
 */
class PortableUniqueIdTests {

  private static final Path GREETINGS =
      Path.of("src/test/resources/dev/gauntlet/engine/suite/greetings.yaml");
  private static final Path THRICE =
      Path.of("src/test/resources/dev/gauntlet/engine/trials/thrice.yaml");

  /** The id of the second scenario of {@link #GREETINGS}, as a user would copy it. */
  private static final String GREET_TWICE =
      "[engine:gauntlet]"
          + "/[file:src%2Ftest%2Fresources%2Fdev%2Fgauntlet%2Fengine%2Fsuite%2Fgreetings.yaml]"
          + "/[scenario:greet-twice]";

  /** The id of the second trial of {@link #THRICE}, as a user would copy it. */
  private static final String SECOND_TRIAL =
      "[engine:gauntlet]"
          + "/[file:src%2Ftest%2Fresources%2Fdev%2Fgauntlet%2Fengine%2Ftrials%2Fthrice.yaml]"
          + "/[scenario:thrice]/[trial:2]";

  @TempDir Path outside;
  @TempDir Path reports;

  @Test
  void aScenarioBelowTheWorkingFolderIsIdentifiedByItsPathFromThere() {
    TestDescriptor scenario = scenario(selectFile(GREETINGS.toFile()), "greet-twice");

    String file = scenario.getUniqueId().removeLastSegment().getLastSegment().getValue();
    assertThat(file).isEqualTo("src/test/resources/dev/gauntlet/engine/suite/greetings.yaml");
    assertThat(Path.of(file).isAbsolute()).isFalse();
    assertThat(scenario.getUniqueId().toString())
        .isEqualTo(GREET_TWICE)
        .doesNotContain(encoded(Path.of("").toAbsolutePath()));
  }

  @Test
  void aFileHasTheSameIdHoweverItWasSelected() {
    UniqueId byRelativePath = fileId(selectFile(GREETINGS.toString()));

    assertThat(fileId(selectFile(GREETINGS.toAbsolutePath().toString()))).isEqualTo(byRelativePath);
    assertThat(fileId(selectFile("./src/../" + GREETINGS))).isEqualTo(byRelativePath);
    assertThat(fileId(selectDirectory(GREETINGS.getParent().toFile()))).isEqualTo(byRelativePath);
  }

  @Test
  void aScenarioSelectedByItsIdRunsAloneUnderThatIdWithItsSourceInTheFile() {
    UniqueId id = UniqueId.parse(GREET_TWICE);

    EngineExecutionResults results = execute(selectUniqueId(id));

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    TestDescriptor ran = onlyStarted(results);
    assertThat(ran.getUniqueId()).isEqualTo(id);
    assertThat(ran.getSource())
        .contains(FileSource.from(GREETINGS.toFile(), FilePosition.from(15, 1)));
  }

  @Test
  void aTrialSelectedByItsIdRunsAloneUnderThatId() {
    UniqueId id = UniqueId.parse(SECOND_TRIAL);

    EngineExecutionResults results = execute(selectUniqueId(id));

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(onlyStarted(results).getUniqueId()).isEqualTo(id);
  }

  @Test
  void anIdThatHoldsTheAbsolutePathStillSelectsTheScenarioUnderItsPortableId() {
    UniqueId absolute =
        UniqueId.forEngine("gauntlet")
            .append("file", GREETINGS.toAbsolutePath().toString())
            .append("scenario", "greet-twice");

    EngineExecutionResults results = execute(selectUniqueId(absolute));

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(onlyStarted(results).getUniqueId()).isEqualTo(UniqueId.parse(GREET_TWICE));
  }

  @Test
  void aFileOutsideTheWorkingFolderIsIdentifiedByItsAbsolutePathWithSlashes() {
    Path file = write(outside.resolve("a.yaml"), passing("far"));

    TestDescriptor scenario = scenario(selectFile(file.toFile()), "far");

    String expected = file.toAbsolutePath().normalize().toString().replace('\\', '/');
    assertThat(scenario.getUniqueId().removeLastSegment().getLastSegment().getValue())
        .isEqualTo(expected);
    assertThat(execute(selectUniqueId(scenario.getUniqueId())).testEvents().succeeded().count())
        .isEqualTo(1);
  }

  private static TestDescriptor scenario(DiscoverySelector selector, String id) {
    return ScenarioDiscoveryTests.scenarios(ScenarioDiscoveryTests.discover(selector)).stream()
        .filter(scenario -> scenario.getUniqueId().getLastSegment().getValue().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static UniqueId fileId(DiscoverySelector selector) {
    return scenario(selector, "greet").getUniqueId().removeLastSegment();
  }

  private EngineExecutionResults execute(DiscoverySelector selector) {
    return EngineTestKit.engine(new GauntletTestEngine())
        .selectors(selector)
        .configurationParameter(GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
        .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, "run-1")
        .configurationParameter(GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME, "false")
        .execute();
  }

  private static TestDescriptor onlyStarted(EngineExecutionResults results) {
    List<Event> started = results.testEvents().started().list();
    assertThat(started).hasSize(1);
    return started.get(0).getTestDescriptor();
  }

  /** A path as it appears in a unique id's text, where each {@code /} is written {@code %2F}. */
  private static String encoded(Path path) {
    return path.toString().replace("/", "%2F");
  }
}
