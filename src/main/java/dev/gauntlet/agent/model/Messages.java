package dev.gauntlet.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Speak Anthropic's Messages API, streamed or not. */
final class Messages implements Dialect {

  static final String VERSION = "2023-06-01";
  static final int DEFAULT_MAX_TOKENS = 4096;

  @Override
  public String endpoint() {
    return "messages";
  }

  @Override
  public void headers(Map<String, String> headers, @Nullable String key) {
    headers.put("anthropic-version", VERSION);
    if (key != null) {
      headers.put("x-api-key", key);
    }
  }

  @Override
  public List<JsonNode> opening(ModelSettings settings) {
    return List.of(JSON.createObjectNode().put("role", "user").put("content", settings.task()));
  }

  @Override
  public ObjectNode request(
      ModelSettings settings, List<ToolSchemas.Schema> tools, List<JsonNode> conversation) {
    ObjectNode body = JSON.createObjectNode().put("model", settings.model());
    body.put("max_tokens", settings.maxTokens() > 0 ? settings.maxTokens() : DEFAULT_MAX_TOKENS);
    if (!settings.system().isBlank()) {
      body.put("system", settings.system());
    }
    body.putArray("messages").addAll(conversation);
    if (!tools.isEmpty()) {
      ArrayNode array = body.putArray("tools");
      for (ToolSchemas.Schema tool : tools) {
        ObjectNode item = array.addObject();
        item.put("name", tool.name()).put("description", tool.description());
        item.set("input_schema", tool.parameters());
      }
    }
    if (settings.stream()) {
      body.put("stream", true);
    }
    return body;
  }

  @Override
  public Reply reply(String body, boolean streamed, int step) {
    return streamed ? stream(body, step) : whole(body, step);
  }

  private static Reply whole(String body, int step) {
    JsonNode reply = Dialect.parse(body, step);
    if (!reply.path("content").isArray()) {
      throw new ModelOutputException(
          step,
          ModelOutputException.Kind.MALFORMED_REPLY,
          "Step " + step + ": the model's reply has no content: " + Texts.quote(body));
    }
    StringBuilder text = new StringBuilder();
    List<Reply.Call> calls = new ArrayList<>();
    for (JsonNode block : reply.path("content")) {
      switch (block.path("type").asText("")) {
        case "text" -> text.append(block.path("text").asText(""));
        case "tool_use" ->
            calls.add(
                new Reply.Call(
                    block.path("id").asText(""),
                    block.path("name").asText(""),
                    block.path("input").toString()));
        default -> {
          // Thinking and other blocks carry nothing to act on.
        }
      }
    }
    String stop = reply.path("stop_reason").asText("(none)");
    JsonNode usage = reply.path("usage");
    return new Reply(
        text.toString(),
        calls,
        stop,
        stop.equals("max_tokens"),
        inputTokens(usage),
        usage.path("output_tokens").asLong(0));
  }

  private static Reply stream(String body, int step) {
    StringBuilder text = new StringBuilder();
    Map<Integer, Block> blocks = new TreeMap<>();
    String stop = null;
    long prompt = 0;
    long completion = 0;
    for (ServerSentEvents.Event event : ServerSentEvents.parse(body)) {
      JsonNode data = Dialect.parse(event.data(), step);
      switch (data.path("type").asText(event.name())) {
        case "message_start" -> {
          JsonNode usage = data.path("message").path("usage");
          prompt = inputTokens(usage);
          completion = usage.path("output_tokens").asLong(0);
        }
        case "content_block_start" -> {
          JsonNode block = data.path("content_block");
          if (block.path("type").asText("").equals("tool_use")) {
            blocks.put(data.path("index").asInt(), new Block(block));
          }
        }
        case "content_block_delta" -> {
          JsonNode delta = data.path("delta");
          if (delta.path("type").asText("").equals("text_delta")) {
            text.append(delta.path("text").asText(""));
          }
          Block block = blocks.get(data.path("index").asInt());
          if (block != null && delta.path("type").asText("").equals("input_json_delta")) {
            block.json.append(delta.path("partial_json").asText(""));
          }
        }
        case "message_delta" -> {
          if (data.path("delta").path("stop_reason").isTextual()) {
            stop = data.path("delta").path("stop_reason").textValue();
          }
          JsonNode usage = data.path("usage");
          completion = usage.path("output_tokens").asLong(completion);
          if (usage.has("input_tokens")) {
            prompt = inputTokens(usage);
          }
        }
        case "error" -> throw ErrorReplies.inStream(step, data.path("error"));
        default -> {
          // ping, content_block_stop, message_stop: nothing to keep.
        }
      }
    }
    List<Reply.Call> calls = blocks.values().stream().map(Block::build).toList();
    boolean truncated = stop == null || stop.equals("max_tokens");
    return new Reply(
        text.toString(), calls, stop == null ? "(none)" : stop, truncated, prompt, completion);
  }

  private static long inputTokens(JsonNode usage) {
    return usage.path("input_tokens").asLong(0)
        + usage.path("cache_creation_input_tokens").asLong(0)
        + usage.path("cache_read_input_tokens").asLong(0);
  }

  @Override
  public List<JsonNode> assistant(Reply reply, List<ToolCall> calls) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    ArrayNode content = message.putArray("content");
    if (!reply.text().isEmpty()) {
      content.addObject().put("type", "text").put("text", reply.text());
    }
    for (ToolCall call : calls) {
      ObjectNode block = content.addObject().put("type", "tool_use");
      block.put("id", call.id()).put("name", call.name()).set("input", call.arguments());
    }
    return List.of(message);
  }

  @Override
  public List<JsonNode> results(List<ToolCall.Answered> answered) {
    ObjectNode message = JSON.createObjectNode().put("role", "user");
    ArrayNode content = message.putArray("content");
    for (ToolCall.Answered a : answered) {
      ObjectNode block = content.addObject().put("type", "tool_result");
      block.put("tool_use_id", a.call().id()).put("content", a.text());
      if (a.failed()) {
        block.put("is_error", true);
      }
    }
    return List.of(message);
  }

  /** A tool_use block being streamed. */
  private static final class Block {
    final String id;
    final String name;
    final JsonNode input;
    final StringBuilder json = new StringBuilder();

    Block(JsonNode start) {
      this.id = start.path("id").asText("");
      this.name = start.path("name").asText("");
      this.input = start.path("input");
    }

    Reply.Call build() {
      // A tool without arguments streams no fragments; its input is the start block's.
      String arguments =
          json.length() > 0 ? json.toString() : input.isObject() ? input.toString() : "{}";
      return new Reply.Call(id, name, arguments);
    }
  }
}
