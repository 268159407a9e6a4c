package dev.gauntlet.engine;

import static dev.gauntlet.engine.ScenarioFilesOnDisk.passing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.scenario.ScenarioException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A file that cannot load and a scenario refused at discovery never ran, and every report of the
 * run says so: the summary counts and lists them, and Allure shows each as a broken test.
 */
class RefusalReportsTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DUPLICATE_RULE =
      "; ids must be unique across a run, so this scenario does not run";

  @TempDir Path dir;
  @TempDir Path reports;

  @Nested
  class TheSummary {

    @Test
    void countsAFileThatCannotLoadAsRefusedAndListsItsPlaceAndProblems() throws IOException {
      write(dir.resolve("good.yaml"), passing("good"));
      Path broken = write(dir.resolve("broken.yaml"), passing("broken").replace("tags:", "tagz:"));

      run("run-1", null);

      JsonNode summary = summary("run-1");
      assertThat(summary.path("scenarios").asInt()).isEqualTo(1);
      assertThat(summary.path("passed").asInt()).isEqualTo(1);
      assertThat(summary.path("failed").asInt()).isZero();
      assertThat(summary.path("refused").asInt()).isEqualTo(1);
      assertThat(summary.path("results"))
          .extracting(r -> r.path("id").asText())
          .containsExactly("good");
      JsonNode refusal = only(summary.path("refusals"));
      assertThat(refusal.path("file").asText()).isEqualTo(broken.toString());
      assertThat(refusal.path("line").asInt()).isEqualTo(3);
      assertThat(refusal.path("column").asInt()).isEqualTo(1);
      assertThat(refusal.has("id")).isFalse();
      assertThat(refusal.path("name").asText()).isEqualTo("broken.yaml");
      assertThat(only(refusal.path("problems")).asText()).startsWith(broken + ":3:1 tagz: ");
    }

    @Test
    void listsAnIdUsedInTwoFilesAtTheLaterIdWithTheScenarioId() throws IOException {
      Path first = write(dir.resolve("a.yaml"), passing("same"));
      Path second = write(dir.resolve("b.yaml"), "# moved down\n" + passing("same"));

      run("run-1", null);

      JsonNode summary = summary("run-1");
      assertThat(summary.path("passed").asInt()).isEqualTo(1);
      assertThat(summary.path("refused").asInt()).isEqualTo(1);
      JsonNode refusal = only(summary.path("refusals"));
      assertThat(refusal.path("file").asText()).isEqualTo(second.toString());
      assertThat(refusal.path("line").asInt()).isEqualTo(2);
      assertThat(refusal.path("column").asInt()).isEqualTo(5);
      assertThat(refusal.path("id").asText()).isEqualTo("same");
      assertThat(refusal.path("name").asText()).isEqualTo("b.yaml › same");
      assertThat(only(refusal.path("problems")).asText())
          .isEqualTo(
              second
                  + ":2:5 id: duplicate id 'same', already used at "
                  + first
                  + ":1:5"
                  + DUPLICATE_RULE);
    }

    @Test
    void listsAnIdUsedTwiceInOneFileAtTheLaterIdWithTheScenarioId() throws IOException {
      Path file =
          write(
              dir.resolve("twins.yaml"),
              passing("twin") + "---\n" + passing("other") + "---\n" + passing("twin"));

      run("run-1", null);

      JsonNode summary = summary("run-1");
      assertThat(summary.path("passed").asInt()).isEqualTo(2);
      assertThat(summary.path("refused").asInt()).isEqualTo(1);
      JsonNode refusal = only(summary.path("refusals"));
      assertThat(refusal.path("file").asText()).isEqualTo(file.toString());
      assertThat(refusal.path("line").asInt()).isEqualTo(27);
      assertThat(refusal.path("column").asInt()).isEqualTo(5);
      assertThat(refusal.path("id").asText()).isEqualTo("twin");
      assertThat(only(refusal.path("problems")).asText())
          .isEqualTo(
              file
                  + ":27:5 id: duplicate id 'twin', already used at "
                  + file
                  + ":1:5"
                  + DUPLICATE_RULE);
    }

    @Test
    void ofARunWithNothingRefusedCountsNone() throws IOException {
      write(dir.resolve("good.yaml"), passing("good"));

      run("run-1", null);

      JsonNode summary = summary("run-1");
      assertThat(summary.path("refused").isInt()).as("refused is a count").isTrue();
      assertThat(summary.path("refused").asInt()).isZero();
      assertThat(summary.path("refusals").isArray()).as("refusals is a list").isTrue();
      assertThat(summary.path("refusals")).isEmpty();
    }
  }

  @Nested
  class TheAllureResults {

    @Test
    void holdAFileThatCannotLoadAsOneBrokenTestNamedAfterItInItsFoldersSuite() throws IOException {
      write(dir.resolve("suite/good.yaml"), passing("good"));
      Path broken =
          write(dir.resolve("suite/broken.yaml"), passing("broken").replace("tags:", "tagz:"));
      Path allure = reports.resolve("allure");

      run("run-1", allure);

      List<JsonNode> results = results(allure);
      assertThat(results)
          .extracting(r -> r.path("name").asText() + ": " + r.path("status").asText())
          .containsExactlyInAnyOrder("Scenario good writes a file: passed", "broken.yaml: broken");
      JsonNode refused = named(results, "broken.yaml");
      assertThat(refused.path("statusDetails").path("message").asText())
          .startsWith(broken + ":3:1 tagz: ");
      JsonNode good = named(results, "Scenario good writes a file");
      assertThat(labels(refused, "suite"))
          .containsExactly(dir.resolve("suite").toString())
          .isEqualTo(labels(good, "suite"));
      assertThat(labels(refused, "subSuite")).containsExactly("broken.yaml");
      assertThat(labels(refused, "framework")).containsExactly("gauntlet");
      assertThat(attachment(allure, refused, "problems")).startsWith(broken + ":3:1 tagz: ");
      assertThat(attachment(allure, refused, "broken.yaml")).isEqualTo(Files.readString(broken));
    }

    @Test
    void holdEachDuplicateIdAsABrokenTestNamedAfterItsFileAndTheId() throws IOException {
      write(dir.resolve("a.yaml"), passing("same"));
      Path second = write(dir.resolve("b.yaml"), passing("same"));
      write(dir.resolve("twins.yaml"), passing("twin") + "---\n" + passing("twin"));
      Path allure = reports.resolve("allure");

      run("run-1", allure);

      List<JsonNode> broken =
          results(allure).stream().filter(r -> r.path("status").asText().equals("broken")).toList();
      assertThat(broken)
          .extracting(r -> r.path("name").asText())
          .containsExactlyInAnyOrder("b.yaml › same", "twins.yaml › twin");
      JsonNode refused = named(broken, "b.yaml › same");
      assertThat(refused.path("statusDetails").path("message").asText())
          .startsWith(second + ":1:5 id: duplicate id 'same', already used at ");
      assertThat(labels(refused, "subSuite")).containsExactly("b.yaml");
      assertThat(attachment(allure, refused, "b.yaml")).isEqualTo(Files.readString(second));
    }

    @Test
    void giveARefusalTheSameHistoryIdInEveryRunAndOneOfItsOwn() throws IOException {
      write(dir.resolve("suite/good.yaml"), passing("good"));
      write(dir.resolve("suite/broken.yaml"), passing("broken").replace("tags:", "tagz:"));
      write(dir.resolve("suite/again.yaml"), passing("good"));
      Path allure = reports.resolve("allure");

      run("run-1", allure);
      List<String> first = historyIds(allure);
      run("run-2", allure);
      List<String> second = historyIds(allure);

      assertThat(first).hasSize(3).doesNotHaveDuplicates();
      assertThat(second).containsExactlyInAnyOrderElementsOf(first);
    }
  }

  @Nested
  class TheDuplicateIds {

    @Test
    void ofTwoFilesAreATestAtTheLaterIdValueAsInOneFile() {
      Path first = write(dir.resolve("a.yaml"), passing("same"));
      Path second = write(dir.resolve("b.yaml"), "# moved down\n" + passing("same"));

      EngineDiscoveryResults results =
          EngineTestKit.engine(new GauntletTestEngine())
              .selectors(selectDirectory(dir.toFile()))
              .discover();

      DiscoveryIssue issue = only(results.getDiscoveryIssues());
      assertThat(issue.message())
          .isEqualTo(
              second
                  + ":2:5 id: duplicate id 'same', already used at "
                  + first
                  + ":1:5"
                  + DUPLICATE_RULE);
      TestDescriptor later = only(fileNamed(results, "b.yaml").getChildren());
      assertThat(later.isTest()).isTrue();
      assertThat(later.getUniqueId().getLastSegment().getType()).isEqualTo("problem");
      assertThat(later.getDisplayName()).isEqualTo("b.yaml:2:5 id");
      assertThat(later.getSource())
          .contains(FileSource.from(second.toFile(), FilePosition.from(2, 5)));
    }

    @Test
    void ofTwoFilesFailTheLaterOneAsAnIdUsedTwiceInOneFileDoes() {
      Path first = write(dir.resolve("a.yaml"), passing("same"));
      Path second = write(dir.resolve("b.yaml"), passing("same"));
      Path twins = write(dir.resolve("twins.yaml"), passing("twin") + "---\n" + passing("twin"));

      EngineExecutionResults results = run("run-1", null);

      results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(2).failed(2));
      results
          .testEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  test("problem:1:5"),
                  finishedWithFailure(
                      instanceOf(ScenarioException.class),
                      message(
                          second
                              + ":1:5 id: duplicate id 'same', already used at "
                              + first
                              + ":1:5"
                              + DUPLICATE_RULE))))
          .haveExactly(
              1,
              event(
                  test("problem:14:5"),
                  finishedWithFailure(
                      instanceOf(ScenarioException.class),
                      message(
                          twins
                              + ":14:5 id: duplicate id 'twin', already used at "
                              + twins
                              + ":1:5"
                              + DUPLICATE_RULE))));
    }
  }

  @Nested
  class AcrossShards {

    @Test
    void eachRefusalIsABrokenResultOfExactlyOneShard() throws IOException {
      for (int i = 1; i <= 12; i++) {
        write(dir.resolve("suite/s" + i + ".yaml"), passing("s" + i));
      }
      write(dir.resolve("suite/broken.yaml"), passing("broken").replace("tags:", "tagz:"));
      write(dir.resolve("suite/twins.yaml"), passing("twin") + "---\n" + passing("twin"));

      List<String> broken = new ArrayList<>();
      List<String> passed = new ArrayList<>();
      for (int shard = 1; shard <= 3; shard++) {
        Path allure = dir.resolve("allure-" + shard);
        EngineTestKit.engine(new GauntletTestEngine())
            .selectors(selectDirectory(dir.resolve("suite").toFile()))
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, "shard-" + shard)
            .configurationParameter(GauntletTestEngine.SHARD_PROPERTY_NAME, shard + "/3")
            .configurationParameter(
                GauntletTestEngine.ALLURE_RESULTS_DIR_PROPERTY_NAME, allure.toString())
            .execute();
        for (JsonNode result : results(allure)) {
          (result.path("status").asText().equals("broken") ? broken : passed)
              .add(result.path("name").asText());
        }
      }

      assertThat(broken).containsExactlyInAnyOrder("broken.yaml", "twins.yaml › twin");
      assertThat(passed).hasSize(13).doesNotHaveDuplicates();
    }
  }

  private EngineExecutionResults run(String runId, Path allure) {
    EngineTestKit.Builder builder =
        EngineTestKit.engine(new GauntletTestEngine())
            .selectors(selectDirectory(dir.toFile()))
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, runId);
    builder =
        allure == null
            ? builder.configurationParameter(
                GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME, "false")
            : builder.configurationParameter(
                GauntletTestEngine.ALLURE_RESULTS_DIR_PROPERTY_NAME, allure.toString());
    return builder.execute();
  }

  private JsonNode summary(String runId) throws IOException {
    return JSON.readTree(reports.resolve(runId).resolve("summary.json").toFile());
  }

  private static List<JsonNode> results(Path allure) throws IOException {
    List<JsonNode> results = new ArrayList<>();
    try (Stream<Path> files = Files.list(allure)) {
      for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
        results.add(JSON.readTree(file.toFile()));
      }
    }
    return results;
  }

  private static List<String> historyIds(Path allure) throws IOException {
    return results(allure).stream().map(r -> r.path("historyId").asText()).toList();
  }

  private static JsonNode named(List<JsonNode> results, String name) {
    return results.stream()
        .filter(r -> r.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No result named '" + name + "' in " + results));
  }

  private static List<String> labels(JsonNode result, String name) {
    List<String> values = new ArrayList<>();
    for (JsonNode label : result.path("labels")) {
      if (label.path("name").asText().equals(name)) {
        values.add(label.path("value").asText());
      }
    }
    return values;
  }

  private static String attachment(Path allure, JsonNode result, String name) {
    for (JsonNode attachment : result.path("attachments")) {
      if (attachment.path("name").asText().equals(name)) {
        try {
          return Files.readString(allure.resolve(attachment.path("source").asText()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new AssertionError("No attachment '" + name + "' in " + result.path("attachments"));
  }

  private static TestDescriptor fileNamed(EngineDiscoveryResults results, String name) {
    return results.getEngineDescriptor().getChildren().stream()
        .filter(file -> file.getDisplayName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static <T> T only(Iterable<T> items) {
    List<T> all = new ArrayList<>();
    items.forEach(all::add);
    assertThat(all).hasSize(1);
    return all.get(0);
  }
}
