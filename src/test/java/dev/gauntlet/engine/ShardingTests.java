package dev.gauntlet.engine;

import static dev.gauntlet.engine.ScenarioFilesOnDisk.passing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;

class ShardingTests {

  private static final List<String> IDS =
      IntStream.rangeClosed(1, 40).mapToObj(i -> "scenario-" + i).collect(Collectors.toList());

  @TempDir Path dir;
  @TempDir Path other;

  @Test
  void threeShardsTogetherHoldEveryScenarioExactlyOnce() {
    writeSuite(dir, 4);

    List<String> all = new ArrayList<>();
    for (int shard = 1; shard <= 3; shard++) {
      Set<String> ids = idsOf(discover(dir, shard + "/3"));
      assertThat(ids).as("shard %d/3", shard).isNotEmpty().hasSizeLessThan(IDS.size());
      all.addAll(ids);
    }

    assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(IDS);
  }

  @Test
  void aScenarioStaysInItsShardWhateverFileHoldsIt() {
    writeSuite(dir, 4);
    writeSuite(other, 7);

    for (int shard = 1; shard <= 3; shard++) {
      assertThat(idsOf(discover(other, shard + "/3")))
          .isEqualTo(idsOf(discover(dir, shard + "/3")));
    }
  }

  @Test
  void filesWithoutAScenarioOfTheShardAreLeftOut() {
    writeSuite(dir, 40);

    TestDescriptor engine = discover(dir, "2/3");

    assertThat(engine.getChildren()).hasSize(idsOf(engine).size());
  }

  @Test
  void anIdUsedTwiceInOneFileFailsInExactlyOneShard() {
    write(dir.resolve("twins.yaml"), passing("twin") + "---\n" + passing("twin"));

    long shardsWithTheProblem =
        IntStream.rangeClosed(1, 3)
            .mapToObj(shard -> discover(dir, shard + "/3"))
            .filter(
                engine ->
                    engine.getDescendants().stream().anyMatch(ProblemDescriptor.class::isInstance))
            .count();

    assertThat(shardsWithTheProblem).isEqualTo(1);
  }

  @Test
  void theProblemsOfABrokenFileAreReportedByExactlyOneShard() {
    writeSuite(dir, 4);
    write(dir.resolve("broken.yaml"), passing("broken").replace("agent:", "agnet:"));

    List<Integer> shardsReporting = new ArrayList<>();
    for (int shard = 1; shard <= 5; shard++) {
      List<DiscoveryIssue> issues =
          EngineTestKit.engine(new GauntletTestEngine())
              .selectors(selectDirectory(dir.toFile()))
              .configurationParameter(GauntletTestEngine.SHARD_PROPERTY_NAME, shard + "/5")
              .discover()
              .getDiscoveryIssues();
      if (issues.stream().anyMatch(issue -> issue.message().contains("agnet"))) {
        shardsReporting.add(shard);
      }
    }

    assertThat(shardsReporting).hasSize(1);
  }

  @Test
  void anIdUsedTwiceIsReportedAsAnIssueByTheShardThatFailsIt() {
    write(dir.resolve("twins.yaml"), passing("twin") + "---\n" + passing("twin"));

    long shardsReporting =
        IntStream.rangeClosed(1, 3)
            .mapToObj(
                shard ->
                    EngineTestKit.engine(new GauntletTestEngine())
                        .selectors(selectDirectory(dir.toFile()))
                        .configurationParameter(
                            GauntletTestEngine.SHARD_PROPERTY_NAME, shard + "/3")
                        .discover()
                        .getDiscoveryIssues())
            .filter(issues -> issues.stream().anyMatch(i -> i.message().contains("duplicate id")))
            .count();

    assertThat(shardsReporting).isEqualTo(1);
  }

  @Test
  void oneShardOfOneIsTheWholeSuite() {
    writeSuite(dir, 4);

    assertThat(idsOf(discover(dir, "1/1"))).containsExactlyInAnyOrderElementsOf(IDS);
  }

  @Test
  void aShardOutsideItsCountIsADiscoveryErrorThatNamesTheValueAndTheNearestShard() {
    writeSuite(dir, 4);

    List<DiscoveryIssue> issues =
        EngineTestKit.engine(new GauntletTestEngine())
            .selectors(selectDirectory(dir.toFile()))
            .configurationParameter(GauntletTestEngine.SHARD_PROPERTY_NAME, "4/3")
            .discover()
            .getDiscoveryIssues();

    assertThat(issues)
        .singleElement()
        .satisfies(issue -> assertThat(issue.severity()).isEqualTo(Severity.ERROR))
        .satisfies(
            issue ->
                assertThat(issue.message())
                    .isEqualTo(
                        "Configuration parameter 'gauntlet.shard' is '4/3', but must be i/n with"
                            + " 1 <= i <= n; did you mean '3/3'?"));
  }

  private static void writeSuite(Path folder, int files) {
    for (int file = 0; file < files; file++) {
      StringBuilder yaml = new StringBuilder();
      for (int i = file; i < IDS.size(); i += files) {
        yaml.append(yaml.length() == 0 ? "" : "---\n").append(passing(IDS.get(i)));
      }
      write(folder.resolve("f" + file + ".yaml"), yaml.toString());
    }
  }

  private static TestDescriptor discover(Path folder, String shard) {
    return EngineTestKit.engine(new GauntletTestEngine())
        .selectors(selectDirectory(folder.toFile()))
        .configurationParameter(GauntletTestEngine.SHARD_PROPERTY_NAME, shard)
        .discover()
        .getEngineDescriptor();
  }

  private static Set<String> idsOf(TestDescriptor engine) {
    return new TreeSet<>(ParallelExecutionTests.scenarios(engine).keySet());
  }
}
