package dev.gauntlet.recovery;

import java.time.Duration;
import java.util.Locale;

/** Write durations as the recovery's messages show them: seconds with milliseconds. */
final class Waits {

  private Waits() {}

  static String format(Duration duration) {
    return format(duration.toMillis());
  }

  static String format(long millis) {
    return String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
  }
}
