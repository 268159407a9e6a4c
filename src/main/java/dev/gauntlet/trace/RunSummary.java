package dev.gauntlet.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.Stage;
import dev.gauntlet.loop.StageLatencies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Collect the results of a run's scenarios and write {@code reports/<run>/summary.json}: every scenario's
 * outcome, steps, paths and per-stage latency figures, and the same figures for the whole run.
 * Thread-safe, so that scenarios may finish in any order.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RunSummary {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final RunSettings settings;
  private final List<ScenarioResult> results = new ArrayList<>();
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
    json.writeStartObject();
    json.writeStringField("run", settings.runId());
    json.writeStringField("started", started.toString());
    json.writeStringField("finished", Instant.now().toString());
    json.writeNumberField("scenarios", sorted.size());
    json.writeNumberField("passed", passed);
    json.writeNumberField("failed", sorted.size() - passed);
    writeLatencies(json, latencies);
    json.writeArrayFieldStart("results");
    for (ScenarioResult result : sorted) {
      writeScenario(json, result);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeScenario(JsonGenerator json, ScenarioResult result) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", result.scenario().id());
    json.writeStringField("name", result.scenario().name());
    json.writeStringField("file", result.scenario().origin().file().toString());
    json.writeBooleanField("passed", result.passed());
    json.writeStringField("outcome", result.outcome().key());
    json.writeStringField("message", result.message());
    json.writeNumberField("steps", result.steps());
    json.writeNumberField("wallMillis", result.wallTime().toNanos() / 1_000_000.0);
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
