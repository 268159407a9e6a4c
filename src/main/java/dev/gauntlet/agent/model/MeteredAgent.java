package dev.gauntlet.agent.model;

import dev.gauntlet.agent.Agent;
import org.apiguardian.api.API;

/**
 * Report what each decision cost. The loop reads {@link #usage()} after every call of {@link
 * #decide}, including one that threw: a failed exchange still took time and sent bytes.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface MeteredAgent extends Agent {

  /** Return the cost of the latest decision, or {@link ModelUsage#NONE} before the first. */
  ModelUsage usage();
}
