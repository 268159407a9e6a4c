package dev.gauntlet.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.Toolbox;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.sandbox.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Time one file-write step through the harness, the {@code write} tool on a real workspace, against
 * the same write done directly with java.nio, in the same run. The content changes every time, so
 * that every write really changes the file.
 *
 * <ul>
 *   <li>{@code harnessAct}: the act stage alone: confine the path, capture the state before, write;
 *   <li>{@code harnessStep}: act and verify, as the loop runs them: verify compares the file with
 *       the state captured before;
 *   <li>{@code direct}: create the folder and write the bytes.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FileWriteStepBenchmark {

  private static final String FOLDER = "notes";
  private static final String NAME = "page.md";
  private static final String TEXT = "A page of notes, about as long as an agent writes at a time.\n";

  @SuppressWarnings("NullAway.Init")
  private Workspace workspace;

  @SuppressWarnings("NullAway.Init")
  private Tool write;

  @SuppressWarnings("NullAway.Init")
  private Path direct;

  private long counter;

  @Setup(Level.Trial)
  public void prepare() throws IOException {
    workspace = Workspace.create("bench-write");
    write = Toolbox.files().find("write").orElseThrow();
    direct = Files.createTempDirectory("gauntlet-bench-direct");
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    workspace.close();
    Benchmarks.deleteTree(direct);
  }

  @Benchmark
  public ToolResult harnessAct() {
    return write.execute(action(), workspace).result();
  }

  @Benchmark
  public void harnessStep(Blackhole blackhole) {
    Tool.Execution execution = write.execute(action(), workspace);
    ToolResult result = execution.result();
    Effect effect = execution.verify();
    blackhole.consume(result);
    blackhole.consume(effect);
  }

  @Benchmark
  public Path direct() throws IOException {
    Path folder = Files.createDirectories(direct.resolve(FOLDER));
    return Files.write(folder.resolve(NAME), content().getBytes(StandardCharsets.UTF_8));
  }

  private Action action() {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    arguments.put("path", FOLDER + "/" + NAME);
    arguments.put("content", content());
    return new Action("write", arguments);
  }

  private String content() {
    return TEXT + counter++;
  }
}
