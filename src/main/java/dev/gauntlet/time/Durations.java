package dev.gauntlet.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Read and write durations the way scenarios spell them: {@code 500ms}, {@code 5s}, {@code 1m30s}.
 * One spelling for every duration: budgets, waits, deadlines and timeouts. A duration is one or
 * more whole numbers, each with its unit ({@code ms}, {@code s}, {@code m} or {@code h}), longer
 * than nothing and at most {@link #LONGEST}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Durations {

  /**
   * The longest duration, about 11 years: far beyond any budget or wait, and far enough below the
   * 292 years that a count of nanoseconds can hold that deadlines computed from it never overflow.
   */
  public static final Duration LONGEST = Duration.ofHours(100_000);

  private static final String LONGEST_TEXT = "100000h (about 11 years)";
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final long LONGEST_MILLIS = LONGEST.toMillis();

  /** More digits than this, leading zeros aside, is longer than {@link #LONGEST} in any unit. */
  private static final int MOST_DIGITS = Long.toString(LONGEST_MILLIS).length();

  private static final long NOT_A_DURATION = -1;
  private static final long TOO_LONG = -2;

  private Durations() {}

  /** Return the duration a text names, or null when {@link #whyNot} refuses it. */
  public static @Nullable Duration parse(String text) {
    long millis = millis(text);
    return millis > 0 ? Duration.ofMillis(millis) : null;
  }

  /**
   * Return why a text is not a duration, worded to follow the text quoted, e.g. {@code '1.5s' is
   * not a duration: write whole numbers of ms, s, m or h, such as 1500ms or 1m30s}; null when
   * {@link #parse} reads it.
   */
  public static @Nullable String whyNot(String text) {
    long millis = millis(text);
    if (millis == NOT_A_DURATION) {
      return "is not a duration: write whole numbers of ms, s, m or h, such as 1500ms or 1m30s";
    }
    if (millis == TOO_LONG) {
      return "is too long: a duration is at most " + LONGEST_TEXT;
    }
    return millis == 0
        ? "is no time at all: write a duration longer than 0, such as 500ms or 30s"
        : null;
  }

  /** Return the milliseconds a text names, or {@link #NOT_A_DURATION} or {@link #TOO_LONG}. */
  private static long millis(String text) {
    if (text.isEmpty()) {
      return NOT_A_DURATION;
    }
    Matcher part = PART.matcher(text);
    long total = 0;
    int at = 0;
    while (at < text.length()) {
      part.region(at, text.length());
      if (!part.lookingAt()) {
        return NOT_A_DURATION;
      }
      String digits = part.group(1).replaceFirst("^0+(?=\\d)", "");
      long unit =
          switch (part.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
          };
      // Kept just above the longest, so that no sum of parts can overflow.
      total =
          digits.length() > MOST_DIGITS
              ? LONGEST_MILLIS + 1
              : Math.min(total + Long.parseLong(digits) * unit, LONGEST_MILLIS + 1);
      at = part.end();
    }
    return total > LONGEST_MILLIS ? TOO_LONG : total;
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
