package dev.gauntlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.loop.RunResult;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.Trials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Delete, after each test, the workspaces its runs kept. A failed scenario keeps its workspace on
 * purpose, for a person to look into, so a test that fails scenarios on purpose removes them
 * itself. Register one as a field with {@code @RegisterExtension}, then pass each result through
 * {@link #of}; for runs through the engine or the command line, which write {@code summary.json},
 * name their reports folder with {@link #listedUnder}.
 *
 * <p>Only a folder named {@code gauntlet-*} directly in {@code java.io.tmpdir} is deleted; any
 * other path fails the test instead, so a wrong path can never cost someone's files.
 */
public final class KeptWorkspaces implements AfterEachCallback {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Path> workspaces = new ArrayList<>();
  private final @Nullable Supplier<Path> reports;

  /** Delete the kept workspaces of the results passed through {@link #of}. */
  public KeptWorkspaces() {
    this(null);
  }

  private KeptWorkspaces(@Nullable Supplier<Path> reports) {
    this.reports = reports;
  }

  /**
   * Delete the workspaces that every {@code summary.json} under the reports folder lists, too. The
   * folder is asked for after the test, so a {@code @TempDir} field can be named here.
   */
  public static KeptWorkspaces listedUnder(Supplier<Path> reports) {
    return new KeptWorkspaces(reports);
  }

  /** Remember the result's workspace when it was kept; return the result. */
  public ScenarioResult of(ScenarioResult result) {
    if (result.workspaceKept()) {
      synchronized (workspaces) {
        workspaces.add(result.workspace());
      }
    }
    return result;
  }

  /** Remember the workspace of every trial that kept one; return the trials. */
  public Trials of(Trials trials) {
    trials.results().forEach(this::of);
    return trials;
  }

  /** Remember the workspace of every trial of the run that kept one; return the run. */
  public RunResult of(RunResult run) {
    run.results().forEach(this::of);
    return run;
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    List<Path> doomed;
    synchronized (workspaces) {
      doomed = new ArrayList<>(workspaces);
      workspaces.clear();
    }
    if (reports != null) {
      doomed.addAll(listedInSummaries(reports.get()));
    }
    for (Path workspace : doomed) {
      deleteWorkspace(workspace);
    }
  }

  private static List<Path> listedInSummaries(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> summaries;
    try (Stream<Path> files = Files.walk(folder)) {
      summaries =
          files.filter(file -> file.getFileName().toString().equals("summary.json")).toList();
    }
    List<Path> listed = new ArrayList<>();
    for (Path summary : summaries) {
      for (JsonNode result : JSON.readTree(summary.toFile()).path("results")) {
        JsonNode workspace = result.path("workspace");
        if (workspace.isTextual()) {
          listed.add(Path.of(workspace.asText()));
        }
      }
    }
    return listed;
  }

  private static void deleteWorkspace(Path workspace) throws IOException {
    if (!Files.exists(workspace)) {
      return;
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
    Path real = workspace.toRealPath();
    if (!tmp.equals(real.getParent()) || !real.getFileName().toString().startsWith("gauntlet-")) {
      throw new IllegalStateException(
          "Refusing to delete "
              + workspace
              + ": a kept workspace is a gauntlet-* folder in "
              + tmp);
    }
    try (Stream<Path> tree = Files.walk(real)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
