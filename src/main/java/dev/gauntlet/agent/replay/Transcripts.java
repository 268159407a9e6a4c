package dev.gauntlet.agent.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.AgentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Replay a recorded conversation in the OpenAI chat messages format: every tool call of every
 * assistant message becomes one action, in order, with its tool mapped to Gauntlet's. The file is a
 * JSON array of messages, or an object whose {@code messages} field is one (as mini-swe-agent
 * writes them). Messages of other roles are skipped; tool-call ids are not used, so duplicates do
 * no harm; arguments may be JSON text (as the API sends them) or an object. Tools the mapping does
 * not name keep their name, and the loop reports an unknown one to the agent like any other failed
 * action.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Transcripts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Transcripts() {}

  /** Return the mappings used when a scenario gives none: {@code bash} runs in {@code shell}. */
  public static Map<String, ToolMapping> defaultMappings() {
    return Map.of("bash", new ToolMapping("shell", Map.of("command", "command")));
  }

  /**
   * Return the transcript's actions, in order.
   *
   * @throws AgentException naming the file and the JSON pointer of what cannot be read
   */
  public static List<Action> actions(Path file, Map<String, ToolMapping> mappings) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new AgentException(
          "The transcript " + file + " could not be read: " + e.getMessage(), e);
    }
    String base = root != null && root.isObject() ? "/messages" : "";
    JsonNode messages = root != null && root.isObject() ? root.get("messages") : root;
    if (messages == null || !messages.isArray()) {
      throw invalid(
          file,
          base,
          "a transcript is an array of messages, or an object with one under \"messages\"");
    }
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (!message.path("role").asText("").equals("assistant")) {
        continue;
      }
      String at = base + "/" + i;
      JsonNode calls = message.path("tool_calls");
      for (int j = 0; j < calls.size(); j++) {
        actions.add(
            action(
                file,
                calls.get(j).path("function"),
                at + "/tool_calls/" + j + "/function",
                mappings));
      }
      if (message.path("function_call").isObject()) {
        actions.add(action(file, message.path("function_call"), at + "/function_call", mappings));
      }
    }
    return actions;
  }

  /** Return an agent that acts the transcript's actions, then finishes with success. */
  public static Agent replay(Path file, Map<String, ToolMapping> mappings) {
    return new TranscriptAgent(file, actions(file, mappings));
  }

  private static Action action(
      Path file, JsonNode function, String at, Map<String, ToolMapping> mappings) {
    String name = function.path("name").asText("");
    if (name.isEmpty()) {
      throw invalid(file, at + "/name", "every tool call names its function");
    }
    JsonNode raw = function.path("arguments");
    ObjectNode arguments;
    if (raw.isObject()) {
      arguments = (ObjectNode) raw.deepCopy();
    } else if (raw.isMissingNode() || raw.isNull() || raw.asText("").isBlank()) {
      arguments = JSON.createObjectNode();
    } else {
      arguments = parse(file, raw.asText(), at + "/arguments");
    }
    ToolMapping mapping = mappings.get(name);
    if (mapping == null) {
      return new Action(name, arguments);
    }
    ObjectNode renamed = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = arguments.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> argument = it.next();
      renamed.set(
          mapping.arguments().getOrDefault(argument.getKey(), argument.getKey()),
          argument.getValue());
    }
    return new Action(mapping.tool(), renamed);
  }

  private static ObjectNode parse(Path file, String text, String at) {
    try {
      JsonNode parsed = JSON.readTree(text);
      if (parsed instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // Reported below.
    }
    String shown = text.length() <= 200 ? text : text.substring(0, 200) + "…";
    throw invalid(file, at, "the arguments are not a JSON object: \"" + shown + "\"");
  }

  private static AgentException invalid(Path file, String pointer, String rule) {
    return new AgentException(
        "The transcript "
            + file
            + " at "
            + (pointer.isEmpty() ? "/" : pointer)
            + " is invalid: "
            + rule
            + ".");
  }
}
