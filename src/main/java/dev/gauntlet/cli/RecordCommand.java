package dev.gauntlet.cli;

import dev.gauntlet.agent.cassette.RecordMode;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.LoadResult;
import dev.gauntlet.scenario.ModelAgentSpec;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Run a model-backed scenario against its real endpoint and save the exchanges as the cassette its
 * {@code agent.model.cassette.file} names, beside the scenario, so that later runs replay it with
 * no network. The mode overrides the scenario's own for this run.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Run model-backed scenarios against the real endpoint and save each one's cassette.",
      "The API key is read from the variable agent.model.key names; it is never written.",
      "Exits 0 when every cassette was written, or kept because --mode once found one already;",
      "1 when any was not (the endpoint or the key failed; an old cassette is then left as it was);",
      "2 for a usage error."
    })
final class RecordCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init")
  @Spec
  private CommandSpec spec;

  @SuppressWarnings("NullAway.Init")
  @Parameters(paramLabel = "SCENARIO", arity = "1", description = "The scenario file to record.")
  private Path file;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "all (default): record again, replacing the cassette; once: record only when there is"
              + " none; none: replay only.")
  private String mode = RecordMode.ALL.key();

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description = "Where the run's trace goes (default: reports).")
  private Path reports = Path.of("reports");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RecordMode recordMode = RecordMode.byKey(mode);
    if (recordMode == null) {
      err.println("--mode is '" + mode + "'; the record modes are none, once and all.");
      return 2;
    }
    if (!Files.isRegularFile(file)) {
      err.println("No scenario file at " + file + ".");
      return 2;
    }
    // Set before loading: a cassette about to be recorded need not exist yet.
    String previous = System.getProperty(RecordMode.PROPERTY);
    System.setProperty(RecordMode.PROPERTY, recordMode.key());
    try {
      return record(recordMode, out, err);
    } finally {
      if (previous == null) {
        System.clearProperty(RecordMode.PROPERTY);
      } else {
        System.setProperty(RecordMode.PROPERTY, previous);
      }
    }
  }

  private int record(RecordMode recordMode, PrintWriter out, PrintWriter err) {
    LoadResult loaded = new ScenarioLoader().loadAll(List.of(file));
    for (Problem problem : loaded.problems()) {
      err.println(problem);
    }
    if (loaded.hasProblems()) {
      return 1;
    }
    List<Scenario> models =
        loaded.scenarios().stream()
            .filter(
                scenario ->
                    scenario.agent() instanceof ModelAgentSpec model && model.cassette() != null)
            .toList();
    if (models.isEmpty()) {
      err.println(
          file
              + " has no model agent with a cassette; add"
              + " 'cassette: { file: cassettes/<id>.json }' to agent.model.");
      return 1;
    }
    boolean recorded = true;
    try (ScenarioRunner runner = new ScenarioRunner(RunSettings.of(reports, false))) {
      for (Scenario scenario : models) {
        recorded &= record(runner, scenario, recordMode, out, err);
      }
    }
    return recorded ? 0 : 1;
  }

  private static boolean record(
      ScenarioRunner runner,
      Scenario scenario,
      RecordMode recordMode,
      PrintWriter out,
      PrintWriter err) {
    ModelAgentSpec.Cassette cassette = ((ModelAgentSpec) scenario.agent()).cassette();
    Path target = cassette == null ? Path.of("") : cassette.file();
    FileTime before = modified(target);
    if (!recordMode.records(before != null)) {
      out.println(
          scenario.id()
              + ": kept the cassette at "
              + target
              + "; --mode "
              + recordMode.key()
              + (recordMode == RecordMode.NONE
                  ? " only replays."
                  : " records only when there is none."));
      return true;
    }
    ScenarioResult result = runner.run(scenario);
    out.println(
        scenario.id()
            + ": "
            + result.outcome().key()
            + " after "
            + result.steps()
            + " steps; "
            + result.message());
    FileTime after = modified(target);
    // The file may be the one that was there before: only a new modification time is a recording.
    boolean written = after != null && !after.equals(before);
    if (!written) {
      err.println(
          scenario.id()
              + ": no cassette was written"
              + (before == null
                  ? " at " + target + "."
                  : "; the one at " + target + " is unchanged."));
      return false;
    }
    if (result.harnessFault()) {
      err.println(
          scenario.id()
              + ": the harness failed, so the cassette written at "
              + target
              + " may be incomplete; record again.");
      return false;
    }
    out.println(scenario.id() + ": cassette written at " + target);
    return true;
  }

  private static @Nullable FileTime modified(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
