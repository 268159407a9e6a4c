package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load the detector settings, trials and finding expectations, and point into the file on errors.
 */
class DetectLoadingTests {

  @TempDir Path folder;

  @Test
  void everyKeyIsReadIntoTheModel() throws IOException {
    Scenario scenario =
        load(
            """
            id: full
            repeat: 8
            detect:
              identicalAction: 6
              identicalFailingAction: 2
              cycle: { period: 3, repeats: 4 }
              stall: 5
              deadlines: { act: 5s, reason: 10s }
            agent: { scripted: [ { list: . } ] }
            expect:
              loops:
                - identical_action
                - { kind: identical_failing_action, steps: [3, 9] }
              stalls: [ { steps: [4, 8] } ]
              deadlines: [ { stage: act, step: 2 } ]
            """);

    assertThat(scenario.trials()).isEqualTo(8);
    assertThat(scenario.detect())
        .isEqualTo(
            new DetectSpec(
                6,
                2,
                3,
                4,
                5,
                new StageDeadlines(null, Duration.ofSeconds(10), Duration.ofSeconds(5), null)));
    assertThat(scenario.expect().findings())
        .extracting(FindingExpectation::describe)
        .containsExactly(
            "identical_action",
            "identical_failing_action at steps 3..9",
            "stall at steps 4..8",
            "deadline of the act stage at step 2");
  }

  @Test
  void aScenarioWithoutTheKeysRunsOnceWithTheDefaultsAndExpectsNoFinding() throws IOException {
    Scenario scenario = load("id: plain\nagent: { scripted: [ { list: . } ] }\n");

    assertThat(scenario.trials()).isEqualTo(1);
    assertThat(scenario.detect()).isEqualTo(DetectSpec.DEFAULT);
    assertThat(scenario.expect().findings()).isEmpty();
  }

  @Test
  void mistakesAreProblemsWithTheirPlaceAndTheNearestValidChoice() throws IOException {
    Path file =
        write(
            """
            id: wrong
            detect:
              identicalActoin: 4
              deadlines: { act: soon }
            agent: { scripted: [ { list: . } ] }
            expect:
              loops: [ { kind: cylce }, stall ]
              stalls: [ { steps: [9, 3] } ]
            """);

    assertThatThrownBy(() -> new ScenarioLoader().load(file))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::toString)
                    .containsExactly(
                        file
                            + ":3:3 detect.identicalActoin: unknown key 'identicalActoin'; did you mean 'identicalAction'?",
                        file
                            + ":4:21 detect.deadlines.act: 'soon' is not a duration: write whole numbers of ms, s, m or h, such as 1500ms or 1m30s",
                        file
                            + ":7:20 expect.loops[0].kind: unknown kind of loop 'cylce'; did you mean 'cycle'?",
                        file
                            + ":7:29 expect.loops[1]: unknown kind of loop 'stall'; a stall is expected under 'stalls', not 'loops'",
                        file
                            + ":8:22 expect.stalls[0].steps: the first step 9 comes after the last 3; write [3, 9]"));
  }

  private Scenario load(String yaml) throws IOException {
    List<Scenario> scenarios = new ScenarioLoader().load(write(yaml));
    return scenarios.get(0);
  }

  private Path write(String yaml) throws IOException {
    Path file = folder.resolve("scenario.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
