package dev.gauntlet.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Speak OpenAI's Responses API, statelessly: every request carries the whole conversation as input
 * items. A stream is read for its final {@code response.completed} (or {@code response.incomplete})
 * event, which holds the whole response.
 */
final class Responses implements Dialect {

  @Override
  public String endpoint() {
    return "responses";
  }

  @Override
  public void headers(Map<String, String> headers, @Nullable String key) {
    if (key != null) {
      headers.put("Authorization", "Bearer " + key);
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
    if (!settings.system().isBlank()) {
      body.put("instructions", settings.system());
    }
    body.putArray("input").addAll(conversation);
    if (!tools.isEmpty()) {
      ArrayNode array = body.putArray("tools");
      for (ToolSchemas.Schema tool : tools) {
        ObjectNode item = array.addObject().put("type", "function");
        item.put("name", tool.name()).put("description", tool.description());
        item.set("parameters", tool.parameters());
      }
    }
    if (settings.maxTokens() > 0) {
      body.put("max_output_tokens", settings.maxTokens());
    }
    if (settings.stream()) {
      body.put("stream", true);
    }
    return body;
  }

  @Override
  public Reply reply(String body, boolean streamed, int step) {
    if (!streamed) {
      return response(Dialect.parse(body, step), body, step);
    }
    for (ServerSentEvents.Event event : ServerSentEvents.parse(body)) {
      JsonNode data = Dialect.parse(event.data(), step);
      String type = data.path("type").asText(event.name());
      if (type.equals("error")) {
        throw ErrorReplies.inStream(step, data.has("error") ? data.path("error") : data);
      }
      if (type.equals("response.completed")
          || type.equals("response.incomplete")
          || type.equals("response.failed")) {
        return response(data.path("response"), body, step);
      }
    }
    return new Reply("", List.of(), "(none)", true, 0, 0);
  }

  private static Reply response(JsonNode response, String body, int step) {
    if (!response.path("output").isArray()) {
      throw new ModelOutputException(
          step,
          ModelOutputException.Kind.MALFORMED_REPLY,
          "Step " + step + ": the model's response has no output: " + Texts.quote(body));
    }
    if (response.path("error").isObject()) {
      throw ErrorReplies.inStream(step, response.path("error"));
    }
    StringBuilder text = new StringBuilder();
    List<Reply.Call> calls = new ArrayList<>();
    for (JsonNode item : response.path("output")) {
      switch (item.path("type").asText("")) {
        case "function_call" -> {
          JsonNode arguments = item.path("arguments");
          calls.add(
              new Reply.Call(
                  item.path("call_id").asText(""),
                  item.path("name").asText(""),
                  arguments.isTextual() ? arguments.textValue() : arguments.toString()));
        }
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            if (part.path("type").asText("").equals("output_text")) {
              text.append(part.path("text").asText(""));
            }
          }
        }
        default -> {
          // Reasoning and other items carry nothing to act on.
        }
      }
    }
    String status = response.path("status").asText("(none)");
    boolean incomplete = status.equals("incomplete");
    String stop =
        incomplete ? response.path("incomplete_details").path("reason").asText(status) : status;
    JsonNode usage = response.path("usage");
    return new Reply(
        text.toString(),
        calls,
        stop,
        incomplete,
        usage.path("input_tokens").asLong(0),
        usage.path("output_tokens").asLong(0));
  }

  @Override
  public List<JsonNode> assistant(Reply reply, List<ToolCall> calls) {
    List<JsonNode> items = new ArrayList<>();
    if (!reply.text().isEmpty()) {
      items.add(JSON.createObjectNode().put("role", "assistant").put("content", reply.text()));
    }
    for (ToolCall call : calls) {
      items.add(
          JSON.createObjectNode()
              .put("type", "function_call")
              .put("call_id", call.id())
              .put("name", call.name())
              .put("arguments", call.raw()));
    }
    return items;
  }

  @Override
  public List<JsonNode> results(List<ToolCall.Answered> answered) {
    return answered.stream()
        .<JsonNode>map(
            a ->
                JSON.createObjectNode()
                    .put("type", "function_call_output")
                    .put("call_id", a.call().id())
                    .put("output", a.text()))
        .toList();
  }
}
