package dev.gauntlet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.loop.Stage;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time the loop of a scenario of your own: {@code ./gauntlet bench --scenario my.yaml} (or JMH's
 * {@code -p scenario=my.yaml}, and {@code -p id=...} for one scenario of a file with several). The
 * primary score is one whole run of the scenario; the auxiliary counters {@code steps} and {@code
 * observeNanos}, {@code reasonNanos}, {@code actNanos}, {@code verifyNanos} add up the steps and each
 * stage's real time over an iteration, read from the run's trace, so that a stage's mean per step is
 * its counter divided by {@code steps} ({@code ./gauntlet bench} prints those means).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScenarioBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The scenario file, relative to the folder JMH runs in. */
  @Param("scenarios/workspace/docs-digest.yaml")
  public String scenario = "scenarios/workspace/docs-digest.yaml";

  /** The id of the scenario to run when the file holds several; empty for the first. */
  @Param("")
  public String id = "";

  @SuppressWarnings("NullAway.Init")
  private Path reports;

  @SuppressWarnings("NullAway.Init")
  private ScenarioRunner runner;

  @SuppressWarnings("NullAway.Init")
  private Scenario loaded;

  @Setup(Level.Trial)
  public void load() throws IOException {
    List<Scenario> scenarios = new ScenarioLoader().load(Path.of(scenario));
    loaded =
        scenarios.stream()
            .filter(candidate -> id.isEmpty() || candidate.id().equals(id))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("No scenario '" + id + "' in " + scenario));
    reports = Files.createTempDirectory("gauntlet-bench-scenario");
    runner = new ScenarioRunner(new RunSettings(reports, "bench", false));
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    Benchmarks.deleteTree(reports);
  }

  @Benchmark
  public ScenarioResult run(StageCounters counters) {
    ScenarioResult result = runner.run(loaded);
    counters.measured = result;
    return result;
  }

  /** Sums over an iteration, reported by JMH beside the primary score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class StageCounters {
    public long steps;
    public long observeNanos;
    public long reasonNanos;
    public long actNanos;
    public long verifyNanos;

    private @Nullable ScenarioResult measured;

    @Setup(Level.Iteration)
    public void reset() {
      steps = 0;
      observeNanos = 0;
      reasonNanos = 0;
      actNanos = 0;
      verifyNanos = 0;
    }

    /** Add the steps and stage times of the run just measured, outside the measured time. */
    @TearDown(Level.Invocation)
    public void count() throws IOException {
      ScenarioResult result = measured;
      measured = null;
      if (result == null || !Files.isRegularFile(result.trace())) {
        return;
      }
      try (BufferedReader reader =
          Files.newBufferedReader(result.trace(), StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          JsonNode nanos = JSON.readTree(line).path("nanos");
          steps++;
          observeNanos += nanos.path(Stage.OBSERVE.key()).asLong();
          reasonNanos += nanos.path(Stage.REASON.key()).asLong();
          actNanos += nanos.path(Stage.ACT.key()).asLong();
          verifyNanos += nanos.path(Stage.VERIFY.key()).asLong();
        }
      }
    }
  }
}
