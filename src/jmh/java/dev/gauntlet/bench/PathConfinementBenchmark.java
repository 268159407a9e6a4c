package dev.gauntlet.bench;

import dev.gauntlet.sandbox.Resolution;
import dev.gauntlet.sandbox.Workspace;
import java.io.IOException;
import java.nio.file.Files;
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

/** Time the confinement of one agent path to a real workspace. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PathConfinementBenchmark {

  @SuppressWarnings("NullAway.Init")
  private Workspace workspace;

  @Setup(Level.Trial)
  public void createWorkspace() throws IOException {
    workspace = Workspace.create("bench-paths");
    Files.createDirectories(workspace.root().resolve("notes/daily"));
    Files.writeString(workspace.root().resolve("notes/daily/monday.md"), "monday");
  }

  @TearDown(Level.Trial)
  public void deleteWorkspace() throws IOException {
    workspace.close();
  }

  /** A file that exists, two folders down. */
  @Benchmark
  public Resolution existingFile() {
    return workspace.resolve("notes/daily/monday.md");
  }

  /** A file that does not exist yet, as a write names it. */
  @Benchmark
  public Resolution newFile() {
    return workspace.resolve("notes/weekly/week-12.md");
  }

  /** Parent traversal out of the workspace, refused. */
  @Benchmark
  public Resolution escapeRefused() {
    return workspace.resolve("notes/../../etc/passwd");
  }
}
