package dev.gauntlet.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Tell the agent what an action did. A refusal is a result too, never an exception: the agent sees
 * it.
 *
 * @param status whether the tool did it, failed, or refused
 * @param output the text the agent reads: a file's content, a listing, an error message
 * @param reason a stable machine code when the status is not {@code OK}, e.g. {@code path_escape}
 * @param data structured facts for the trace and expectations, e.g. {@code {"path": "../x"}}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ToolResult(Status status, String output, @Nullable String reason, ObjectNode data) {

  /** How an action went. */
  public enum Status {
    /** The tool did what was asked. */
    OK,
    /** The tool tried and failed, e.g. reading a file that does not exist. */
    ERROR,
    /** The sandbox's policy refused the action; nothing was done. */
    REFUSED
  }

  /** Return a result for an action the tool did, with the text the agent reads. */
  public static ToolResult ok(String output) {
    return new ToolResult(Status.OK, output, null, JsonNodeFactory.instance.objectNode());
  }

  /** Return a result for an action the tool tried and failed, with a reason code and a message. */
  public static ToolResult error(String reason, String message) {
    return new ToolResult(Status.ERROR, message, reason, JsonNodeFactory.instance.objectNode());
  }

  /** Return a result for an action the sandbox refused to do, with a reason code and a message. */
  public static ToolResult refused(String reason, String message) {
    return new ToolResult(Status.REFUSED, message, reason, JsonNodeFactory.instance.objectNode());
  }

  /** Return this result with one more fact in {@link #data}. */
  public ToolResult with(String key, String value) {
    ObjectNode copy = data.deepCopy();
    copy.put(key, value);
    return new ToolResult(status, output, reason, copy);
  }

  /** Return this result with one more numeric fact in {@link #data}. */
  public ToolResult with(String key, long value) {
    ObjectNode copy = data.deepCopy();
    copy.put(key, value);
    return new ToolResult(status, output, reason, copy);
  }
}
