package dev.gauntlet.agent.model;

import java.util.List;

/**
 * What the model answered, as the API gave it, before the agent checks it.
 *
 * @param text the reply's text, possibly empty
 * @param calls the tool calls, in order, with their arguments as the raw text the model wrote
 * @param stopReason why the model stopped, in the API's words, or {@code (none)} when a stream
 *     ended without saying
 * @param truncated whether the model was cut off before it finished
 */
record Reply(
    String text,
    List<Call> calls,
    String stopReason,
    boolean truncated,
    long promptTokens,
    long completionTokens) {

  /** One tool call as the model wrote it. */
  record Call(String id, String name, String arguments) {}
}
