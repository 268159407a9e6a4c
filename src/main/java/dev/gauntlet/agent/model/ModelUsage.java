package dev.gauntlet.agent.model;

import org.apiguardian.api.API;

/**
 * Tell what one step's reasoning cost: the tokens the model counted, the bytes sent and the time
 * the exchange took. A step that acts a tool call the model returned earlier (one of several
 * parallel calls) sends nothing and costs {@link #NONE}.
 *
 * @param promptTokens tokens the model read, from the reply's {@code usage}; 0 when it reported
 *     none
 * @param completionTokens tokens the model wrote, from the reply's {@code usage}; 0 when it
 *     reported none
 * @param requestBytes the size of the request body sent, in bytes: how much context the step
 *     carried
 * @param latencyNanos from sending the request to having the whole reply, in nanoseconds
 * @param calls how many requests were sent: 0 or 1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ModelUsage(
    long promptTokens, long completionTokens, long requestBytes, long latencyNanos, int calls) {

  /** The cost of a step that sent nothing. */
  public static final ModelUsage NONE = new ModelUsage(0, 0, 0, 0, 0);

  /** Return the tokens read and written together. */
  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  ModelUsage withTokens(long prompt, long completion) {
    return new ModelUsage(prompt, completion, requestBytes, latencyNanos, calls);
  }
}
