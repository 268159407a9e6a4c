package dev.gauntlet.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gauntlet.loop.Finding;
import dev.gauntlet.loop.Refusal;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.Skip;
import dev.gauntlet.loop.Stage;
import dev.gauntlet.loop.StageLatencies;
import dev.gauntlet.loop.Trials;
import dev.gauntlet.report.PassRate;
import dev.gauntlet.scenario.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apiguardian.api.API;

/**
 * Collect the results of a run's scenarios and write {@code reports/<run>/summary.json}: every
 * scenario's outcome, steps, paths and per-stage latency figures, the same figures for the whole
 * run, and every file or scenario refused before it could run. Thread-safe, so that scenarios may
 * finish in any order.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RunSummary {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final RunSettings settings;
  private final List<ScenarioResult> results = new ArrayList<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private final List<Skip> skips = new ArrayList<>();
  private final StageLatencies latencies = new StageLatencies();
  private final Instant started = Instant.now();

  public RunSummary(RunSettings settings) {
    this.settings = settings;
  }

  /** Add one scenario's result. */
  public synchronized void add(ScenarioResult result) {
    results.add(result);
    latencies.addAll(result.latencies());
  }

  /** Add a file or scenario that was refused before it could run. */
  public synchronized void add(Refusal refusal) {
    refusals.add(refusal);
  }

  /** Add a scenario or trial that never started because the run was stopped. */
  public synchronized void add(Skip skip) {
    skips.add(skip);
  }

  /** Write the summary file and return its path. */
  public synchronized Path write() {
    Path file = settings.runDir().resolve("summary.json");
    try {
      Files.createDirectories(settings.runDir());
      try (JsonGenerator json = MAPPER.createGenerator(Files.newOutputStream(file))) {
        writeRun(json);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run summary " + file, e);
    }
    return file;
  }

  private void writeRun(JsonGenerator json) throws IOException {
    List<ScenarioResult> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparing(result -> result.scenario().id()));
    long passed = sorted.stream().filter(ScenarioResult::passed).count();
    long failed = sorted.stream().filter(ScenarioResult::failed).count();
    json.writeStartObject();
    json.writeStringField("run", settings.runId());
    json.writeNumberField("seed", settings.seed());
    json.writeStringField("time", settings.virtualTime() ? "virtual" : "real");
    json.writeStringField("started", started.toString());
    json.writeStringField("finished", Instant.now().toString());
    json.writeNumberField("scenarios", sorted.size());
    json.writeNumberField("passed", passed);
    json.writeNumberField("failed", failed);
    json.writeNumberField("stopped", sorted.size() - passed - failed);
    json.writeNumberField(
        "skipped",
        skips.stream().mapToInt(skip -> skip.trial() == 0 ? skip.scenario().trials() : 1).sum());
    json.writeNumberField("refused", refusals.size());
    writeLatencies(json, latencies);
    writePassRates(json, sorted);
    json.writeArrayFieldStart("results");
    for (ScenarioResult result : sorted) {
      writeScenario(json, result);
    }
    json.writeEndArray();
    writeSkips(json);
    writeRefusals(json);
    json.writeEndObject();
  }

  /** Write {@code skips}: each scenario or trial the stopped run never started, by id. */
  private void writeSkips(JsonGenerator json) throws IOException {
    List<Skip> sorted = new ArrayList<>(skips);
    sorted.sort(
        Comparator.comparing((Skip skip) -> skip.scenario().id()).thenComparingInt(Skip::trial));
    json.writeArrayFieldStart("skips");
    for (Skip skip : sorted) {
      json.writeStartObject();
      json.writeStringField("id", skip.scenario().id());
      json.writeStringField("name", skip.scenario().name());
      if (skip.trial() > 0) {
        json.writeNumberField("trial", skip.trial());
      }
      json.writeStringField("file", skip.scenario().origin().file().toString());
      json.writeNumberField("line", skip.scenario().origin().line());
      json.writeStringField("reason", skip.reason());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** Write {@code refusals}: each refused file or scenario, by file and place. */
  private void writeRefusals(JsonGenerator json) throws IOException {
    List<Refusal> sorted = new ArrayList<>(refusals);
    sorted.sort(
        Comparator.comparing((Refusal refusal) -> refusal.file().toString())
            .thenComparingInt(Refusal::line)
            .thenComparingInt(Refusal::column));
    json.writeArrayFieldStart("refusals");
    for (Refusal refusal : sorted) {
      json.writeStartObject();
      json.writeStringField("file", refusal.file().toString());
      json.writeNumberField("line", refusal.line());
      json.writeNumberField("column", refusal.column());
      String id = refusal.scenarioId();
      if (id != null) {
        json.writeStringField("id", id);
      }
      json.writeStringField("name", refusal.name());
      json.writeArrayFieldStart("problems");
      for (Problem problem : refusal.problems()) {
        json.writeString(problem.toString());
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeScenario(JsonGenerator json, ScenarioResult result) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", result.scenario().id());
    json.writeStringField("name", result.scenario().name());
    json.writeNumberField("trial", result.trial());
    json.writeNumberField("trials", result.scenario().trials());
    json.writeNumberField("seed", result.seed());
    json.writeStringField("file", result.scenario().origin().file().toString());
    json.writeBooleanField("passed", result.passed());
    json.writeStringField("outcome", result.outcome().key());
    json.writeStringField("message", result.message());
    json.writeNumberField("steps", result.steps());
    json.writeNumberField("wallMillis", result.wallTime().toNanos() / 1_000_000.0);
    json.writeNumberField("simMillis", result.simulatedTime().toNanos() / 1_000_000.0);
    json.writeBooleanField("harnessFault", result.harnessFault());
    json.writeBooleanField("stopped", result.stopped());
    json.writeArrayFieldStart("findings");
    for (Finding finding : result.findings()) {
      json.writeStartObject();
      json.writeStringField("kind", finding.kind().key());
      json.writeArrayFieldStart("steps");
      json.writeNumber(finding.firstStep());
      json.writeNumber(finding.lastStep());
      json.writeEndArray();
      Stage stage = finding.stage();
      if (stage != null) {
        json.writeStringField("stage", stage.key());
      }
      json.writeStringField("evidence", finding.evidence());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeStringField("trace", result.trace().toString());
    if (result.workspaceKept()) {
      json.writeStringField("workspace", result.workspace().toString());
    }
    json.writeArrayFieldStart("failures");
    for (String failure : result.failures()) {
      json.writeString(failure);
    }
    json.writeEndArray();
    writeLatencies(json, result.latencies());
    json.writeEndObject();
  }

  /**
   * Write {@code passRates}: per scenario that ran more than one trial, its counts and pass^k and
   * pass@k for k = 1..n, and the same figures averaged over those scenarios.
   */
  private static void writePassRates(JsonGenerator json, List<ScenarioResult> sorted)
      throws IOException {
    Map<String, List<ScenarioResult>> byScenario = new TreeMap<>();
    for (ScenarioResult result : sorted) {
      if (result.scenario().trials() > 1) {
        byScenario.computeIfAbsent(result.scenario().id(), id -> new ArrayList<>()).add(result);
      }
    }
    if (byScenario.isEmpty()) {
      return;
    }
    List<PassRate> rates = new ArrayList<>();
    json.writeObjectFieldStart("passRates");
    json.writeObjectFieldStart("scenarios");
    int most = 0;
    for (Map.Entry<String, List<ScenarioResult>> entry : byScenario.entrySet()) {
      PassRate rate = new Trials(entry.getValue().get(0).scenario(), entry.getValue()).passRate();
      rates.add(rate);
      most = Math.max(most, rate.trials());
      json.writeObjectFieldStart(entry.getKey());
      json.writeNumberField("trials", rate.trials());
      json.writeNumberField("passed", rate.passed());
      json.writeNumberField("excluded", rate.excluded());
      writeFigures(
          json,
          rate.trials(),
          k -> OptionalDouble.of(rate.passHat(k)),
          k -> OptionalDouble.of(rate.passAt(k)));
      json.writeEndObject();
    }
    json.writeEndObject();
    writeFigures(json, most, k -> PassRate.passHat(rates, k), k -> PassRate.passAt(rates, k));
    json.writeEndObject();
  }

  private static void writeFigures(
      JsonGenerator json, int most, IntFunction<OptionalDouble> hat, IntFunction<OptionalDouble> at)
      throws IOException {
    for (String name : List.of("passHat", "passAt")) {
      IntFunction<OptionalDouble> figure = name.equals("passHat") ? hat : at;
      json.writeObjectFieldStart(name);
      for (int k = 1; k <= most; k++) {
        OptionalDouble value = figure.apply(k);
        if (value.isPresent()) {
          json.writeNumberField(Integer.toString(k), value.getAsDouble());
        }
      }
      json.writeEndObject();
    }
  }

  private static void writeLatencies(JsonGenerator json, StageLatencies latencies)
      throws IOException {
    json.writeObjectFieldStart("latencyNanos");
    for (Stage stage : Stage.values()) {
      StageLatencies.Summary summary = latencies.summary(stage);
      json.writeObjectFieldStart(stage.key());
      json.writeNumberField("count", summary.count());
      json.writeNumberField("p50", summary.p50());
      json.writeNumberField("p95", summary.p95());
      json.writeNumberField("p99", summary.p99());
      json.writeNumberField("max", summary.max());
      json.writeEndObject();
    }
    json.writeEndObject();
  }
}
