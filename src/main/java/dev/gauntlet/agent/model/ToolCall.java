package dev.gauntlet.agent.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.sandbox.ToolResult;
import org.jspecify.annotations.Nullable;

/**
 * One tool call the agent will act on.
 *
 * @param raw the arguments exactly as the model wrote them, sent back verbatim in the conversation
 */
record ToolCall(String id, String name, String raw, ObjectNode arguments) {

  /** A call the loop has acted on, and what the tool returned. */
  record Answered(ToolCall call, @Nullable ToolResult result) {

    /** Return the text the model reads as the tool's answer. */
    String text() {
      if (result == null) {
        return "(the harness returned no result for this call)";
      }
      if (result.status() == ToolResult.Status.OK) {
        return result.output();
      }
      String status = result.status() == ToolResult.Status.REFUSED ? "refused" : "error";
      String reason = result.reason() == null ? "" : " (" + result.reason() + ")";
      return status + reason + ": " + result.output();
    }

    boolean failed() {
      return result == null || result.status() != ToolResult.Status.OK;
    }
  }
}
