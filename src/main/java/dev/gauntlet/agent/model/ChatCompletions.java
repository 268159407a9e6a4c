package dev.gauntlet.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Speak OpenAI's chat completions, streamed or not. */
final class ChatCompletions implements Dialect {

  @Override
  public String endpoint() {
    return "chat/completions";
  }

  @Override
  public void headers(Map<String, String> headers, @Nullable String key) {
    if (key != null) {
      headers.put("Authorization", "Bearer " + key);
    }
  }

  @Override
  public List<JsonNode> opening(ModelSettings settings) {
    List<JsonNode> messages = new ArrayList<>();
    if (!settings.system().isBlank()) {
      messages.add(JSON.createObjectNode().put("role", "system").put("content", settings.system()));
    }
    messages.add(JSON.createObjectNode().put("role", "user").put("content", settings.task()));
    return messages;
  }

  @Override
  public ObjectNode request(
      ModelSettings settings, List<ToolSchemas.Schema> tools, List<JsonNode> conversation) {
    ObjectNode body = JSON.createObjectNode().put("model", settings.model());
    body.putArray("messages").addAll(conversation);
    if (!tools.isEmpty()) {
      ArrayNode array = body.putArray("tools");
      for (ToolSchemas.Schema tool : tools) {
        ObjectNode function = array.addObject().put("type", "function").putObject("function");
        function.put("name", tool.name()).put("description", tool.description());
        function.set("parameters", tool.parameters());
      }
    }
    if (settings.maxTokens() > 0) {
      body.put("max_tokens", settings.maxTokens());
    }
    body.put("stream", settings.stream());
    if (settings.stream()) {
      body.putObject("stream_options").put("include_usage", true);
    }
    return body;
  }

  @Override
  public Reply reply(String body, boolean streamed, int step) {
    return streamed ? stream(body, step) : whole(body, step);
  }

  private static Reply whole(String body, int step) {
    JsonNode reply = Dialect.parse(body, step);
    JsonNode choice = reply.path("choices").path(0);
    if (!choice.isObject()) {
      throw new ModelOutputException(
          step,
          ModelOutputException.Kind.MALFORMED_REPLY,
          "Step " + step + ": the model's reply has no choices: " + Texts.quote(body));
    }
    JsonNode message = choice.path("message");
    List<Reply.Call> calls = new ArrayList<>();
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      calls.add(
          new Reply.Call(
              call.path("id").asText(""),
              function.path("name").asText(""),
              arguments(function.path("arguments"))));
    }
    String finish = choice.path("finish_reason").asText("(none)");
    JsonNode usage = reply.path("usage");
    return new Reply(
        message.path("content").asText(""),
        calls,
        finish,
        finish.equals("length"),
        usage.path("prompt_tokens").asLong(0),
        usage.path("completion_tokens").asLong(0));
  }

  private static Reply stream(String body, int step) {
    StringBuilder text = new StringBuilder();
    Map<Integer, CallBuilder> calls = new TreeMap<>();
    String finish = null;
    long prompt = 0;
    long completion = 0;
    for (ServerSentEvents.Event event : ServerSentEvents.parse(body)) {
      if (event.data().equals("[DONE]")) {
        break;
      }
      JsonNode chunk = Dialect.parse(event.data(), step);
      if (chunk.has("error")) {
        throw ErrorReplies.inStream(step, chunk.path("error"));
      }
      JsonNode usage = chunk.path("usage");
      if (usage.isObject()) {
        prompt = usage.path("prompt_tokens").asLong(prompt);
        completion = usage.path("completion_tokens").asLong(completion);
      }
      for (JsonNode choice : chunk.path("choices")) {
        if (choice.path("index").asInt(0) != 0) {
          continue;
        }
        JsonNode delta = choice.path("delta");
        if (delta.path("content").isTextual()) {
          text.append(delta.path("content").textValue());
        }
        for (JsonNode fragment : delta.path("tool_calls")) {
          CallBuilder call =
              calls.computeIfAbsent(fragment.path("index").asInt(0), index -> new CallBuilder());
          call.add(fragment);
        }
        if (choice.path("finish_reason").isTextual()) {
          finish = choice.path("finish_reason").textValue();
        }
      }
    }
    List<Reply.Call> built = calls.values().stream().map(CallBuilder::build).toList();
    boolean truncated = finish == null || finish.equals("length");
    return new Reply(
        text.toString(), built, finish == null ? "(none)" : finish, truncated, prompt, completion);
  }

  private static String arguments(JsonNode arguments) {
    // Some compatible servers send the arguments as an object rather than as JSON text.
    return arguments.isTextual() ? arguments.textValue() : arguments.toString();
  }

  @Override
  public List<JsonNode> assistant(Reply reply, List<ToolCall> calls) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    if (reply.text().isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", reply.text());
    }
    if (!calls.isEmpty()) {
      ArrayNode array = message.putArray("tool_calls");
      for (ToolCall call : calls) {
        ObjectNode item = array.addObject().put("id", call.id()).put("type", "function");
        item.putObject("function").put("name", call.name()).put("arguments", call.raw());
      }
    }
    return List.of(message);
  }

  @Override
  public List<JsonNode> results(List<ToolCall.Answered> answered) {
    return answered.stream()
        .<JsonNode>map(
            a ->
                JSON.createObjectNode()
                    .put("role", "tool")
                    .put("tool_call_id", a.call().id())
                    .put("content", a.text()))
        .toList();
  }

  /** One tool call put together from a stream's fragments. */
  private static final class CallBuilder {
    private String id = "";
    private String name = "";
    private final StringBuilder arguments = new StringBuilder();

    void add(JsonNode fragment) {
      if (fragment.path("id").isTextual()) {
        id = fragment.path("id").textValue();
      }
      JsonNode function = fragment.path("function");
      if (function.path("name").isTextual()) {
        name = name + function.path("name").textValue();
      }
      if (function.path("arguments").isTextual()) {
        arguments.append(function.path("arguments").textValue());
      }
    }

    Reply.Call build() {
      return new Reply.Call(id, name, arguments.toString());
    }
  }
}
