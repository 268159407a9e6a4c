package dev.gauntlet.agent;

import org.apiguardian.api.API;

/** Signal that an agent could not decide; the message says why in one sentence, for the report. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class AgentException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AgentException(String message) {
    super(message);
  }

  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }
}
