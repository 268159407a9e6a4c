package dev.gauntlet.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.sandbox.ToolResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describe why one attempt of a request failed, in the terms a {@link RecoveryPolicy} decides by:
 * its kind (which says whether it may be retried), the HTTP status, and how long the server asked
 * to wait.
 *
 * @param kind what kind of failure it was
 * @param status the HTTP status, or 0 when no response came
 * @param retryAfter how long the server asked to wait ({@code Retry-After}), or null
 * @param description a few words for messages, e.g. {@code HTTP 429} or {@code connection reset}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Failure(
    Failure.Kind kind, int status, @Nullable Duration retryAfter, String description) {

  private static final Set<String> TRANSPORT_ERRORS =
      Set.of("reset", "empty", "malformed", "timeout", "io");

  /** What kind of failure it was; only the first four are ever retried. */
  public enum Kind {
    /** HTTP 429: the server asks for fewer requests. */
    RATE_LIMITED(true),
    /** HTTP 5xx: the server failed or is overloaded. */
    SERVER_ERROR(true),
    /** HTTP 408: the server gave up waiting for the request. */
    REQUEST_TIMEOUT(true),
    /** No response: the connection broke, or no answer came in time. */
    TRANSPORT(true),
    /** A policy denied the request; asking again gets the same answer. */
    DENIED(false),
    /**
     * The conversation no longer fits the model's context window; neither the same request nor any
     * later one from that conversation will, so the agent cannot go on.
     */
    CONTEXT_LENGTH(false),
    /** Any other 4xx, or a request the harness could not send as written. */
    REJECTED(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Return the name as written in messages, e.g. {@code rate_limited}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Return whether a request that failed this way may be attempted again. */
  public boolean retryable() {
    return kind.retryable;
  }

  /**
   * Return the failure of an HTTP answer, or null for a success (below 400).
   *
   * @param retryAfter the {@code Retry-After} header's value, or null when there was none
   * @param body the answer's body, where a context-length error names itself
   * @param now when the answer came, on the run's clock: an HTTP-date is relative to it
   */
  public static @Nullable Failure ofHttp(
      int status, @Nullable String retryAfter, String body, Instant now) {
    if (status < 400) {
      return null;
    }
    Duration wait = retryAfter == null ? null : retryAfter(retryAfter, now);
    String after = wait == null ? "" : ", Retry-After " + Waits.format(wait);
    Kind kind;
    if (status == 429) {
      kind = Kind.RATE_LIMITED;
    } else if (status == 408) {
      kind = Kind.REQUEST_TIMEOUT;
    } else if (status >= 500) {
      kind = Kind.SERVER_ERROR;
    } else if ((status == 400 || status == 413) && isContextLength(body)) {
      kind = Kind.CONTEXT_LENGTH;
    } else {
      kind = Kind.REJECTED;
    }
    String named = kind == Kind.CONTEXT_LENGTH ? " context_length_exceeded" : "";
    return new Failure(kind, status, wait, "HTTP " + status + named + after);
  }

  /** Return the failure of a request the network policy denied, with the denial's reason code. */
  public static Failure denied(String reason) {
    return new Failure(Kind.DENIED, 0, null, "denied (" + reason + ")");
  }

  /**
   * Return the failure of a request that got no answer: {@code reset}, {@code empty}, {@code
   * malformed}, {@code timeout} and {@code io} may be retried; anything else (such as {@code
   * no_mock}) is a request that cannot be sent as written.
   */
  public static Failure unanswered(String error) {
    Kind kind = TRANSPORT_ERRORS.contains(error) ? Kind.TRANSPORT : Kind.REJECTED;
    return new Failure(kind, 0, null, "no answer (" + error + ")");
  }

  /**
   * Return the failure of an {@code http} action's result, or null when it succeeded.
   *
   * @param now when the result came, on the run's clock
   */
  public static @Nullable Failure of(ToolResult result, Instant now) {
    JsonNode data = result.data();
    if (result.status() == ToolResult.Status.REFUSED) {
      return denied(String.valueOf(result.reason()));
    }
    if (result.status() == ToolResult.Status.ERROR) {
      String error = data.path("error").asText(String.valueOf(result.reason()));
      return unanswered(error);
    }
    JsonNode retryAfter = data.path("headers").path("retry-after");
    return ofHttp(
        data.path("status").asInt(200),
        retryAfter.isTextual() ? retryAfter.textValue() : null,
        result.output(),
        now);
  }

  /**
   * Read a {@code Retry-After} value: a number of seconds, or an HTTP-date taken relative to {@code
   * now} (a date already past asks for no wait). Returns null for a value that is neither.
   */
  public static @Nullable Duration retryAfter(String value, Instant now) {
    String text = value.strip();
    if (text.matches("\\d+(\\.\\d+)?")) {
      // A wait longer than any budget is no shorter for being exact, and must not overflow.
      BigDecimal millis = new BigDecimal(text).movePointRight(3);
      return millis.compareTo(LONGEST_MILLIS) > 0
          ? LONGEST_RETRY_AFTER
          : Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration left = Duration.between(now, at);
      return left.isNegative() ? Duration.ZERO : left;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The longest Retry-After read as itself; a longer one is read as this. */
  static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(36_500);

  private static final BigDecimal LONGEST_MILLIS =
      BigDecimal.valueOf(LONGEST_RETRY_AFTER.toMillis());

  private static boolean isContextLength(String body) {
    String lower = body.toLowerCase(Locale.ROOT);
    return lower.contains("context_length_exceeded")
        || lower.contains("maximum context length")
        || lower.contains("prompt is too long");
  }
}
