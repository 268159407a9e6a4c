package dev.gauntlet.agent.model;

import dev.gauntlet.agent.AgentException;
import org.apiguardian.api.API;

/**
 * Signal that a step's exchange with the model went wrong in a way the harness can name. The
 * agent's conversation is left as it was before the step, so deciding again repeats the same
 * request: a recovery policy may retry.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class ModelException extends AgentException {

  private static final long serialVersionUID = 1L;

  private final int step;

  ModelException(int step, String message) {
    super(message);
    this.step = step;
  }

  ModelException(int step, String message, Throwable cause) {
    super(message, cause);
    this.step = step;
  }

  /** Return the step whose exchange failed. */
  public int step() {
    return step;
  }

  /** Return a stable code for the trace, e.g. {@code rate_limited} or {@code model_output}. */
  public abstract String reason();

  /** Return whether the same request, sent again, may well succeed. */
  public abstract boolean retryable();
}
