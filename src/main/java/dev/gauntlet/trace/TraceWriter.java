package dev.gauntlet.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.agent.model.ModelUsage;
import dev.gauntlet.loop.Finding;
import dev.gauntlet.loop.Stage;
import dev.gauntlet.loop.StepRecord;
import dev.gauntlet.scenario.Outcome;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Stream a run's steps to {@code trace.jsonl}, one JSON line per step, flushed as each step ends so
 * that a run that dies leaves every finished step on disk. Nothing is held beyond the current line.
 *
 * <p>A step's line is written when the next step begins or the run ends, because only then is it
 * known whether it is the last, which carries the run's outcome.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TraceWriter implements AutoCloseable {

  /** Longer argument strings are cut in the trace; the workspace holds the real content. */
  private static final int MAX_STRING = 200;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;
  private final OutputStream out;
  private final JsonGenerator json;
  private final @Nullable Long seed;
  private final int trial;
  private boolean first = true;
  private @Nullable StepRecord pending;

  private TraceWriter(Path file, @Nullable Long seed, int trial) throws IOException {
    this.file = file;
    this.seed = seed;
    this.trial = trial;
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.out = new BufferedOutputStream(Files.newOutputStream(file));
    this.json = new JsonFactory(MAPPER).createGenerator(out, JsonEncoding.UTF8);
    json.setRootValueSeparator(null);
  }

  /** Open a new trace file, replacing any old one. */
  public static TraceWriter open(Path file) {
    return open(file, null, 1);
  }

  /**
   * Open a new trace file, replacing any old one, whose first line also records the trial's seed
   * and number, so that the trace says how to reproduce it.
   */
  public static TraceWriter open(Path file, long seed, int trial) {
    return open(file, Long.valueOf(seed), trial);
  }

  private static TraceWriter open(Path file, @Nullable Long seed, int trial) {
    try {
      return new TraceWriter(file, seed, trial);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the trace file " + file, e);
    }
  }

  /** The trace file. */
  public Path file() {
    return file;
  }

  /** Add a finished step; the one before it is written now. */
  public void add(StepRecord step) {
    StepRecord previous = pending;
    pending = step;
    if (previous != null) {
      write(previous, null, null);
    }
  }

  /** Write the last step with the run's outcome and close the file. */
  public void finish(Outcome outcome, String message) {
    StepRecord last = pending;
    pending = null;
    if (last != null) {
      write(last, outcome, message);
    }
    close();
  }

  /** Close the file; closing again does nothing. */
  @Override
  public void close() {
    if (json.isClosed()) {
      return;
    }
    try {
      json.close();
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the trace file " + file, e);
    }
  }

  private void write(StepRecord step, @Nullable Outcome outcome, @Nullable String message) {
    try {
      json.writeStartObject();
      json.writeNumberField("step", step.number());
      json.writeNumberField("atMillis", step.startNanos() / 1_000_000.0);
      json.writeNumberField("simMillis", step.simulatedNanos() / 1_000_000.0);
      if (first && seed != null) {
        json.writeNumberField("seed", seed);
        json.writeNumberField("trial", trial);
      }
      first = false;
      json.writeObjectFieldStart("action");
      json.writeStringField("tool", step.action().tool());
      json.writeFieldName("arguments");
      writeCapped(step.action().arguments());
      json.writeEndObject();
      writeResult(step);
      json.writeStringField("effect", step.effect().key());
      Stage timedOut = step.timedOut();
      if (timedOut != null) {
        json.writeStringField("timedOut", timedOut.key());
      }
      writeFindings(step);
      json.writeObjectFieldStart("nanos");
      for (Stage stage : Stage.values()) {
        json.writeNumberField(stage.key(), step.nanos(stage));
      }
      json.writeEndObject();
      writeUsage(step.usage());
      if (outcome != null) {
        json.writeStringField("outcome", outcome.key());
        json.writeStringField("message", message);
      }
      json.writeEndObject();
      json.flush();
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to the trace file " + file, e);
    }
  }

  /**
   * Write what a model-backed agent's reason stage cost: {@code tokens} ({@code prompt}, {@code
   * completion}, as the model counted them) and {@code requestBytes}, the size of the request sent.
   * A step that acted a call the model returned earlier sent nothing and shows zeros.
   */
  private void writeUsage(@Nullable ModelUsage usage) throws IOException {
    if (usage == null) {
      return;
    }
    json.writeObjectFieldStart("tokens");
    json.writeNumberField("prompt", usage.promptTokens());
    json.writeNumberField("completion", usage.completionTokens());
    json.writeEndObject();
    json.writeNumberField("requestBytes", usage.requestBytes());
  }

  private void writeFindings(StepRecord step) throws IOException {
    if (step.findings().isEmpty()) {
      return;
    }
    json.writeArrayFieldStart("findings");
    for (Finding finding : step.findings()) {
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
      json.writeStringField("evidence", cap(finding.evidence()));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private void writeResult(StepRecord step) throws IOException {
    var result = step.result();
    if (result == null) {
      return;
    }
    json.writeObjectFieldStart("result");
    json.writeStringField("status", result.status().name().toLowerCase(java.util.Locale.ROOT));
    if (result.reason() != null) {
      json.writeStringField("reason", result.reason());
    }
    json.writeStringField("summary", cap(result.output()));
    if (!result.data().isEmpty()) {
      json.writeFieldName("data");
      writeCapped(result.data());
    }
    json.writeEndObject();
  }

  private void writeCapped(JsonNode node) throws IOException {
    if (node.isTextual()) {
      json.writeString(cap(node.textValue()));
    } else if (node.isObject()) {
      json.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        json.writeFieldName(field.getKey());
        writeCapped(field.getValue());
      }
      json.writeEndObject();
    } else if (node.isArray()) {
      json.writeStartArray();
      for (JsonNode element : node) {
        writeCapped(element);
      }
      json.writeEndArray();
    } else {
      json.writeTree(node);
    }
  }

  private static String cap(String text) {
    if (text.length() <= MAX_STRING) {
      return text;
    }
    int cut = text.length() - MAX_STRING;
    return text.substring(0, MAX_STRING / 2)
        + "[… "
        + cut
        + " chars cut …]"
        + text.substring(text.length() - MAX_STRING / 2);
  }
}
