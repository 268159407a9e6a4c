package dev.gauntlet.engine;

import static dev.gauntlet.engine.ScenarioFilesOnDisk.SUITE_PACKAGE;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.passing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class ScenarioDiscoveryTests {

  private static final String SUITE_RESOURCES = "dev/gauntlet/engine/suite/";

  @TempDir Path dir;

  @Nested
  class Selectors {

    @Test
    void aDirectorySelectsEveryScenarioFileBelowItButNotPoliciesFixturesCassettesOrHiddenFolders() {
      write(dir.resolve("a.yaml"), passing("a"));
      write(dir.resolve("nested/deeper/b.yml"), passing("b"));
      write(dir.resolve("policies/p.yaml"), passing("in-policies"));
      write(dir.resolve("nested/fixtures/f.yaml"), passing("in-fixtures"));
      write(dir.resolve("cassettes/c.yaml"), passing("in-cassettes"));
      write(dir.resolve(".hidden/h.yaml"), passing("in-hidden"));
      write(dir.resolve(".hidden.yaml"), passing("hidden-file"));
      write(dir.resolve("notes.txt"), "not yaml");

      EngineDiscoveryResults results = discover(selectDirectory(dir.toFile()));

      assertThat(scenarioIds(results)).containsExactly("a", "b");
      assertThat(results.getDiscoveryIssues()).isEmpty();
    }

    @Test
    void aSelectedFolderIsWalkedEvenWhenItsOwnNameWouldBeSkipped() {
      write(dir.resolve("fixtures/a.yaml"), passing("a"));

      EngineDiscoveryResults results = discover(selectDirectory(dir.resolve("fixtures").toFile()));

      assertThat(scenarioIds(results)).containsExactly("a");
    }

    @Test
    void aFileSelectsEveryScenarioInIt() {
      Path file = write(dir.resolve("two.yaml"), passing("first") + "---\n" + passing("second"));

      EngineDiscoveryResults results = discover(selectFile(file.toFile()));

      assertThat(scenarioIds(results)).containsExactly("first", "second");
      TestDescriptor container = only(results.getEngineDescriptor().getChildren());
      assertThat(container.isContainer()).isTrue();
      assertThat(container.getDisplayName()).isEqualTo("two.yaml");
      assertThat(container.getSource()).contains(FileSource.from(file.toFile()));
    }

    @Test
    void aFileWithAPositionSelectsTheScenarioThatEnclosesThatLine() {
      String first = passing("first");
      Path file = write(dir.resolve("two.yaml"), first + "---\n" + passing("second"));
      int lineInSecond = (int) first.lines().count() + 4;

      EngineDiscoveryResults results =
          discover(selectFile(file.toFile(), FilePosition.from(lineInSecond)));

      assertThat(scenarioIds(results)).containsExactly("second");
    }

    @Test
    void aFileSelectedByNameIsFoundEvenInAFolderTheWalkSkips() {
      Path file = write(dir.resolve("fixtures/a.yaml"), passing("a"));

      EngineDiscoveryResults results = discover(selectFile(file.toFile()));

      assertThat(scenarioIds(results)).containsExactly("a");
    }

    @Test
    void aFileThatIsNotYamlIsLeftToOtherEngines() {
      Path file = write(dir.resolve("readme.md"), "# not a scenario");

      EngineDiscoveryResults results = discover(selectFile(file.toFile()));

      assertThat(results.getEngineDescriptor().getChildren()).isEmpty();
    }

    @Test
    void aClasspathRootSelectsEveryScenarioResourceInIt() {
      write(dir.resolve("com/example/a.yaml"), passing("a"));
      write(dir.resolve("com/example/fixtures/f.yaml"), passing("in-fixtures"));

      EngineDiscoveryResults results = discover(selectClasspathRoots(Set.of(dir)).get(0));

      assertThat(scenarioIds(results)).containsExactly("a");
      TestDescriptor container = only(results.getEngineDescriptor().getChildren());
      assertThat(container.getUniqueId().getLastSegment().getValue())
          .isEqualTo("com/example/a.yaml");
    }

    @Test
    void aPackageSelectsTheScenarioResourcesInItsFolder() {
      EngineDiscoveryResults results = discover(selectPackage(SUITE_PACKAGE));

      assertThat(scenarioIds(results)).containsExactly("greet", "greet-twice", "notes");
      assertThat(results.getDiscoveryIssues()).isEmpty();
    }

    @Test
    void aClasspathResourceSelectsTheScenariosOfThatResource() {
      EngineDiscoveryResults results =
          discover(selectClasspathResource(SUITE_RESOURCES + "greetings.yaml"));

      assertThat(scenarioIds(results)).containsExactly("greet", "greet-twice");
    }

    @Test
    void aUniqueIdOfAFileSelectsEveryScenarioInIt() {
      Path file = write(dir.resolve("two.yaml"), passing("first") + "---\n" + passing("second"));
      UniqueId fileId =
          UniqueId.forEngine("gauntlet").append("file", file.toAbsolutePath().toString());

      EngineDiscoveryResults results = discover(selectUniqueId(fileId));

      assertThat(scenarioIds(results)).containsExactly("first", "second");
    }

    @Test
    void aUniqueIdOfAScenarioSelectsThatScenarioOnly() {
      Path file = write(dir.resolve("two.yaml"), passing("first") + "---\n" + passing("second"));
      UniqueId scenarioId =
          UniqueId.forEngine("gauntlet").append("file", idPath(file)).append("scenario", "second");

      EngineDiscoveryResults results = discover(selectUniqueId(scenarioId));

      assertThat(scenarioIds(results)).containsExactly("second");
      assertThat(onlyScenario(results).getUniqueId()).isEqualTo(scenarioId);
    }

    @Test
    void aUniqueIdOfAClasspathResourceScenarioSelectsThatScenarioOnly() {
      UniqueId scenarioId =
          UniqueId.forEngine("gauntlet")
              .append("resource", SUITE_RESOURCES + "greetings.yaml")
              .append("scenario", "greet-twice");

      EngineDiscoveryResults results = discover(selectUniqueId(scenarioId));

      assertThat(scenarioIds(results)).containsExactly("greet-twice");
    }

    @Test
    void aUniqueIdOfAScenarioTheFileNoLongerHoldsSelectsNothing() {
      Path file = write(dir.resolve("one.yaml"), passing("renamed"));
      UniqueId scenarioId =
          UniqueId.forEngine("gauntlet")
              .append("file", file.toAbsolutePath().toString())
              .append("scenario", "original");

      EngineDiscoveryResults results = discover(selectUniqueId(scenarioId));

      assertThat(scenarioIds(results)).isEmpty();
    }
  }

  @Nested
  class Descriptors {

    @Test
    void uniqueIdsOfAFileOutsideTheWorkingFolderAreMadeOfItsAbsolutePathAndTheScenarioId() {
      Path file = write(dir.resolve("one.yaml"), passing("alpha"));

      TestDescriptor scenario = onlyScenario(discover(selectFile(file.toFile())));

      assertThat(scenario.getUniqueId())
          .isEqualTo(
              UniqueId.forEngine("gauntlet")
                  .append("file", idPath(file))
                  .append("scenario", "alpha"));
    }

    @Test
    void aScenarioIsATestNamedByItsNameAndReportedByItsId() {
      Path file = write(dir.resolve("one.yaml"), passing("alpha"));

      TestDescriptor scenario = onlyScenario(discover(selectFile(file.toFile())));

      assertThat(scenario.isTest()).isTrue();
      assertThat(scenario.getDisplayName()).isEqualTo("Scenario alpha writes a file");
      assertThat(scenario.getLegacyReportingName()).isEqualTo("alpha");
    }

    @Test
    void aScenarioSourceIsTheFileWithTheLineAndColumnWhereTheScenarioStarts() {
      Path file = write(dir.resolve("two.yaml"), "# a comment\n" + passing("first"));

      TestDescriptor scenario = onlyScenario(discover(selectFile(file.toFile())));

      assertThat(scenario.getSource())
          .contains(
              FileSource.from(
                  file.toFile(),
                  org.junit.platform.engine.support.descriptor.FilePosition.from(2, 1)));
    }

    @Test
    void aScenarioFromTheClasspathHasAClasspathResourceSourceWithItsPosition() {
      TestDescriptor scenario =
          scenarios(discover(selectClasspathResource(SUITE_RESOURCES + "greetings.yaml"))).get(1);

      assertThat(scenario.getSource())
          .contains(
              ClasspathResourceSource.from(
                  SUITE_RESOURCES + "greetings.yaml",
                  org.junit.platform.engine.support.descriptor.FilePosition.from(15, 1)));
    }

    @Test
    void scenarioTagsBecomeTestTags() {
      TestDescriptor greet =
          scenarios(discover(selectClasspathResource(SUITE_RESOURCES + "greetings.yaml"))).get(0);

      assertThat(greet.getTags())
          .containsExactlyInAnyOrder(TestTag.create("smoke"), TestTag.create("greetings"));
    }

    @Test
    void filesAreOrderedByPathAndScenariosByLineWhateverOrderTheyWereSelectedIn() {
      Path b = write(dir.resolve("b.yaml"), passing("b1") + "---\n" + passing("b2"));
      Path a = write(dir.resolve("a.yaml"), passing("a1"));

      EngineDiscoveryResults results =
          discover(
              selectUniqueId(scenarioId(b, "b2")), selectFile(b.toFile()), selectFile(a.toFile()));

      assertThat(scenarioIds(results)).containsExactly("a1", "b1", "b2");
    }
  }

  @Nested
  class Problems {

    @Test
    void aBrokenFileBecomesADiscoveryIssueThatPointsIntoTheFileWhileOtherFilesAreStillFound() {
      write(dir.resolve("good.yaml"), passing("good"));
      Path broken = write(dir.resolve("broken.yaml"), passing("broken").replace("tags:", "tagz:"));

      EngineDiscoveryResults results = discover(selectDirectory(dir.toFile()));

      assertThat(scenarioIds(results)).containsExactly("good");
      DiscoveryIssue issue = only(results.getDiscoveryIssues());
      assertThat(issue.severity()).isEqualTo(Severity.WARNING);
      assertThat(issue.message()).startsWith(broken + ":3:1 tagz: ").contains("'tags'");
      assertThat(issue.source())
          .contains(
              FileSource.from(
                  broken.toFile(),
                  org.junit.platform.engine.support.descriptor.FilePosition.from(3, 1)));
    }

    @Test
    void aBrokenFileIsATestSoThatTheRunFails() {
      Path broken = write(dir.resolve("broken.yaml"), "id: [unclosed\n");

      EngineDiscoveryResults results = discover(selectFile(broken.toFile()));

      TestDescriptor descriptor = only(results.getEngineDescriptor().getChildren());
      assertThat(descriptor.isTest()).isTrue();
      assertThat(descriptor.getUniqueId().getLastSegment().getType()).isEqualTo("file");
      assertThat(results.getDiscoveryIssues()).isNotEmpty();
    }

    @Test
    void aScenarioIdUsedInTwoFilesIsADiscoveryIssueAtTheLaterIdValue() {
      Path first = write(dir.resolve("a.yaml"), passing("same"));
      Path second = write(dir.resolve("b.yaml"), "# moved down\n" + passing("same"));

      EngineDiscoveryResults results = discover(selectDirectory(dir.toFile()));

      DiscoveryIssue issue = only(results.getDiscoveryIssues());
      assertThat(issue.message())
          .startsWith(second + ":2:5 id: duplicate id 'same', already used at " + first + ":1:5");
      assertThat(scenarioIds(results)).containsExactly("same");
    }

    @Test
    void anIdUsedTwiceInOneFileIsADiscoveryIssueAtTheLaterOneWhileTheRestOfTheFileIsFound() {
      Path file =
          write(
              dir.resolve("twins.yaml"),
              passing("twin") + "---\n" + passing("other") + "---\n" + passing("twin"));

      EngineDiscoveryResults results = discover(selectFile(file.toFile()));

      assertThat(scenarioIds(results)).containsExactly("twin", "other");
      DiscoveryIssue issue = only(results.getDiscoveryIssues());
      assertThat(issue.message())
          .isEqualTo(
              file
                  + ":27:5 id: duplicate id 'twin', already used at "
                  + file
                  + ":1:5; ids must be unique across a run, so this scenario does not run");
      assertThat(issue.source())
          .contains(
              FileSource.from(
                  file.toFile(),
                  org.junit.platform.engine.support.descriptor.FilePosition.from(27, 5)));
    }

    @Test
    void anIdUsedTwiceInOneFileIsATestAtTheLaterOneSoThatTheRunFails() {
      Path file = write(dir.resolve("twins.yaml"), passing("twin") + "---\n" + passing("twin"));

      EngineDiscoveryResults results = discover(selectFile(file.toFile()));

      TestDescriptor twins = only(results.getEngineDescriptor().getChildren());
      assertThat(twins.getChildren())
          .extracting(child -> child.getUniqueId().getLastSegment())
          .extracting(segment -> segment.getType() + ":" + segment.getValue())
          .containsExactly("scenario:twin", "problem:14:5");
      TestDescriptor duplicate = List.copyOf(twins.getChildren()).get(1);
      assertThat(duplicate.isTest()).isTrue();
      assertThat(duplicate.getSource())
          .contains(
              FileSource.from(
                  file.toFile(),
                  org.junit.platform.engine.support.descriptor.FilePosition.from(14, 5)));
    }

    @Test
    void eachFileIsLoadedOnceHoweverManySelectorsReachIt() {
      Path broken = write(dir.resolve("broken.yaml"), "id: [unclosed\n");

      EngineDiscoveryResults results =
          discover(
              selectDirectory(dir.toFile()),
              selectFile(broken.toFile()),
              selectUniqueId(
                  UniqueId.forEngine("gauntlet")
                      .append("file", broken.toAbsolutePath().toString())));

      assertThat(results.getDiscoveryIssues()).hasSize(1);
    }
  }

  static EngineDiscoveryResults discover(DiscoverySelector... selectors) {
    return EngineTestKit.engine(new GauntletTestEngine()).selectors(selectors).discover();
  }

  static List<TestDescriptor> scenarios(EngineDiscoveryResults results) {
    return results.getEngineDescriptor().getDescendants().stream()
        .filter(descriptor -> descriptor instanceof ScenarioDescriptor)
        .map(TestDescriptor.class::cast)
        .collect(Collectors.toList());
  }

  static List<String> scenarioIds(EngineDiscoveryResults results) {
    return scenarios(results).stream()
        .map(descriptor -> descriptor.getUniqueId().getLastSegment().getValue())
        .collect(Collectors.toList());
  }

  static TestDescriptor onlyScenario(EngineDiscoveryResults results) {
    return only(scenarios(results));
  }

  static UniqueId scenarioId(Path file, String id) {
    return UniqueId.forEngine("gauntlet").append("file", idPath(file)).append("scenario", id);
  }

  /** A file's path in unique ids: absolute for a file outside the working folder, with '/'. */
  static String idPath(Path file) {
    return file.toAbsolutePath().normalize().toString().replace(File.separatorChar, '/');
  }

  static <T> T only(java.util.Collection<? extends T> items) {
    assertThat(items).hasSize(1);
    return items.iterator().next();
  }
}
