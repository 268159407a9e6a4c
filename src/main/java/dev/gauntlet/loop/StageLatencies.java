package dev.gauntlet.loop;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.apiguardian.api.API;

/**
 * Record how long each stage took across the steps of a run, in a histogram per stage, so that a
 * run of any length costs the same small, fixed memory.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StageLatencies {

  /** Stage times above this are clamped; a stage that takes an hour has other problems. */
  private static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;

  private final Histogram[] histograms = new Histogram[Stage.values().length];

  public StageLatencies() {
    for (Stage stage : Stage.values()) {
      // Packed: a full histogram of this range takes 256 KiB, and a run summary holds four per
      // scenario, so a suite of hundreds of scenarios would need hundreds of megabytes.
      histograms[stage.ordinal()] = new PackedHistogram(HIGHEST_TRACKABLE_NANOS, 3);
    }
  }

  /** Add one stage's time. */
  public synchronized void record(Stage stage, long nanos) {
    histograms[stage.ordinal()].recordValue(Math.min(Math.max(nanos, 0), HIGHEST_TRACKABLE_NANOS));
  }

  /** Add every recording of another run, e.g. to build the figures of a whole suite. */
  public synchronized void addAll(StageLatencies other) {
    for (Stage stage : Stage.values()) {
      histograms[stage.ordinal()].add(other.histograms[stage.ordinal()]);
    }
  }

  /** The figures of one stage. */
  public synchronized Summary summary(Stage stage) {
    Histogram histogram = histograms[stage.ordinal()];
    return new Summary(
        histogram.getTotalCount(),
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(95),
        histogram.getValueAtPercentile(99),
        histogram.getMaxValue());
  }

  /** Percentiles of one stage, in nanoseconds; all zero when nothing was recorded. */
  public record Summary(long count, long p50, long p95, long p99, long max) {}
}
