package dev.gauntlet.agent.model;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Signal that the model answered, but with output the agent cannot act on: a reply cut off at the
 * token limit (often in the middle of a tool call's JSON), arguments that are not a JSON object, or
 * a reply that does not follow the API's shape. The trace's reason is always {@code model_output}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModelOutputException extends ModelException {

  private static final long serialVersionUID = 1L;

  /** What was wrong with the output. */
  public enum Kind {
    /** The reply stopped at the token limit ({@code length}, {@code max_tokens}) or mid-stream. */
    TRUNCATED,
    /** A tool call's arguments are not a JSON object, or a finish names no valid outcome. */
    MALFORMED_ARGUMENTS,
    /** The reply is not what the API defines, e.g. not JSON or without choices. */
    MALFORMED_REPLY;

    /** Return the name as written in traces, e.g. {@code malformed_arguments}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The trace's reason code for every model-output error. */
  public static final String REASON = "model_output";

  private final Kind kind;

  ModelOutputException(int step, Kind kind, String message) {
    super(step, message);
    this.kind = kind;
  }

  /** Return what was wrong with the output. */
  public Kind kind() {
    return kind;
  }

  @Override
  public String reason() {
    return REASON;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
