package dev.gauntlet.agent.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.gauntlet.agent.AgentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read and write a cassette: a WireMock mappings file whose stubs form one WireMock scenario, so
 * that the exchanges are served in the order they were recorded, each matching its request body
 * exactly. A hand-written exchange without {@code bodyPatterns} matches any body.
 */
final class CassetteFile {

  static final String SCENARIO = "cassette";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CassetteFile() {}

  /** Return the state the cassette is in before exchange {@code index} (0-based). */
  static String stateBefore(int index) {
    return index == 0 ? Scenario.STARTED : "after exchange " + index;
  }

  /** Return the WireMock mapping that serves exchange {@code index} (0-based). */
  static ObjectNode mapping(Exchange exchange, int index) {
    ObjectNode mapping = JSON.createObjectNode();
    mapping.put("name", "exchange " + (index + 1));
    mapping.put("scenarioName", SCENARIO);
    mapping.put("requiredScenarioState", stateBefore(index));
    mapping.put("newScenarioState", stateBefore(index + 1));
    ObjectNode request = mapping.putObject("request");
    request.put("method", exchange.method()).put("urlPath", exchange.path());
    if (exchange.request().isTextual()) {
      request.putArray("bodyPatterns").addObject().put("equalTo", exchange.request().textValue());
    } else if (!exchange.request().isNull()) {
      request.putArray("bodyPatterns").addObject().set("equalToJson", exchange.request());
    }
    ObjectNode response = mapping.putObject("response");
    response.put("status", exchange.status());
    ObjectNode headers = response.putObject("headers");
    exchange.headers().forEach(headers::put);
    if (exchange.body().isTextual()) {
      response.put("body", exchange.body().textValue());
    } else {
      response.set("jsonBody", exchange.body());
    }
    return mapping;
  }

  static void write(Path file, List<Exchange> exchanges) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode mappings = root.putArray("mappings");
    for (int i = 0; i < exchanges.size(); i++) {
      mappings.add(mapping(exchanges.get(i), i));
    }
    try {
      Path folder = file.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      Path temporary = Files.createTempFile(folder, ".cassette", ".json");
      Files.writeString(temporary, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AgentException("The cassette " + file + " could not be written: " + e, e);
    }
  }

  /**
   * Read the exchanges of a cassette written by {@link #write}, in order.
   *
   * @throws AgentException naming the file and the JSON pointer of what is wrong
   */
  static List<Exchange> read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AgentException("The cassette " + file + " could not be read: " + e.getMessage(), e);
    }
    JsonNode mappings = root == null ? null : root.get("mappings");
    if (mappings == null || !mappings.isArray()) {
      throw invalid(file, "", "a cassette is an object with a \"mappings\" array");
    }
    List<Exchange> exchanges = new ArrayList<>();
    for (int i = 0; i < mappings.size(); i++) {
      exchanges.add(exchange(file, mappings.get(i), "/mappings/" + i));
    }
    return exchanges;
  }

  private static Exchange exchange(Path file, JsonNode mapping, String pointer) {
    JsonNode request = mapping.path("request");
    JsonNode pattern = request.path("bodyPatterns").path(0);
    JsonNode body =
        pattern.has("equalToJson")
            ? pattern.get("equalToJson")
            : pattern.has("equalTo")
                ? TextNode.valueOf(pattern.path("equalTo").asText(""))
                : NullNode.getInstance();
    if (body.isTextual() && pattern.has("equalToJson")) {
      body = parseOrKeep(body.textValue());
    }
    String path = request.path("urlPath").asText(request.path("url").asText(""));
    if (path.isEmpty()) {
      throw invalid(file, pointer + "/request/urlPath", "every exchange needs the request's path");
    }
    JsonNode response = mapping.path("response");
    if (!response.path("status").canConvertToInt()) {
      throw invalid(file, pointer + "/response/status", "every exchange needs a status");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      headers.put(header.getKey(), header.getValue().asText());
    }
    JsonNode answer =
        response.has("jsonBody")
            ? response.get("jsonBody")
            : TextNode.valueOf(response.path("body").asText(""));
    return new Exchange(
        request.path("method").asText("POST"),
        path,
        body,
        response.path("status").asInt(),
        headers,
        answer);
  }

  /** Return the text parsed as JSON, or the text itself when it is not JSON. */
  static JsonNode parseOrKeep(String text) {
    try {
      JsonNode parsed = JSON.readTree(text);
      return parsed == null ? TextNode.valueOf(text) : parsed;
    } catch (IOException e) {
      return TextNode.valueOf(text);
    }
  }

  private static AgentException invalid(Path file, String pointer, String rule) {
    return new AgentException(
        "The cassette "
            + file
            + (pointer.isEmpty() ? "" : " at " + pointer)
            + " is invalid: "
            + rule
            + ".");
  }
}
