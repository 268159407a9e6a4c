package dev.gauntlet.agent.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Signal that the model server refused or failed a request: an HTTP error, a timeout, a broken
 * connection, an error event inside a stream, or a denial by the scenario's network policy.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModelCallException extends ModelException {

  private static final long serialVersionUID = 1L;

  /** What kind of failure it was; {@link #key()} is the trace's reason code. */
  public enum Kind {
    /** HTTP 429, or a rate-limit error event. */
    RATE_LIMITED(true),
    /** HTTP 5xx (529 included), or a server or overload error event. */
    SERVER_ERROR(true),
    /** The conversation no longer fits the model's context window (HTTP 400). */
    CONTEXT_LENGTH_EXCEEDED(false),
    /** Any other HTTP 4xx: a bad key, a bad request, an unknown model. */
    REJECTED(false),
    /** No complete answer within the request's timeout. */
    TIMEOUT(true),
    /** The connection could not be made or broke. */
    CONNECTION(true),
    /** A cassette was replayed and holds no exchange matching this request. */
    CASSETTE_MISMATCH(false),
    /** The scenario's network policy denied the request; no server saw it. */
    DENIED(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Return the name as written in traces, e.g. {@code rate_limited}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final int status;
  private final @Nullable Duration retryAfter;

  ModelCallException(
      int step, Kind kind, int status, @Nullable Duration retryAfter, String message) {
    super(step, message);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  ModelCallException(int step, Kind kind, String message, Throwable cause) {
    super(step, message, cause);
    this.kind = kind;
    this.status = 0;
    this.retryAfter = null;
  }

  /** Return what kind of failure it was. */
  public Kind kind() {
    return kind;
  }

  /** Return the HTTP status, or 0 when there was none (a timeout, a broken connection). */
  public int status() {
    return status;
  }

  /**
   * Return how long the server asked to wait, from {@code retry-after-ms} or {@code Retry-After}
   * (seconds or an HTTP date), or empty when it did not say.
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public String reason() {
    return kind.key();
  }

  @Override
  public boolean retryable() {
    return kind.retryable;
  }
}
