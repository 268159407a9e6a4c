package dev.gauntlet.engine;

import static dev.gauntlet.engine.ScenarioFilesOnDisk.failing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.passing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.scenario.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class ScenarioExecutionTests {

  @TempDir Path dir;
  @TempDir Path reports;

  @RegisterExtension final KeptWorkspaces kept = KeptWorkspaces.listedUnder(() -> reports);

  @Test
  void passingScenariosSucceed() {
    write(dir.resolve("a.yaml"), passing("a") + "---\n" + passing("b"));

    EngineExecutionResults results = execute(selectDirectory(dir.toFile()));

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
  }

  @Test
  void aFailingScenarioFailsWithEveryUnmetExpectationAndTheTracePath() {
    write(dir.resolve("f.yaml"), failing("broken-promise"));

    EngineExecutionResults results = execute(selectDirectory(dir.toFile()));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("scenario:broken-promise"),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        text -> text.contains("something else") && text.contains("missing.txt")),
                    message(text -> text.contains("trace.jsonl")))));
  }

  @Test
  void eachScenarioPublishesItsOutcomeStepsTimeAndTrace() {
    write(dir.resolve("a.yaml"), passing("a"));

    EngineExecutionResults results = execute(selectDirectory(dir.toFile()));

    Map<String, String> entry = onlyReportEntry(results, "a");
    assertThat(entry).containsEntry("outcome", "success");
    assertThat(entry.get("steps")).containsOnlyDigits().isNotEqualTo("0");
    assertThat(entry).containsKeys("wallTime", "trace").doesNotContainKey("workspace");
    assertThat(Path.of(entry.get("trace"))).startsWith(reports.resolve("run-1")).exists();
  }

  @Test
  void aFailedScenarioPublishesTheWorkspaceItKept() {
    write(dir.resolve("f.yaml"), failing("f"));

    EngineExecutionResults results = execute(selectDirectory(dir.toFile()));

    Map<String, String> entry = onlyReportEntry(results, "f");
    assertThat(Path.of(entry.get("workspace"))).isDirectory();
  }

  @Test
  void theRunSummaryIsWrittenAfterTheLastScenario() {
    write(dir.resolve("a.yaml"), passing("a"));

    EngineExecutionResults results = execute(selectDirectory(dir.toFile()));

    Path summary = reports.resolve("run-1").resolve("summary.json");
    assertThat(summary).exists();
    assertThat(
            results.containerEvents().reportingEntryPublished().stream()
                .map(ScenarioExecutionTests::keyValues)
                .map(values -> values.get("summary")))
        .containsExactly(summary.toString());
  }

  @Test
  void aBrokenFileFailsWithItsProblemsWhileTheOtherFilesStillRun() {
    write(dir.resolve("good.yaml"), passing("good"));
    Path broken = write(dir.resolve("broken.yaml"), passing("broken").replace("tags:", "tagz:"));

    EngineExecutionResults results = execute(selectDirectory(dir.toFile()));

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(broken.getFileName().toString()),
                finishedWithFailure(
                    instanceOf(ScenarioException.class),
                    message(text -> text.startsWith(broken + ":3:1 tagz: ")))));
  }

  @Test
  void aDuplicateScenarioIdFailsTheLaterScenarioWithoutRunningIt() {
    write(dir.resolve("a.yaml"), passing("same"));
    write(dir.resolve("b.yaml"), passing("same"));

    EngineExecutionResults results = execute(selectDirectory(dir.toFile()));

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    assertThat(results.testEvents().reportingEntryPublished().count()).isEqualTo(1);
  }

  @Test
  void anIdUsedTwiceInOneFileFailsAnEntryForTheLaterOneWhileTheOtherScenariosRun() {
    Path file =
        write(
            dir.resolve("twins.yaml"),
            passing("twin") + "---\n" + passing("other") + "---\n" + passing("twin"));

    EngineExecutionResults results = execute(selectDirectory(dir.toFile()));

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("problem:27:5"),
                finishedWithFailure(
                    instanceOf(ScenarioException.class),
                    message(
                        file
                            + ":27:5 id: duplicate id 'twin', already used at "
                            + file
                            + ":1:5; ids must be unique across a run, so this scenario does not"
                            + " run"))));
  }

  @Test
  void aScenarioRerunByItsUniqueIdIsFoundAfterEditsMoveItWithinItsFile() throws Exception {
    Path file = write(dir.resolve("two.yaml"), passing("first") + "---\n" + passing("second"));
    UniqueId second =
        ScenarioDiscoveryTests.scenarios(
                EngineTestKit.engine(new GauntletTestEngine())
                    .selectors(selectFile(file.toFile()))
                    .discover())
            .get(1)
            .getUniqueId();
    Files.writeString(
        file,
        "# reordered\n"
            + passing("second")
            + "---\n"
            + passing("first")
            + "---\n"
            + passing("third"));

    EngineExecutionResults results = execute(selectUniqueId(second));

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    Event started = results.testEvents().started().list().get(0);
    TestDescriptor rerun = started.getTestDescriptor();
    assertThat(rerun.getUniqueId()).isEqualTo(second);
    assertThat(rerun.getSource()).contains(FileSource.from(file.toFile(), FilePosition.from(2, 1)));
  }

  @Test
  void onlyScenariosWithAnIncludedTagRunWhenTheLauncherFiltersByTag() {
    write(
        dir.resolve("a.yaml"), passing("a") + "---\n" + passing("b").replace("generated", "other"));

    EngineExecutionResults results =
        EngineTestKit.engine(new GauntletTestEngine())
            .selectors(selectDirectory(dir.toFile()))
            .filters(org.junit.platform.launcher.TagFilter.includeTags("other"))
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, "run-1")
            .execute();

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("scenario:b"), finishedSuccessfully()))
        .doNotHave(event(test("scenario:a")));
  }

  @Test
  void aRunIdThatIsNotASingleFolderNameFailsTheEngineWithoutRunningAnything() {
    write(dir.resolve("a.yaml"), passing("a"));

    EngineExecutionResults results =
        EngineTestKit.engine(new GauntletTestEngine())
            .selectors(selectDirectory(dir.toFile()))
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, "../outside")
            .execute();

    results.testEvents().assertStatistics(stats -> stats.started(0));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                org.junit.platform.testkit.engine.EventConditions.engine(),
                finishedWithFailure(message(text -> text.contains("'../outside'")))));
  }

  @Test
  void aRecoveryPolicyParameterReplacesTheRecoveryOfEveryScenarioThatHasOne() {
    Path impatient = Path.of("scenarios/policies/recovery-impatient.yaml").toAbsolutePath();

    EngineExecutionResults results =
        EngineTestKit.engine(new GauntletTestEngine())
            .selectors(
                selectFile("scenarios/network/model-outage-recovered.yaml"),
                selectFile("scenarios/network/shop-policy-check.yaml"))
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, "impatient")
            .configurationParameter(GauntletTestEngine.RECOVERY_PROPERTY_NAME, impatient.toString())
            .execute();

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("scenario:model-outage-recovered"),
                finishedWithFailure(message(text -> text.contains("gave_up")))))
        .haveExactly(1, event(test("scenario:shop-policy-check"), finishedSuccessfully()));
  }

  @Test
  void aBrokenRecoveryPolicyParameterFailsTheEngineNamingTheFileLineAndColumn() {
    Path broken = dir.resolve("broken.yaml");
    write(broken, "attempts: 0\n");
    write(dir.resolve("a.yaml"), passing("a"));

    EngineExecutionResults results =
        EngineTestKit.engine(new GauntletTestEngine())
            .selectors(selectDirectory(dir.toFile()))
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .configurationParameter(GauntletTestEngine.RECOVERY_PROPERTY_NAME, broken.toString())
            .execute();

    results.testEvents().assertStatistics(stats -> stats.started(0));
    assertThat(engineFailure(results))
        .hasMessageContaining(
            "Configuration parameter 'gauntlet.recovery.policy' names a file with a problem: "
                + broken
                + ":1:11 attempts: expected a positive whole number but found the number 0");
  }

  private static Throwable engineFailure(EngineExecutionResults results) {
    return results.containerEvents().finished().stream()
        .filter(event -> event.getTestDescriptor().getUniqueId().getSegments().size() == 1)
        .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable())
        .flatMap(Optional::stream)
        .findFirst()
        .orElseThrow();
  }

  private EngineExecutionResults execute(DiscoverySelector... selectors) {
    return EngineTestKit.engine(new GauntletTestEngine())
        .selectors(selectors)
        .configurationParameter(GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
        .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, "run-1")
        .execute();
  }

  private static Map<String, String> onlyReportEntry(EngineExecutionResults results, String id) {
    List<Map<String, String>> entries =
        results.testEvents().reportingEntryPublished().stream()
            .filter(
                event ->
                    event.getTestDescriptor().getUniqueId().getLastSegment().getValue().equals(id))
            .map(ScenarioExecutionTests::keyValues)
            .collect(Collectors.toList());
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }

  private static Map<String, String> keyValues(Event event) {
    return event.getRequiredPayload(ReportEntry.class).getKeyValuePairs();
  }
}
