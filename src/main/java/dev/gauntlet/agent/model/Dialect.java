package dev.gauntlet.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Speak one model API: shape requests and conversation turns, and read replies. */
interface Dialect {

  ObjectMapper JSON = new ObjectMapper();

  /** Return the endpoint's path below the base URL, e.g. {@code chat/completions}. */
  String endpoint();

  /** Add the key, when there is one, and any fixed headers the API wants. */
  void headers(Map<String, String> headers, @Nullable String key);

  /** Return the conversation before the model's first turn. */
  List<JsonNode> opening(ModelSettings settings);

  /** Return the request body for the conversation so far. */
  ObjectNode request(
      ModelSettings settings, List<ToolSchemas.Schema> tools, List<JsonNode> conversation);

  /**
   * Read a whole reply body, streamed or not.
   *
   * @throws ModelException when the body is not a reply of this API, or a stream carried an error
   */
  Reply reply(String body, boolean streamed, int step);

  /** Return the conversation items that record the model's turn. */
  List<JsonNode> assistant(Reply reply, List<ToolCall> calls);

  /** Return the conversation items that give the model its calls' results, all in one turn. */
  List<JsonNode> results(List<ToolCall.Answered> answered);

  /** Return the named dialect. */
  static Dialect of(ModelApi api) {
    return switch (api) {
      case OPENAI -> new ChatCompletions();
      case OPENAI_RESPONSES -> new Responses();
      case ANTHROPIC -> new Messages();
    };
  }

  /** Parse a JSON document of a reply, or fail naming the step and what arrived. */
  static JsonNode parse(String text, int step) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new ModelOutputException(
          step,
          ModelOutputException.Kind.MALFORMED_REPLY,
          "Step " + step + ": the model's reply is not JSON: " + Texts.quote(text));
    }
  }
}
