package dev.gauntlet.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Read {@code trace.jsonl} one line at a time, so that a report of a run of any length holds one
 * step in memory, never the trace.
 */
final class TraceReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Receive the steps of a trace in order. */
  @FunctionalInterface
  interface StepConsumer {
    void accept(TraceStep step) throws IOException;
  }

  private TraceReader() {}

  /** Count the steps of a trace; zero when it does not exist. */
  static int count(Path trace) throws IOException {
    if (!Files.isRegularFile(trace)) {
      return 0;
    }
    int count = 0;
    try (BufferedReader reader = Files.newBufferedReader(trace, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          count++;
        }
      }
    }
    return count;
  }

  /** Hand every step of a trace to {@code consumer}, in order; nothing when it does not exist. */
  static void forEach(Path trace, StepConsumer consumer) throws IOException {
    if (!Files.isRegularFile(trace)) {
      return;
    }
    try (BufferedReader reader = Files.newBufferedReader(trace, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          consumer.accept(TraceStep.of(JSON.readTree(line)));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
