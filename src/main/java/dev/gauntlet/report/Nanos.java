package dev.gauntlet.report;

import java.util.Locale;

/** Format a time in nanoseconds with a unit that keeps three significant digits at most. */
final class Nanos {

  private Nanos() {}

  /** Format e.g. {@code 850 ns}, {@code 12.3 µs}, {@code 4.56 ms} or {@code 1.20 s}. */
  static String format(double nanos) {
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.0f ns", nanos);
    }
    if (nanos < 1_000_000) {
      return scaled(nanos / 1_000, "µs");
    }
    if (nanos < 1_000_000_000) {
      return scaled(nanos / 1_000_000, "ms");
    }
    return scaled(nanos / 1_000_000_000, "s");
  }

  private static String scaled(double value, String unit) {
    String pattern = value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s";
    return String.format(Locale.ROOT, pattern, value, unit);
  }
}
