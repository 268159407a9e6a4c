package dev.gauntlet.loop;

import java.time.Duration;

/** Write durations the way scenarios spell them, for messages: {@code 1500ms}, {@code 2s}. */
final class Clocks {

  private Clocks() {}

  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0 || millis == 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    return seconds % 60 != 0 ? seconds + "s" : seconds / 60 + "m";
  }
}
