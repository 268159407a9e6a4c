package dev.gauntlet.bench;

import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time one full scripted step: a 100-step scenario (50 writes and 50 reads) run through the {@link
 * ScenarioRunner} end to end, divided by its 100 steps. Each step pays its four stages and its trace
 * line; the scenario's fixed costs (workspace, expectations) are spread over the steps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScriptedStepBenchmark {

  static final int STEPS = 100;

  private static final String SCENARIO =
      "id: bench-steps\n"
          + "budget: { steps: 200 }\n"
          + "agent:\n"
          + "  scripted:\n"
          + "    - repeat: 50\n"
          + "      as: n\n"
          + "      do:\n"
          + "        - write: { path: \"notes/page-${n}.md\", content: \"page ${n}\" }\n"
          + "        - read: \"notes/page-${n}.md\"\n"
          + "expect:\n"
          + "  outcome: success\n";

  @SuppressWarnings("NullAway.Init")
  private Path folder;

  @SuppressWarnings("NullAway.Init")
  private ScenarioRunner runner;

  @SuppressWarnings("NullAway.Init")
  private Scenario scenario;

  @Setup(Level.Trial)
  public void load() throws IOException {
    folder = Files.createTempDirectory("gauntlet-bench-steps");
    Path file = Files.writeString(folder.resolve("bench-steps.yaml"), SCENARIO);
    scenario = new ScenarioLoader().load(file).get(0);
    runner = new ScenarioRunner(new RunSettings(folder.resolve("reports"), "bench", false));
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    Benchmarks.deleteTree(folder);
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public ScenarioResult step() {
    ScenarioResult result = runner.run(scenario);
    if (!result.passed() || result.steps() < STEPS) {
      throw new IllegalStateException("The scenario did not pass: " + result.failures());
    }
    return result;
  }
}
