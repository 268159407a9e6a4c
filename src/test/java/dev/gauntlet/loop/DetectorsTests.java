package dev.gauntlet.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Run each detector on real runs: scenarios written as YAML files and run through the loop. */
class DetectorsTests {

  @TempDir Path folder;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @Nested
  class IdenticalActions {

    @Test
    void fiveIdenticalSucceedingStepsInARowAreALoopThatGrowsWhileItLasts() throws IOException {
      ScenarioResult result =
          run(
              """
              workspace: { files: { a.md: "a" } }
              agent:
                scripted:
                  - write: { path: b.md, content: b }
                  - repeat: 7
                    do: [ { list: . } ]
              """);

      assertThat(result.loops())
          .extracting(Finding::kind, Finding::firstStep, Finding::lastStep)
          .containsExactly(tuple(FindingKind.IDENTICAL_ACTION, 2, 8));
    }

    @Test
    void failingStepsHaveTheirOwnLowerThreshold() throws IOException {
      ScenarioResult result =
          run(
              """
              detect: { identicalFailingAction: 4 }
              agent:
                scripted:
                  - repeat: 3
                    do: [ { read: nowhere.md } ]
                  - write: { path: x.md, content: x }
                  - repeat: 4
                    do: [ { read: nowhere.md } ]
              """);

      assertThat(result.loops())
          .extracting(Finding::kind, Finding::firstStep, Finding::lastStep)
          .containsExactly(tuple(FindingKind.IDENTICAL_FAILING_ACTION, 5, 8));
    }

    @Test
    void theSameActionWhoseObservationChangesIsNoLoop() throws IOException {
      ScenarioResult result =
          run(
              """
              agent:
                scripted:
                  - repeat: 8
                    do:
                      - append: { path: log.md, content: "x" }
                      - read: log.md
              """);

      assertThat(result.findings()).isEmpty();
    }

    @Test
    void argumentsInAnotherKeyOrderAreTheSameAction() throws IOException {
      ScenarioResult result =
          run(
              """
              agent:
                scripted:
                  - write: { path: a.md, content: a }
                  - write: { content: a, path: a.md }
                  - write: { path: a.md, content: a }
                  - write: { content: a, path: a.md }
                  - write: { path: a.md, content: a }
              """);

      assertThat(result.loops())
          .extracting(Finding::kind, Finding::firstStep, Finding::lastStep)
          .containsExactly(tuple(FindingKind.IDENTICAL_ACTION, 1, 5));
    }
  }

  @Nested
  class Cycles {

    @Test
    void threeRoundsOfAThreeStepCycleAreReportedWithTheirSteps() throws IOException {
      ScenarioResult result =
          run(
              """
              workspace: { files: { a.md: "a", b.md: "b", c.md: "c" } }
              detect: { stall: 50 }
              agent:
                scripted:
                  - list: .
                  - repeat: 3
                    do: [ { read: a.md }, { read: b.md }, { read: c.md } ]
              """);

      assertThat(result.loops())
          .singleElement()
          .satisfies(
              cycle -> {
                assertThat(cycle.kind()).isEqualTo(FindingKind.CYCLE);
                assertThat(cycle.firstStep()).isEqualTo(2);
                assertThat(cycle.lastStep()).isEqualTo(10);
                assertThat(cycle.evidence()).contains("a.md", "b.md", "c.md").contains("3 steps");
              });
    }

    @Test
    void twoRoundsAreBelowTheDefaultOfThree() throws IOException {
      ScenarioResult result =
          run(
              """
              workspace: { files: { a.md: "a", b.md: "b" } }
              detect: { stall: 50 }
              agent:
                scripted:
                  - repeat: 2
                    do: [ { read: a.md }, { read: b.md } ]
              """);

      assertThat(result.loops()).isEmpty();
    }
  }

  @Nested
  class Stalls {

    @Test
    void writesThatChangeNothingAreAStallFromTheFirstOneThatChangedNothing() throws IOException {
      ScenarioResult result =
          run(
              """
              detect: { identicalAction: 50 }
              agent:
                scripted:
                  - repeat: 5
                    do: [ { write: { path: a.md, content: same } } ]
              """);

      assertThat(result.findings())
          .extracting(Finding::kind, Finding::firstStep, Finding::lastStep)
          .containsExactly(tuple(FindingKind.STALL, 2, 5));
    }

    @Test
    void readingAgainWhatWasReadBeforeTheWorkspaceChangedIsAStall() throws IOException {
      ScenarioResult result =
          run(
              """
              workspace: { files: { a.md: "a", b.md: "b" } }
              detect: { cycle: { repeats: 9 } }
              agent:
                scripted:
                  - read: a.md
                  - read: b.md
                  - read: a.md
                  - read: b.md
                  - read: a.md
                  - read: b.md
                  - write: { path: a.md, content: "new" }
                  - read: a.md
                  - read: b.md
              """);

      assertThat(result.findings())
          .extracting(Finding::kind, Finding::firstStep, Finding::lastStep)
          .containsExactly(tuple(FindingKind.STALL, 3, 6));
    }
  }

  @Nested
  class Deadlines {

    @Test
    void aWaitPastTheActDeadlineIsCutAtTheDeadlineAndTheStepMarkedTimedOut() throws IOException {
      ScenarioResult result =
          run(
              """
              detect: { deadlines: { act: 5s } }
              agent:
                scripted:
                  - wait: 2s
                  - wait: 1m
                  - list: .
              """);

      assertThat(result.findings())
          .singleElement()
          .satisfies(
              deadline -> {
                assertThat(deadline.kind()).isEqualTo(FindingKind.DEADLINE);
                assertThat(deadline.stage()).isEqualTo(Stage.ACT);
                assertThat(deadline.firstStep()).isEqualTo(2);
                assertThat(deadline.evidence()).contains("past its deadline of 5s");
              });
      List<JsonNode> lines = DetectionScenariosTests.traceLines(result.trace());
      assertThat(lines.get(1).get("timedOut").asText()).isEqualTo("act");
      assertThat(lines.get(1).at("/result/reason").asText()).isEqualTo("deadline");
      assertThat(lines.get(2).get("simMillis").asDouble()).isEqualTo(7_000.0);
      assertThat(lines.get(0).has("timedOut")).isFalse();
    }
  }

  @Nested
  class Expectations {

    @Test
    void anUnexpectedFindingFailsTheScenarioWithItsEvidence() throws IOException {
      ScenarioResult result =
          run(
              """
              agent:
                scripted:
                  - repeat: 3
                    do: [ { read: nowhere.md } ]
              """);

      assertThat(result.failures())
          .singleElement()
          .asString()
          .contains("Expecting the run to report no loop")
          .contains("identical_failing_action at steps 1..3: read {\"path\":\"nowhere.md\"}");
    }

    @Test
    void anExpectedFindingThatDidNotHappenFailsNamingWhereItIsWritten() throws IOException {
      ScenarioResult result =
          run(
              """
              agent:
                scripted:
                  - list: .
              expect:
                loops: [ { kind: cycle, steps: [1, 6] } ]
              """);

      assertThat(result.failures())
          .singleElement()
          .asString()
          .contains("to report:\n  cycle at steps 1..6 (")
          .contains("scenario.yaml:")
          .endsWith("but no detector fired.");
    }
  }

  private ScenarioResult run(String body) throws IOException {
    Path file = folder.resolve("scenario.yaml");
    Files.writeString(file, "id: detect\n" + body);
    Scenario scenario = new ScenarioLoader().load(file).get(0);
    try (ScenarioRunner runner =
        new ScenarioRunner(new RunSettings(folder.resolve("reports"), "detect", false))) {
      return kept.of(runner.run(scenario));
    }
  }
}
