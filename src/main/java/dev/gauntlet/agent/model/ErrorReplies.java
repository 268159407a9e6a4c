package dev.gauntlet.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.agent.cassette.Cassettes;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Turn a server's error answer into a typed exception with a sentence for the report. */
final class ErrorReplies {

  private ErrorReplies() {}

  /**
   * Return the exception for an HTTP answer outside 2xx.
   *
   * @param now when the answer came: an HTTP-date {@code Retry-After} is read against it
   */
  static ModelCallException http(
      int step, int status, HttpHeaders headers, String body, Instant now) {
    String detail = detail(body);
    ModelCallException.Kind kind = kind(status, headers, body);
    Duration retryAfter = retryAfter(headers, now);
    String wait =
        kind == ModelCallException.Kind.RATE_LIMITED
            ? retryAfter == null ? "; no Retry-After" : "; retry after " + show(retryAfter)
            : "";
    String message =
        kind == ModelCallException.Kind.CASSETTE_MISMATCH
            ? "Step " + step + ": " + detail
            : "Step "
                + step
                + ": the model server answered HTTP "
                + status
                + " ("
                + kind.key()
                + wait
                + "): "
                + detail;
    return new ModelCallException(step, kind, status, retryAfter, message);
  }

  /** Return the exception for an error event inside a stream that began with HTTP 200. */
  static ModelCallException inStream(int step, JsonNode error) {
    String type = error.path("type").asText(error.path("code").asText(""));
    ModelCallException.Kind kind =
        switch (type) {
          case "rate_limit_error", "rate_limit_exceeded" -> ModelCallException.Kind.RATE_LIMITED;
          case "overloaded_error", "api_error", "server_error" ->
              ModelCallException.Kind.SERVER_ERROR;
          default ->
              isContextLength(error.toString())
                  ? ModelCallException.Kind.CONTEXT_LENGTH_EXCEEDED
                  : ModelCallException.Kind.REJECTED;
        };
    return new ModelCallException(
        step,
        kind,
        0,
        null,
        "Step "
            + step
            + ": the model's stream carried an error ("
            + kind.key()
            + "): "
            + error.path("message").asText(Texts.quote(error.toString())));
  }

  private static ModelCallException.Kind kind(int status, HttpHeaders headers, String body) {
    if (headers.firstValue(Cassettes.MISMATCH_HEADER).isPresent()) {
      return ModelCallException.Kind.CASSETTE_MISMATCH;
    }
    if (status == 429) {
      return ModelCallException.Kind.RATE_LIMITED;
    }
    if (status >= 500) {
      return ModelCallException.Kind.SERVER_ERROR;
    }
    if ((status == 400 || status == 413) && isContextLength(body)) {
      return ModelCallException.Kind.CONTEXT_LENGTH_EXCEEDED;
    }
    return ModelCallException.Kind.REJECTED;
  }

  private static boolean isContextLength(String body) {
    String lower = body.toLowerCase(Locale.ROOT);
    return lower.contains("context_length_exceeded")
        || lower.contains("maximum context length")
        || lower.contains("prompt is too long");
  }

  /** Return the error's own message when the body is an API error object, else the body quoted. */
  private static String detail(String body) {
    try {
      JsonNode json = Dialect.JSON.readTree(body);
      JsonNode error = json == null ? null : json.path("error");
      if (error != null && error.path("message").isTextual()) {
        return error.path("message").textValue();
      }
      if (error != null && error.isTextual()) {
        return error.textValue();
      }
    } catch (IOException e) {
      // Not JSON: quote it as it is.
    }
    return body.isEmpty() ? "(an empty body)" : Texts.quote(body);
  }

  static @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
    Optional<String> millis = headers.firstValue("retry-after-ms");
    if (millis.isPresent()) {
      try {
        return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get().trim())));
      } catch (NumberFormatException e) {
        // Fall back to Retry-After.
      }
    }
    Optional<String> value = headers.firstValue("retry-after");
    if (value.isEmpty()) {
      return null;
    }
    String text = value.get().trim();
    try {
      return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(text) * 1000)));
    } catch (NumberFormatException e) {
      // An HTTP date, then.
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration left = Duration.between(now, at.toInstant());
      return left.isNegative() ? Duration.ZERO : left;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String show(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
