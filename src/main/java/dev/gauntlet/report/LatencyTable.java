package dev.gauntlet.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.loop.Stage;
import dev.gauntlet.loop.StageLatencies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Lay out per-stage latency figures (p50, p95, p99 and max of real time) as a table: aligned text
 * for a console, CSV for a report.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class LatencyTable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] COLUMNS = {"p50", "p95", "p99", "max"};

  private final Map<Stage, StageLatencies.Summary> rows;

  private LatencyTable(Map<Stage, StageLatencies.Summary> rows) {
    this.rows = rows;
  }

  /** Return the table of a scenario's or a run's latencies. */
  public static LatencyTable of(StageLatencies latencies) {
    Map<Stage, StageLatencies.Summary> rows = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      rows.put(stage, latencies.summary(stage));
    }
    return new LatencyTable(rows);
  }

  /**
   * Read the run's figures, {@code latencyNanos}, from a {@code summary.json}; empty when the file
   * does not exist or holds none.
   *
   * @throws IOException when the file exists but cannot be read as JSON
   */
  public static Optional<LatencyTable> fromSummary(Path summary) throws IOException {
    if (!Files.isRegularFile(summary)) {
      return Optional.empty();
    }
    JsonNode latency = JSON.readTree(summary.toFile()).path("latencyNanos");
    if (!latency.isObject()) {
      return Optional.empty();
    }
    Map<Stage, StageLatencies.Summary> rows = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      JsonNode row = latency.path(stage.key());
      rows.put(
          stage,
          new StageLatencies.Summary(
              row.path("count").asLong(),
              row.path("p50").asLong(),
              row.path("p95").asLong(),
              row.path("p99").asLong(),
              row.path("max").asLong()));
    }
    return Optional.of(new LatencyTable(rows));
  }

  /** Return how many steps the figures cover. */
  public long steps() {
    return rows.values().stream().mapToLong(StageLatencies.Summary::count).max().orElse(0);
  }

  /**
   * Return the table as aligned text, a header line and one line per stage, e.g. {@code act 12.3 µs
   * 40.1 µs 88.0 µs 1.20 ms}.
   */
  public String text() {
    StringBuilder table = new StringBuilder(String.format("%-9s", "stage"));
    for (String column : COLUMNS) {
      table.append(String.format("%10s", column));
    }
    table.append('\n');
    for (Map.Entry<Stage, StageLatencies.Summary> row : rows.entrySet()) {
      table.append(String.format("%-9s", row.getKey().key()));
      for (long value : values(row.getValue())) {
        table.append(String.format("%10s", Nanos.format((double) value)));
      }
      table.append('\n');
    }
    return table.toString();
  }

  /** Return the table as CSV in nanoseconds, with a header line; Allure shows it as a table. */
  public String csv() {
    StringBuilder table = new StringBuilder("stage,count,p50 (ns),p95 (ns),p99 (ns),max (ns)\n");
    for (Map.Entry<Stage, StageLatencies.Summary> row : rows.entrySet()) {
      table.append(row.getKey().key()).append(',').append(row.getValue().count());
      for (long value : values(row.getValue())) {
        table.append(',').append(value);
      }
      table.append('\n');
    }
    return table.toString();
  }

  private static long[] values(StageLatencies.Summary summary) {
    return new long[] {summary.p50(), summary.p95(), summary.p99(), summary.max()};
  }
}
