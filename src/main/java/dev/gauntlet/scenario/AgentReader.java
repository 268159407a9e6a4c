package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.cassette.RecordMode;
import dev.gauntlet.agent.external.ExternalSettings;
import dev.gauntlet.agent.model.ModelApi;
import dev.gauntlet.agent.model.ModelSettings;
import dev.gauntlet.agent.replay.ToolMapping;
import dev.gauntlet.agent.replay.Transcripts;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Read the {@code agent} section of a scenario other than a script: {@code model}, {@code replay},
 * {@code external} and {@code java}. Paths are relative to the scenario file.
 */
final class AgentReader {

  static final List<String> KINDS = List.of("scripted", "model", "replay", "external", "java");
  static final List<String> AGENT_KEYS =
      List.of("scripted", "model", "replay", "external", "java", "tools");
  private static final List<String> MODEL_KEYS =
      List.of(
          "api",
          "name",
          "baseUrl",
          "key",
          "system",
          "task",
          "tools",
          "stream",
          "maxTokens",
          "timeout",
          "cassette");
  private static final List<String> KEY_KEYS = List.of("env");
  private static final List<String> SYSTEM_KEYS = List.of("from");
  private static final List<String> CASSETTE_KEYS = List.of("file", "record");
  private static final List<String> MAPPING_KEYS = List.of("tool", "arguments");
  private static final List<String> EXTERNAL_KEYS =
      List.of("command", "startTimeout", "stepTimeout", "env");
  private static final List<String> JAVA_KEYS = List.of("class", "config");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
  private static final String NO_KEY = "none";
  private static final int MAX_PROMPT_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Checker check;
  private final YamlDocument document;
  private final Function<JsonNode, List<ScriptItem>> script;

  /**
   * @param script reads a {@code scripted} list; scripts stay with the reader of tools
   */
  AgentReader(Checker check, Function<JsonNode, List<ScriptItem>> script) {
    this.check = check;
    this.document = check.document();
    this.script = script;
  }

  /** Return the agent the section describes, or null with the problems recorded. */
  @Nullable AgentSpec agent(JsonNode node, KeyPath path) {
    int before = check.problems().size();
    ObjectNode agent = check.mapping(node, path, AGENT_KEYS);
    if (agent == null) {
      return null;
    }
    List<String> kinds = KINDS.stream().filter(agent::has).toList();
    // An unknown key already reported is most likely the kind misspelt; one problem says it all.
    if (kinds.isEmpty() && check.problems().size() == before) {
      check.problem(path, "the agent names no kind; give one of " + String.join(", ", KINDS));
    }
    if (kinds.isEmpty()) {
      return null;
    }
    if (kinds.size() > 1) {
      check.keyProblem(
          path.key(kinds.get(1)),
          "second kind of agent '"
              + kinds.get(1)
              + "' after '"
              + kinds.get(0)
              + "'; an agent is of exactly one kind");
      return null;
    }
    String kind = kinds.get(0);
    if (agent.has("tools") && !kind.equals("replay")) {
      check.keyProblem(
          path.key("tools"),
          "'tools' maps a transcript's tools and belongs beside 'replay', not '" + kind + "'");
    }
    KeyPath at = path.key(kind);
    JsonNode value = agent.get(kind);
    return switch (kind) {
      case "scripted" -> new ScriptedAgentSpec(script.apply(value));
      case "model" -> model(value, at);
      case "replay" -> replay(value, at, agent.get("tools"), path.key("tools"));
      case "external" -> external(value, at);
      default -> java(value, at);
    };
  }

  private @Nullable AgentSpec model(JsonNode node, KeyPath path) {
    ObjectNode model = check.mapping(node, path, MODEL_KEYS);
    if (model == null) {
      return null;
    }
    int before = check.problems().size();
    JsonNode apiNode = check.required(model, path, "api");
    ModelApi api = apiNode == null ? null : api(apiNode, path.key("api"));
    JsonNode nameNode = check.required(model, path, "name");
    String name = nameNode == null ? null : nonBlank(nameNode, path.key("name"));
    JsonNode taskNode = check.required(model, path, "task");
    String task = taskNode == null ? null : nonBlank(taskNode, path.key("task"));
    URI baseUrl = model.has("baseUrl") ? url(model.get("baseUrl"), path.key("baseUrl")) : null;
    String keyVariable = model.has("key") ? keyVariable(model.get("key"), path.key("key")) : null;
    String system = model.has("system") ? system(model.get("system"), path.key("system")) : "";
    List<String> tools =
        model.has("tools")
            ? tools(model.get("tools"), path.key("tools"))
            : ModelSettings.DEFAULT_TOOLS;
    Boolean stream =
        model.has("stream") ? check.bool(model.get("stream"), path.key("stream")) : null;
    Integer maxTokens =
        model.has("maxTokens")
            ? check.integer(model.get("maxTokens"), path.key("maxTokens"), 1)
            : null;
    Duration timeout =
        model.has("timeout")
            ? ScenarioReader.duration(check, model.get("timeout"), path.key("timeout"))
            : null;
    ModelAgentSpec.Cassette cassette =
        model.has("cassette") ? cassette(model.get("cassette"), path.key("cassette")) : null;
    if (check.problems().size() > before
        || api == null
        || name == null
        || task == null
        || system == null) {
      return null;
    }
    ModelSettings settings = ModelSettings.of(api, name, task).withSystem(system).withTools(tools);
    if (baseUrl != null) {
      settings = settings.withBaseUrl(baseUrl);
    }
    if (keyVariable != null) {
      settings = settings.withKeyVariable(keyVariable.equals(NO_KEY) ? null : keyVariable);
    }
    if (stream != null) {
      settings = settings.withStream(stream);
    }
    if (maxTokens != null) {
      settings = settings.withMaxTokens(maxTokens);
    }
    if (timeout != null) {
      settings = settings.withTimeout(timeout);
    }
    return new ModelAgentSpec(settings, cassette);
  }

  private @Nullable ModelApi api(JsonNode node, KeyPath path) {
    String key = check.string(node, path);
    if (key == null) {
      return null;
    }
    ModelApi api = ModelApi.byKey(key);
    if (api == null) {
      List<String> keys = Arrays.stream(ModelApi.values()).map(ModelApi::key).toList();
      check.problem(
          path, "unknown model API '" + Describe.shorten(key) + "'; " + Nearest.hint(key, keys));
    }
    return api;
  }

  private @Nullable String nonBlank(JsonNode node, KeyPath path) {
    String text = check.string(node, path);
    if (text != null && text.isBlank()) {
      check.problem(path, "expected text but found a blank string");
      return null;
    }
    return text;
  }

  private @Nullable URI url(JsonNode node, KeyPath path) {
    String text = check.string(node, path);
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below.
    }
    check.problem(
        path,
        "'"
            + Describe.shorten(text)
            + "' is not an http or https URL such as https://api.openai.com/v1");
    return null;
  }

  /**
   * Read {@code key: { env: NAME }}, or {@code key: none} for a server that takes no key: the API
   * key is only ever named, never written.
   */
  private @Nullable String keyVariable(JsonNode node, KeyPath path) {
    if (node.isTextual() && node.asText().equals(NO_KEY)) {
      return NO_KEY;
    }
    if (node.isTextual()) {
      check.problem(
          path,
          "write the API key's environment variable as 'key: { env: NAME }', or 'key: none';"
              + " a key itself must never be written in a scenario");
      return null;
    }
    ObjectNode key = check.mapping(node, path, KEY_KEYS);
    JsonNode env = key == null ? null : check.required(key, path, "env");
    String name = env == null ? null : check.string(env, path.key("env"));
    if (name != null && !VARIABLE.matcher(name).matches()) {
      check.problem(
          path.key("env"),
          "'" + Describe.shorten(name) + "' is not an environment variable's name");
      return null;
    }
    return name;
  }

  /** Read the system prompt: text, or {@code { from: file }}; null with a problem recorded. */
  private @Nullable String system(JsonNode node, KeyPath path) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (!node.isObject()) {
      check.expected(node, path, "the prompt as a string, or a mapping with 'from'");
      return null;
    }
    ObjectNode system = check.mapping(node, path, SYSTEM_KEYS);
    JsonNode from = system == null ? null : check.required(system, path, "from");
    Path file = from == null ? null : existingFile(from, path.key("from"), "system prompt");
    if (file == null) {
      return null;
    }
    try {
      if (Files.size(file) > MAX_PROMPT_BYTES) {
        check.problem(
            path.key("from"),
            "the system prompt is over the limit of " + MAX_PROMPT_BYTES + " bytes");
        return null;
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      check.problem(path.key("from"), "the system prompt cannot be read as UTF-8 text: " + e);
      return null;
    }
  }

  private List<String> tools(JsonNode node, KeyPath path) {
    List<String> tools = new ArrayList<>();
    ArrayNode list = check.list(node, path);
    if (list == null) {
      return tools;
    }
    if (list.isEmpty()) {
      check.problem(path, "expected at least one tool but found an empty list");
    }
    for (int i = 0; i < list.size(); i++) {
      String name = check.string(list.get(i), path.index(i));
      if (name == null) {
        continue;
      }
      if (Tools.find(name) == null) {
        check.problem(
            path.index(i),
            "unknown tool '" + Describe.shorten(name) + "'; " + Nearest.hint(name, Tools.names()));
      } else if (tools.contains(name)) {
        check.problem(path.index(i), "tool '" + name + "' is offered twice");
      } else {
        tools.add(name);
      }
    }
    return tools;
  }

  private ModelAgentSpec.@Nullable Cassette cassette(JsonNode node, KeyPath path) {
    ObjectNode cassette;
    JsonNode fileNode;
    if (node.isTextual()) {
      cassette = null;
      fileNode = node;
    } else {
      cassette = check.mapping(node, path, CASSETTE_KEYS);
      fileNode = cassette == null ? null : check.required(cassette, path, "file");
    }
    KeyPath filePath = cassette == null ? path : path.key("file");
    Path file = fileNode == null ? null : relativeFile(fileNode, filePath);
    RecordMode mode = RecordMode.NONE;
    JsonNode recordNode = cassette == null ? null : cassette.get("record");
    if (recordNode != null) {
      String key = check.string(recordNode, path.key("record"));
      RecordMode named = key == null ? null : RecordMode.byKey(key);
      if (key != null && named == null) {
        List<String> keys = Arrays.stream(RecordMode.values()).map(RecordMode::key).toList();
        check.problem(
            path.key("record"),
            "unknown record mode '" + Describe.shorten(key) + "'; " + Nearest.hint(key, keys));
      }
      mode = named == null ? mode : named;
    }
    if (file == null || fileNode == null) {
      return null;
    }
    if (replaysOnly(mode) && !Files.isRegularFile(file)) {
      check.problem(
          filePath,
          "no cassette at '"
              + fileNode.asText()
              + "' (looked for "
              + file
              + ") and the record mode is 'none'; record one with ./gauntlet record");
      return null;
    }
    return new ModelAgentSpec.Cassette(file, mode);
  }

  /** Return whether a run in {@code mode}, or in the mode the whole run imposes, only replays. */
  private static boolean replaysOnly(RecordMode mode) {
    try {
      RecordMode override = RecordMode.override();
      return (override == null ? mode : override) == RecordMode.NONE;
    } catch (IllegalArgumentException e) {
      // The run reports the bad property when it opens the cassette.
      return mode == RecordMode.NONE;
    }
  }

  private @Nullable AgentSpec replay(
      JsonNode node, KeyPath path, @Nullable JsonNode toolsNode, KeyPath toolsPath) {
    Path transcript = existingFile(node, path, "transcript");
    Map<String, ToolMapping> tools = new LinkedHashMap<>(Transcripts.defaultMappings());
    ObjectNode mappings = toolsNode == null ? null : check.anyMapping(toolsNode, toolsPath);
    boolean good = toolsNode == null || mappings != null;
    if (mappings != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = mappings.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        ToolMapping mapping = mapping(entry.getValue(), toolsPath.key(entry.getKey()));
        if (mapping == null) {
          good = false;
        } else {
          tools.put(entry.getKey(), mapping);
        }
      }
    }
    return transcript == null || !good ? null : new ReplayAgentSpec(transcript, tools);
  }

  /** Read {@code bash: shell}, or {@code bash: { tool: shell, arguments: { cmd: command } }}. */
  private @Nullable ToolMapping mapping(JsonNode node, KeyPath path) {
    if (node.isTextual()) {
      String tool = gauntletTool(node, path);
      return tool == null ? null : ToolMapping.to(tool);
    }
    ObjectNode mapping = check.mapping(node, path, MAPPING_KEYS);
    JsonNode toolNode = mapping == null ? null : check.required(mapping, path, "tool");
    String tool = toolNode == null ? null : gauntletTool(toolNode, path.key("tool"));
    Map<String, String> renames = new LinkedHashMap<>();
    JsonNode arguments = mapping == null ? null : mapping.get("arguments");
    ObjectNode renamed =
        arguments == null ? null : check.anyMapping(arguments, path.key("arguments"));
    if (renamed != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = renamed.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String to = check.string(entry.getValue(), path.key("arguments").key(entry.getKey()));
        if (to != null) {
          renames.put(entry.getKey(), to);
        }
      }
    }
    return tool == null ? null : new ToolMapping(tool, renames);
  }

  private @Nullable String gauntletTool(JsonNode node, KeyPath path) {
    String tool = check.string(node, path);
    if (tool != null && (Tools.find(tool) == null || tool.equals(Tools.FINISH))) {
      check.problem(
          path,
          "unknown tool '" + Describe.shorten(tool) + "'; " + Nearest.hint(tool, actionTools()));
      return null;
    }
    return tool;
  }

  private static List<String> actionTools() {
    return Tools.names().stream().filter(name -> !name.equals(Tools.FINISH)).toList();
  }

  private @Nullable AgentSpec external(JsonNode node, KeyPath path) {
    ObjectNode external = check.mapping(node, path, EXTERNAL_KEYS);
    if (external == null) {
      return null;
    }
    int before = check.problems().size();
    JsonNode commandNode = check.required(external, path, "command");
    List<String> command = commandNode == null ? null : command(commandNode, path.key("command"));
    Duration start =
        external.has("startTimeout")
            ? ScenarioReader.duration(check, external.get("startTimeout"), path.key("startTimeout"))
            : Duration.ofSeconds(10);
    Duration step =
        external.has("stepTimeout")
            ? ScenarioReader.duration(check, external.get("stepTimeout"), path.key("stepTimeout"))
            : Duration.ofSeconds(30);
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode envNode = external.get("env");
    ObjectNode variables = envNode == null ? null : check.anyMapping(envNode, path.key("env"));
    if (variables != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        KeyPath at = path.key("env").key(entry.getKey());
        String value = check.string(entry.getValue(), at);
        if (!VARIABLE.matcher(entry.getKey()).matches()) {
          check.keyProblem(
              at,
              "'" + Describe.shorten(entry.getKey()) + "' is not an environment variable's name");
        } else if (value != null) {
          env.put(entry.getKey(), value);
        }
      }
    }
    if (check.problems().size() > before || command == null || start == null || step == null) {
      return null;
    }
    return new ExternalAgentSpec(new ExternalSettings(command, folder(), env, start, step));
  }

  private @Nullable List<String> command(JsonNode node, KeyPath path) {
    ArrayNode list = check.list(node, path);
    if (list == null) {
      return null;
    }
    if (list.isEmpty()) {
      check.problem(path, "expected the program and its arguments but found an empty list");
      return null;
    }
    List<String> command = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String part = check.string(list.get(i), path.index(i));
      if (part != null) {
        command.add(part);
      }
    }
    if (command.size() == list.size() && command.get(0).isBlank()) {
      check.problem(path.index(0), "the program's name is blank");
      return null;
    }
    return command.size() == list.size() ? command : null;
  }

  private @Nullable AgentSpec java(JsonNode node, KeyPath path) {
    ObjectNode java = check.mapping(node, path, JAVA_KEYS);
    if (java == null) {
      return null;
    }
    JsonNode classNode = check.required(java, path, "class");
    String className = classNode == null ? null : check.string(classNode, path.key("class"));
    if (className != null && !CLASS_NAME.matcher(className).matches()) {
      check.problem(
          path.key("class"),
          "'"
              + Describe.shorten(className)
              + "' is not a Java class name such as com.example.MyAgent");
      className = null;
    }
    JsonNode configNode = java.get("config");
    ObjectNode config =
        configNode == null ? null : check.anyMapping(configNode, path.key("config"));
    // Map.copyOf and the agent's own code refuse nulls; an empty YAML value is a slip of the pen.
    boolean complete = config == null || valued(config, path.key("config"));
    if (className == null || (configNode != null && config == null) || !complete) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    if (config != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> converted = JSON.convertValue(config, LinkedHashMap.class);
      values.putAll(converted);
    }
    return new JavaAgentSpec(className, values);
  }

  /** Return whether every value inside {@code node} is given, recording a problem for each not. */
  private boolean valued(JsonNode node, KeyPath path) {
    if (node.isNull()) {
      check.problem(path, "the setting has no value; write one, or \"\" for an empty string");
      return false;
    }
    boolean valued = true;
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        valued &= valued(entry.getValue(), path.key(entry.getKey()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        valued &= valued(node.get(i), path.index(i));
      }
    }
    return valued;
  }

  /** Return a path relative to the scenario file, or null with a problem recorded. */
  private @Nullable Path relativeFile(JsonNode node, KeyPath path) {
    String relative = check.string(node, path);
    if (relative == null) {
      return null;
    }
    String escape = ScenarioFolder.escape(folder(), relative);
    if (escape != null) {
      check.problem(path, escape);
      return null;
    }
    return folder().resolve(relative).normalize();
  }

  private @Nullable Path existingFile(JsonNode node, KeyPath path, String what) {
    Path file = relativeFile(node, path);
    if (file != null && !Files.isRegularFile(file)) {
      check.problem(path, "no " + what + " at '" + node.asText() + "' (looked for " + file + ")");
      return null;
    }
    return file;
  }

  private Path folder() {
    Path file = document.file().toAbsolutePath();
    Path parent = file.getParent();
    return parent != null ? parent : file;
  }
}
