package dev.gauntlet.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Read and write durations the way scenarios spell them: {@code 500ms}, {@code 5s}, {@code 1m30s}.
 * One spelling for every duration: budgets, waits, deadlines and timeouts.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private Durations() {}

  /** Return the duration a text names, or null when the text is not one or names no time at all. */
  public static @Nullable Duration parse(String text) {
    Matcher part = PART.matcher(text);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < text.length()) {
      if (!part.find(at) || part.start() != at) {
        return null;
      }
      long amount = Long.parseLong(part.group(1));
      total =
          switch (part.group(2)) {
            case "ms" -> total.plusMillis(amount);
            case "s" -> total.plusSeconds(amount);
            case "m" -> total.plusMinutes(amount);
            default -> total.plusHours(amount);
          };
      at = part.end();
    }
    return text.isEmpty() || total.isZero() ? null : total;
  }

  /**
   * Return the shortest spelling of a duration that {@link #parse} reads back, e.g. {@code 1m30s}.
   */
  public static String format(Duration duration) {
    if (duration.toMillisPart() != 0 || duration.isZero()) {
      return duration.toMillis() + "ms";
    }
    StringBuilder text = new StringBuilder();
    if (duration.toHours() > 0) {
      text.append(duration.toHours()).append('h');
    }
    if (duration.toMinutesPart() > 0) {
      text.append(duration.toMinutesPart()).append('m');
    }
    if (duration.toSecondsPart() > 0) {
      text.append(duration.toSecondsPart()).append('s');
    }
    return text.toString();
  }
}
