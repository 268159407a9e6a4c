package dev.gauntlet.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run scenarios as repeated trials, each reproducible from the run's seed. */
class TrialsTests {

  private static final String POLLING =
      """
      id: polling
      repeat: 3
      workspace:
        files:
          job.sh: |
            mkdir -p .job
            n=$(( $(cat .job/ticks 2>/dev/null || echo 0) + 1 ))
            echo "$n" > .job/ticks
            echo "tick $n"
      agent:
        scripted:
          - repeat: 3
            do:
              - shell: sh job.sh
              - wait: 45s
      """;

  @TempDir Path folder;

  @Test
  void theSameSeedWritesTheSameTraceApartFromRealTimeMeasurements() throws IOException {
    Scenario scenario = load(POLLING);

    ScenarioResult first = runner("first", 42).run(scenario, 2);
    ScenarioResult second = runner("second", 42).run(scenario, 2);

    assertThat(first.seed()).isEqualTo(second.seed());
    assertThat(withoutRealTime(first.trace())).isEqualTo(withoutRealTime(second.trace()));
    assertThat(DetectionScenariosTests.traceLines(first.trace()).get(0).get("seed").asLong())
        .isEqualTo(first.seed());
  }

  @Test
  void eachTrialHasItsOwnDerivedSeedAndTraceFolder() {
    Scenario scenario = load(POLLING);

    Trials trials = runner("trials", 7).runTrials(scenario);

    assertThat(trials.results()).extracting(ScenarioResult::trial).containsExactly(1, 2, 3);
    assertThat(trials.results()).extracting(ScenarioResult::seed).doesNotHaveDuplicates();
    assertThat(trials.results().get(2).trace())
        .isEqualTo(folder.resolve("trials/polling/trial-3/trace.jsonl"))
        .exists();
    assertThat(trials.passRate().trials()).isEqualTo(3);
    assertThat(trials.passRate().passed()).isEqualTo(3);
    assertThat(trials.results().get(0).simulatedTime()).hasSeconds(135);
  }

  @Test
  void aTrialOutsideTheRepeatCountIsRefused() {
    Scenario scenario = load(POLLING);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner("x", 1).run(scenario, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Scenario 'polling' has trials 1 to 3, not 4");
  }

  private ScenarioRunner runner(String runId, long seed) {
    return new ScenarioRunner(new RunSettings(folder, runId, false).withSeed(seed));
  }

  private Scenario load(String yaml) {
    try {
      Path file = folder.resolve("polling.yaml");
      Files.writeString(file, yaml);
      return new ScenarioLoader().load(file).get(0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Drop what measures real time: stage nanos, the real start of a step, a command's duration. */
  private static List<String> withoutRealTime(Path trace) throws IOException {
    return DetectionScenariosTests.traceLines(trace).stream()
        .map(
            line -> {
              ObjectNode copy = (ObjectNode) line.deepCopy();
              copy.remove("nanos");
              copy.remove("atMillis");
              JsonNode data = copy.at("/result/data");
              if (data instanceof ObjectNode object) {
                object.remove("durationMillis");
              }
              return copy.toString();
            })
        .toList();
  }
}
