package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.gauntlet.network.Network;
import dev.gauntlet.network.NetworkSpec;
import dev.gauntlet.network.Reason;
import dev.gauntlet.sandbox.WorkspacePaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** Turn one YAML document into a {@link Scenario}, or into the problems that prevent it. */
final class ScenarioReader {

  static final List<String> TOP_LEVEL_KEYS =
      List.of(
          "id",
          "name",
          "tags",
          "repeat",
          "budget",
          "workspace",
          "network",
          "agent",
          "detect",
          "recovery",
          "faults",
          "exclusive",
          "expect");

  static final String ID_RULE = "[a-z0-9][a-z0-9._-]*";

  private static final Pattern ID = Pattern.compile(ID_RULE);
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String TAG_FORBIDDEN = ",()&|!";
  private static final List<String> BUDGET_KEYS = List.of("steps", "wallClock", "tokens");
  private static final List<String> WORKSPACE_KEYS = List.of("files", "keep");
  private static final List<String> SEED_KEYS = List.of("content", "from");
  private static final List<String> EXPECT_KEYS =
      List.of(
          "outcome",
          "steps",
          "files",
          "network",
          "loops",
          "stalls",
          "deadlines",
          "latency",
          "recovery",
          "errors");
  private static final List<String> NETWORK_CHECK_KEYS =
      List.of("denied", "deniedBy", "onlyHosts", "atMostPerHost", "everyMockUsed", "noUnmatched");
  private static final List<String> STEP_ERROR_KEYS = List.of("step", "reason");
  private static final List<String> STEP_BOUND_KEYS = List.of("atLeast", "atMost");
  private static final List<String> FILE_CHECK_KEYS =
      List.of("exists", "absent", "equals", "contains", "matches", "json");
  private static final List<String> REPEAT_KEYS = List.of("repeat", "as", "do");
  private static final String SAVE = "save";
  private static final String RETRY = "retry";
  private static final List<String> FINISH_OUTCOMES = List.of("success", "failed", "gave_up");

  private final Checker check;
  private final YamlDocument document;
  private final int maxSeedBytes;
  private final ArgumentRules argumentRules;
  private final ScriptVariables variables;

  /** Where the id was written, for the duplicate-id problem of a later file. */
  private @Nullable Origin idOrigin;

  ScenarioReader(YamlDocument document, int maxSeedBytes) {
    this.document = document;
    this.check = new Checker(document);
    this.maxSeedBytes = maxSeedBytes;
    this.argumentRules = new ArgumentRules(check);
    this.variables = new ScriptVariables(check);
  }

  List<Problem> problems() {
    return check.problems();
  }

  @Nullable Origin idOrigin() {
    return idOrigin;
  }

  /** Return the scenario, or null when {@link #problems()} says why there is none. */
  @Nullable Scenario read() {
    KeyPath root = KeyPath.ROOT;
    ObjectNode top = check.mapping(document.root(), root, TOP_LEVEL_KEYS);
    if (top == null) {
      return null;
    }

    String id = id(top);
    String name = optionalString(top, root, "name");
    List<String> tags = tags(top.get("tags"), root.key("tags"));
    Budget budget = budget(top.get("budget"), root.key("budget"));
    List<SeedFile> seeds = new ArrayList<>();
    boolean keep = workspace(top.get("workspace"), root.key("workspace"), seeds);
    JsonNode agentNode = check.required(top, root, "agent");
    AgentSpec agent =
        agentNode == null
            ? null
            : new AgentReader(check, script -> script(script, root.key("agent").key("scripted")))
                .agent(agentNode, root.key("agent"));
    DetectReader detectReader = new DetectReader(check);
    int trials = detectReader.trials(top.get("repeat"), root.key("repeat"));
    DetectSpec detect = detectReader.detect(top.get("detect"), root.key("detect"));
    RecoverySpec recovery =
        new RecoveryReader(check).recovery(top.get("recovery"), root.key("recovery"));
    ExpectSpec expect = expect(top.get("expect"), root.key("expect"));
    stepsWithinBudget(expect, budget, root.key("expect").key("steps").key("atLeast"));
    Network network = network(top.get("network"), root.key("network"));
    List<ToolFault> faults = new FaultReader(check).faults(top.get("faults"), root.key("faults"));
    List<String> exclusive =
        new ExclusiveReader(check).exclusive(top.get("exclusive"), root.key("exclusive"));

    if (!check.problems().isEmpty() || id == null || agent == null) {
      return null;
    }
    Origin origin = document.origin(root);
    return new Scenario(
        id,
        name != null ? name : id,
        tags,
        budget,
        seeds,
        keep,
        agent,
        expect,
        origin,
        network,
        detect,
        trials,
        recovery,
        faults,
        exclusive);
  }

  /** Compile the network section; policy and body files are relative to the scenario's folder. */
  private @Nullable Network network(@Nullable JsonNode node, KeyPath path) {
    if (node == null) {
      return null;
    }
    Path file = document.file().toAbsolutePath();
    Path folder = file.getParent() != null ? file.getParent() : file;
    try {
      NetworkSpec spec = YamlFrontDoor.bind(document, path, node, NetworkSpec.class);
      return Network.compile(spec, document, path, folder);
    } catch (ScenarioException e) {
      check.addAll(e.problems());
      return null;
    }
  }

  private @Nullable String id(ObjectNode top) {
    JsonNode node = check.required(top, KeyPath.ROOT, "id");
    if (node == null) {
      return null;
    }
    KeyPath path = KeyPath.ROOT.key("id");
    idOrigin = document.origin(path);
    String id = check.string(node, path);
    if (id != null && !ID.matcher(id).matches()) {
      check.problem(
          path,
          "id '"
              + Describe.shorten(id)
              + "' must match "
              + ID_RULE
              + ": lower-case letters and digits, then also '.', '_' or '-'");
      return null;
    }
    return id;
  }

  private @Nullable String optionalString(ObjectNode mapping, KeyPath parent, String key) {
    JsonNode node = mapping.get(key);
    return node == null ? null : check.string(node, parent.key(key));
  }

  private List<String> tags(@Nullable JsonNode node, KeyPath path) {
    List<String> tags = new ArrayList<>();
    ArrayNode list = node == null ? null : check.list(node, path);
    if (list == null) {
      return tags;
    }
    for (int i = 0; i < list.size(); i++) {
      String tag = check.string(list.get(i), path.index(i));
      if (tag == null) {
        continue;
      }
      if (tag.isBlank() || tag.chars().anyMatch(c -> Character.isWhitespace(c) || isForbidden(c))) {
        check.problem(
            path.index(i),
            "tag '"
                + Describe.shorten(tag)
                + "' is not a valid JUnit tag: no blanks, whitespace or any of "
                + TAG_FORBIDDEN);
        continue;
      }
      tags.add(tag);
    }
    return tags;
  }

  private static boolean isForbidden(int c) {
    return Character.isISOControl(c) || TAG_FORBIDDEN.indexOf(c) >= 0;
  }

  private Budget budget(@Nullable JsonNode node, KeyPath path) {
    ObjectNode budget = node == null ? null : check.mapping(node, path, BUDGET_KEYS);
    if (budget == null) {
      return Budget.DEFAULT;
    }
    int steps = Budget.DEFAULT.steps();
    JsonNode stepsNode = budget.get("steps");
    if (stepsNode != null) {
      Integer value = check.integer(stepsNode, path.key("steps"), 1);
      steps = value != null ? value : steps;
    }
    Duration wallClock = Budget.DEFAULT.wallClock();
    JsonNode clockNode = budget.get("wallClock");
    if (clockNode != null) {
      Duration value = duration(check, clockNode, path.key("wallClock"));
      wallClock = value != null ? value : wallClock;
    }
    JsonNode tokensNode = budget.get("tokens");
    Integer tokens = tokensNode == null ? null : check.integer(tokensNode, path.key("tokens"), 1);
    return new Budget(steps, wallClock, tokens == null ? 0 : tokens);
  }

  /** Read a positive duration such as {@code 30s}; null, with a problem recorded, otherwise. */
  static @Nullable Duration duration(Checker check, JsonNode node, KeyPath path) {
    return check.duration(node, path);
  }

  private boolean workspace(@Nullable JsonNode node, KeyPath path, List<SeedFile> seeds) {
    ObjectNode workspace = node == null ? null : check.mapping(node, path, WORKSPACE_KEYS);
    if (workspace == null) {
      return false;
    }
    JsonNode files = workspace.get("files");
    if (files != null) {
      ObjectNode mapping = check.anyMapping(files, path.key("files"));
      if (mapping == null) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        SeedFile seed =
            seed(entry.getKey(), entry.getValue(), path.key("files").key(entry.getKey()));
        if (seed != null) {
          seeds.add(seed);
        }
      }
    }
    JsonNode keep = workspace.get("keep");
    Boolean keepValue = keep == null ? null : check.bool(keep, path.key("keep"));
    return Boolean.TRUE.equals(keepValue);
  }

  private @Nullable SeedFile seed(String target, JsonNode node, KeyPath path) {
    boolean confined = confined(target, path, "seed file");
    if (node.isTextual()) {
      return confined ? new SeedFile(target, node.asText()) : null;
    }
    if (!node.isObject()) {
      check.expected(node, path, "the content as a string, or a mapping with 'content' or 'from'");
      return null;
    }
    ObjectNode seed = check.mapping(node, path, SEED_KEYS);
    if (seed == null) {
      return null;
    }
    JsonNode content = seed.get("content");
    JsonNode from = seed.get("from");
    if ((content == null) == (from == null)) {
      check.problem(path, "a seed file takes exactly one of 'content' or 'from'");
      return null;
    }
    String text =
        content != null
            ? check.string(content, path.key("content"))
            : fromFile(requireNonNull(from), path.key("from"));
    return confined && text != null ? new SeedFile(target, text) : null;
  }

  private @Nullable String fromFile(JsonNode node, KeyPath path) {
    String relative = check.string(node, path);
    if (relative == null) {
      return null;
    }
    Path base = document.file().toAbsolutePath().getParent();
    Path folder = base == null ? Path.of("") : base;
    String escape = ScenarioFolder.escape(folder, relative);
    if (escape != null) {
      check.problem(path, escape);
      return null;
    }
    Path source = folder.resolve(relative).normalize();
    try {
      if (!Files.isRegularFile(source)) {
        check.problem(path, "no file at '" + relative + "' (looked for " + source + ")");
        return null;
      }
      long size = Files.size(source);
      if (size > maxSeedBytes) {
        check.problem(
            path, "'" + relative + "' is " + size + " bytes, over the limit of " + maxSeedBytes);
        return null;
      }
      byte[] bytes = Files.readAllBytes(source);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      check.problem(path, "'" + relative + "' is not UTF-8 text; seed files hold text");
    } catch (IOException e) {
      check.problem(path, "'" + relative + "' cannot be read: " + e);
    }
    return null;
  }

  private boolean confined(String target, KeyPath path, String what) {
    String reason = WorkspacePaths.violation(target);
    if (reason != null) {
      check.keyProblem(
          path,
          what
              + " path '"
              + target
              + "' refused ("
              + reason
              + "): paths must stay inside the workspace, like every agent path");
      return false;
    }
    return true;
  }

  private List<ScriptItem> script(JsonNode node, KeyPath path) {
    List<ScriptItem> items = new ArrayList<>();
    ArrayNode list = check.list(node, path);
    if (list == null) {
      return items;
    }
    if (list.isEmpty()) {
      check.problem(path, "expected at least one entry but found an empty list");
    }
    for (int i = 0; i < list.size(); i++) {
      ScriptItem item = item(list.get(i), path.index(i));
      if (item != null) {
        items.add(item);
      }
    }
    return items;
  }

  private @Nullable ScriptItem item(JsonNode node, KeyPath path) {
    if (!node.isObject()) {
      check.expected(node, path, "a mapping with one tool, such as 'read: plan.md',");
      return null;
    }
    ObjectNode entry = (ObjectNode) node;
    if (entry.has("repeat") || entry.has("do")) {
      return repeat(entry, path);
    }

    Set<String> valid = new LinkedHashSet<>(Tools.names());
    valid.add(SAVE);
    valid.add(RETRY);
    valid.add("repeat");
    List<String> tools = new ArrayList<>();
    for (Iterator<String> keys = entry.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (Tools.find(key) != null) {
        tools.add(key);
      } else if (!key.equals(SAVE) && !key.equals(RETRY)) {
        check.keyProblem(path.key(key), Nearest.unknownKey(key, valid));
        return null;
      }
    }
    if (tools.isEmpty()) {
      check.problem(
          path, "entry names no tool; expected one of " + String.join(", ", Tools.names()));
      return null;
    }
    if (tools.size() > 1) {
      check.keyProblem(
          path.key(tools.get(1)),
          "second tool '"
              + tools.get(1)
              + "' in an entry that already calls '"
              + tools.get(0)
              + "'; each entry takes exactly one tool");
      return null;
    }

    String tool = tools.get(0);
    Tools.Spec spec = requireNonNull(Tools.find(tool));
    KeyPath toolPath = path.key(tool);
    Function<String, KeyPath> where = argumentPaths(spec, entry.get(tool), toolPath);
    ObjectNode arguments = arguments(spec, entry.get(tool), toolPath);
    String save = variable(entry.get(SAVE), path.key(SAVE));
    Origin origin = document.origin(path);
    if (arguments != null && !tool.equals(Tools.FINISH)) {
      argumentRules.check(tool, arguments, where);
      variables.check(arguments, where);
    }
    if (!tool.equals(Tools.FINISH)) {
      // Defined even when the entry is refused, so that later entries are not refused for it too.
      variables.acted(rawText(entry.get(SAVE)));
    }
    if (arguments == null) {
      return null;
    }
    if (tool.equals(Tools.FINISH)) {
      if (entry.has(SAVE)) {
        check.keyProblem(path.key(SAVE), "'save' is refused on finish, which has no result");
        return null;
      }
      variables.text(arguments.get("message").asText(), where.apply("message"));
      Outcome outcome = finishOutcome(arguments.get("outcome").asText(), toolPath);
      return outcome == null
          ? null
          : new ScriptItem.Finish(outcome, arguments.get("message").asText(), origin);
    }
    boolean retry = true;
    if (entry.has(RETRY)) {
      if (!tool.equals("http")) {
        check.keyProblem(
            path.key(RETRY), "'retry' applies to http actions only, not to '" + tool + "'");
        return null;
      }
      Boolean value = check.bool(entry.get(RETRY), path.key(RETRY));
      retry = !Boolean.FALSE.equals(value);
    }
    return new ScriptItem.ActionTemplate(tool, arguments, save, origin, retry);
  }

  /**
   * Return where each argument of an entry is written: a short form such as {@code read: plan.md}
   * writes the primary argument at the tool's own key.
   */
  private static Function<String, KeyPath> argumentPaths(
      Tools.Spec spec, JsonNode node, KeyPath toolPath) {
    boolean shortForm = !node.isObject();
    return name -> shortForm && name.equals(spec.primary()) ? toolPath : toolPath.key(name);
  }

  private @Nullable ObjectNode arguments(Tools.Spec spec, JsonNode node, KeyPath path) {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    boolean usable = true;
    boolean unknown = false;
    if (node.isObject()) {
      Set<String> names = spec.argumentNames();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        KeyPath argumentPath = path.key(field.getKey());
        Tools.Argument argument = spec.argument(field.getKey());
        if (argument == null) {
          check.keyProblem(argumentPath, Nearest.unknownKey(field.getKey(), names));
          usable = false;
          unknown = true;
          continue;
        }
        JsonNode value = argumentValue(argument, field.getValue(), argumentPath);
        if (value == null) {
          usable = false;
          continue;
        }
        arguments.set(field.getKey(), value);
      }
    } else if ((node.isValueNode() || node.isArray()) && !node.isNull() && !isBlank(node)) {
      Tools.Argument primary = spec.argument(spec.primary());
      JsonNode value = primary == null ? null : argumentValue(primary, node, path);
      if (value == null) {
        return null;
      }
      arguments.set(spec.primary(), value);
    } else if (!node.isNull() && !isBlank(node)) {
      check.expected(node, path, "a string or a mapping of arguments");
      return null;
    }
    for (Tools.Argument argument : spec.arguments()) {
      // An argument given but refused has its problem already; it is not missing too.
      if (arguments.has(argument.name()) || node.has(argument.name())) {
        continue;
      }
      String byDefault = argument.byDefault();
      if (!argument.required()) {
        if (byDefault != null) {
          arguments.put(argument.name(), byDefault);
        }
        continue;
      }
      usable = false;
      // An unknown key is most likely this argument misspelt; one problem says it all.
      if (!unknown) {
        check.problem(
            path.key(argument.name()),
            "missing required key '" + argument.name() + "' of " + spec.name());
      }
    }
    return usable ? arguments : null;
  }

  /** Check one argument's value against its kind; null (with a problem recorded) when it fails. */
  private @Nullable JsonNode argumentValue(Tools.Argument argument, JsonNode node, KeyPath path) {
    Tools.Kind kind = argument.kind();
    if (kind == Tools.Kind.JSON || kind == Tools.Kind.SECONDS) {
      return node;
    }
    if (kind == Tools.Kind.TEXT_MAP) {
      return node.isObject() ? strings(node, path) : expectedKind(argument, node, path);
    }
    if (kind == Tools.Kind.TEXT_OR_LIST && node.isArray()) {
      if (node.isEmpty()) {
        check.problem(
            path,
            "expected a command but found an empty list: give the program and its arguments, such"
                + " as [make, test]");
        return null;
      }
      return strings(node, path);
    }
    if (!node.isTextual()) {
      return expectedKind(argument, node, path);
    }
    return node;
  }

  /** Copy a list or mapping whose every element must be a string. */
  private @Nullable JsonNode strings(JsonNode node, KeyPath path) {
    boolean good = true;
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        good &= check.string(node.get(i), path.index(i)) != null;
      }
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        good &= check.string(field.getValue(), path.key(field.getKey())) != null;
      }
    }
    return good ? node.deepCopy() : null;
  }

  private @Nullable JsonNode expectedKind(Tools.Argument argument, JsonNode node, KeyPath path) {
    check.expected(node, path, argument.kind().description);
    return null;
  }

  private static @Nullable String rawText(@Nullable JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  private @Nullable String variable(@Nullable JsonNode node, KeyPath path) {
    if (node == null) {
      return null;
    }
    String name = check.string(node, path);
    if (name != null && !VARIABLE.matcher(name).matches()) {
      check.problem(
          path,
          "variable name '"
              + Describe.shorten(name)
              + "' must match [A-Za-z_][A-Za-z0-9_]* to be used as ${name}");
      return null;
    }
    String builtIn = name == null ? null : ScriptVariables.builtIn(name);
    if (builtIn != null) {
      check.problem(
          path,
          "variable name '"
              + name
              + "' would hide the built-in ${"
              + name
              + "}, "
              + builtIn
              + "; choose another name");
      return null;
    }
    return name;
  }

  private @Nullable Outcome finishOutcome(String key, KeyPath path) {
    if (!FINISH_OUTCOMES.contains(key)) {
      check.problem(
          path.key("outcome"),
          "unknown finish outcome '"
              + Describe.shorten(key)
              + "'; "
              + Nearest.hint(key, FINISH_OUTCOMES));
      return null;
    }
    return Outcome.valueOf(key.toUpperCase(Locale.ROOT));
  }

  private @Nullable ScriptItem repeat(ObjectNode entry, KeyPath path) {
    if (check.mapping(entry, path, REPEAT_KEYS) == null) {
      return null;
    }
    JsonNode timesNode = check.required(entry, path, "repeat");
    Integer times = timesNode == null ? null : check.integer(timesNode, path.key("repeat"), 1);
    String as = entry.has("as") ? variable(entry.get("as"), path.key("as")) : "i";
    String bound = as != null ? as : rawText(entry.get("as"));
    if (bound != null) {
      variables.repeat(bound);
    }
    JsonNode body = check.required(entry, path, "do");
    List<ScriptItem> items = body == null ? List.of() : script(body, path.key("do"));
    if (times == null || as == null || body == null) {
      return null;
    }
    return new ScriptItem.Repeat(times, as, items, document.origin(path));
  }

  private ExpectSpec expect(@Nullable JsonNode node, KeyPath path) {
    Outcome outcome = Outcome.SUCCESS;
    StepBounds steps = null;
    Map<String, FileExpectation> files = new LinkedHashMap<>();
    List<FindingExpectation> findings = new ArrayList<>();
    ObjectNode expect = node == null ? null : check.mapping(node, path, EXPECT_KEYS);
    if (expect == null) {
      return new ExpectSpec(outcome, steps, files);
    }
    JsonNode outcomeNode = expect.get("outcome");
    if (outcomeNode != null) {
      Outcome value = outcome(outcomeNode, path.key("outcome"));
      outcome = value != null ? value : outcome;
    }
    JsonNode stepsNode = expect.get("steps");
    if (stepsNode != null) {
      steps = stepBounds(stepsNode, path.key("steps"));
    }
    DetectReader detectReader = new DetectReader(check);
    if (expect.has("loops")) {
      detectReader.loops(expect.get("loops"), path.key("loops"), findings);
    }
    if (expect.has("stalls")) {
      detectReader.stalls(expect.get("stalls"), path.key("stalls"), findings);
    }
    if (expect.has("deadlines")) {
      detectReader.deadlines(expect.get("deadlines"), path.key("deadlines"), findings);
    }
    JsonNode networkNode = expect.get("network");
    NetworkExpectation network =
        networkNode == null ? null : networkExpectation(networkNode, path.key("network"));
    JsonNode filesNode = expect.get("files");
    ObjectNode fileChecks =
        filesNode == null ? null : check.anyMapping(filesNode, path.key("files"));
    if (fileChecks != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = fileChecks.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        KeyPath filePath = path.key("files").key(entry.getKey());
        FileExpectation expectation = fileExpectation(entry.getValue(), filePath);
        if (confined(entry.getKey(), filePath, "expected file") && expectation != null) {
          files.put(entry.getKey(), expectation);
        }
      }
    }
    JsonNode latencyNode = expect.get("latency");
    List<LatencyBudget> latency =
        latencyNode == null
            ? List.of()
            : LatencyBudget.read(check, latencyNode, path.key("latency"));
    JsonNode recoveryNode = expect.get("recovery");
    RecoveryExpectation recovery =
        recoveryNode == null
            ? null
            : new RecoveryReader(check).expectation(recoveryNode, path.key("recovery"));
    JsonNode errorsNode = expect.get("errors");
    List<StepErrorExpectation> errors =
        errorsNode == null ? List.of() : stepErrors(errorsNode, path.key("errors"));
    return new ExpectSpec(outcome, steps, files, findings, network, latency, recovery, errors);
  }

  private List<StepErrorExpectation> stepErrors(JsonNode node, KeyPath path) {
    List<StepErrorExpectation> errors = new ArrayList<>();
    ArrayNode list = check.list(node, path);
    if (list == null) {
      return errors;
    }
    for (int i = 0; i < list.size(); i++) {
      KeyPath at = path.index(i);
      ObjectNode entry = check.mapping(list.get(i), at, STEP_ERROR_KEYS);
      if (entry == null) {
        continue;
      }
      JsonNode stepNode = check.required(entry, at, "step");
      JsonNode reasonNode = check.required(entry, at, "reason");
      Integer step = stepNode == null ? null : check.integer(stepNode, at.key("step"), 1);
      String reason = reasonNode == null ? null : check.string(reasonNode, at.key("reason"));
      if (step != null && reason != null) {
        errors.add(new StepErrorExpectation(step, reason, document.origin(at)));
      }
    }
    return errors;
  }

  private @Nullable NetworkExpectation networkExpectation(JsonNode node, KeyPath path) {
    ObjectNode checks = check.mapping(node, path, NETWORK_CHECK_KEYS);
    if (checks == null) {
      return null;
    }
    JsonNode denied = checks.get("denied");
    JsonNode onlyHosts = checks.get("onlyHosts");
    JsonNode everyMockUsed = checks.get("everyMockUsed");
    JsonNode noUnmatched = checks.get("noUnmatched");
    return new NetworkExpectation(
        denied == null ? null : check.integer(denied, path.key("denied"), 0),
        counts(checks.get("deniedBy"), path.key("deniedBy"), this::reasonCode),
        onlyHosts == null ? null : textList(onlyHosts, path.key("onlyHosts")),
        counts(checks.get("atMostPerHost"), path.key("atMostPerHost"), (key, at) -> true),
        everyMockUsed != null
            && Boolean.TRUE.equals(check.bool(everyMockUsed, path.key("everyMockUsed"))),
        noUnmatched == null
            || !Boolean.FALSE.equals(check.bool(noUnmatched, path.key("noUnmatched"))),
        document.origin(path));
  }

  /** Read a mapping of names to counts, each name accepted by {@code validName}. */
  private Map<String, Integer> counts(
      @Nullable JsonNode node, KeyPath path, BiPredicate<String, KeyPath> validName) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    ObjectNode mapping = node == null ? null : check.anyMapping(node, path);
    if (mapping == null) {
      return counts;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      KeyPath at = path.key(entry.getKey());
      Integer count = check.integer(entry.getValue(), at, 0);
      if (validName.test(entry.getKey(), at) && count != null) {
        counts.put(entry.getKey(), count);
      }
    }
    return counts;
  }

  private boolean reasonCode(String code, KeyPath at) {
    List<String> codes = Arrays.stream(Reason.values()).map(Reason::code).toList();
    if (codes.contains(code)) {
      return true;
    }
    check.keyProblem(
        at, "unknown reason code '" + Describe.shorten(code) + "'; " + Nearest.hint(code, codes));
    return false;
  }

  private List<String> textList(JsonNode node, KeyPath path) {
    List<String> values = new ArrayList<>();
    ArrayNode list = check.list(node, path);
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        String value = check.string(list.get(i), path.index(i));
        if (value != null) {
          values.add(value);
        }
      }
    }
    return values;
  }

  private @Nullable Outcome outcome(JsonNode node, KeyPath path) {
    String key = check.string(node, path);
    if (key == null) {
      return null;
    }
    List<String> keys = Arrays.stream(Outcome.values()).map(Outcome::key).toList();
    int index = keys.indexOf(key);
    if (index < 0) {
      check.problem(
          path, "unknown outcome '" + Describe.shorten(key) + "'; " + Nearest.hint(key, keys));
      return null;
    }
    return Outcome.values()[index];
  }

  /** Refuse a least number of steps that the step budget stops every run short of. */
  private void stepsWithinBudget(ExpectSpec expect, Budget budget, KeyPath path) {
    StepBounds bounds = expect.steps();
    Integer atLeast = bounds == null ? null : bounds.atLeast();
    if (atLeast != null && atLeast > budget.steps()) {
      check.problem(
          path,
          "atLeast "
              + atLeast
              + " is more than the step budget of "
              + budget.steps()
              + " (budget.steps); no run can take that many steps");
    }
  }

  private @Nullable StepBounds stepBounds(JsonNode node, KeyPath path) {
    ObjectNode bounds = check.mapping(node, path, STEP_BOUND_KEYS);
    if (bounds == null) {
      return null;
    }
    JsonNode least = bounds.get("atLeast");
    JsonNode most = bounds.get("atMost");
    Integer atLeast = least == null ? null : check.integer(least, path.key("atLeast"), 0);
    Integer atMost = most == null ? null : check.integer(most, path.key("atMost"), 0);
    if (atLeast != null && atMost != null && atLeast > atMost) {
      check.problem(
          path,
          "atLeast " + atLeast + " is greater than atMost " + atMost + "; no run can meet both");
    }
    return new StepBounds(atLeast, atMost);
  }

  private @Nullable FileExpectation fileExpectation(JsonNode node, KeyPath path) {
    ObjectNode checks = check.mapping(node, path, FILE_CHECK_KEYS);
    if (checks == null) {
      return null;
    }
    if (checks.isEmpty()) {
      check.problem(path, "no check given; expected any of " + String.join(", ", FILE_CHECK_KEYS));
      return null;
    }
    Boolean exists =
        checks.has("exists") ? check.bool(checks.get("exists"), path.key("exists")) : null;
    Boolean absent =
        checks.has("absent") ? check.bool(checks.get("absent"), path.key("absent")) : null;
    if (exists != null && absent != null && exists.equals(absent)) {
      check.problem(
          path.key("absent"),
          "absent: " + absent + " contradicts exists: " + exists + "; set only one of them");
    }
    if (exists == null && absent != null) {
      exists = !absent;
    }
    String equals = optionalString(checks, path, "equals");
    String contains = optionalString(checks, path, "contains");
    String matches = optionalString(checks, path, "matches");
    if (matches != null) {
      try {
        Pattern.compile(matches);
      } catch (PatternSyntaxException e) {
        check.problem(
            path.key("matches"),
            "'"
                + Describe.shorten(matches)
                + "' is not a valid regular expression: "
                + e.getDescription()
                + " near index "
                + e.getIndex());
      }
    }
    if (Boolean.FALSE.equals(exists)) {
      for (String content : List.of("equals", "contains", "matches", "json")) {
        if (checks.has(content)) {
          check.problem(
              path.key(content),
              content
                  + " checks the content of a file that "
                  + (checks.has("absent") ? "absent: true" : "exists: false")
                  + " says is not there; no run can meet both");
        }
      }
    }
    Map<String, JsonNode> json = new LinkedHashMap<>();
    JsonNode jsonNode = checks.get("json");
    ObjectNode jsonChecks = jsonNode == null ? null : check.anyMapping(jsonNode, path.key("json"));
    if (jsonChecks != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = jsonChecks.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        try {
          if (!entry.getKey().startsWith("$")) {
            throw new InvalidPathException("a JSON path starts at the root, '$'");
          }
          JsonPath.compile(entry.getKey());
          json.put(entry.getKey(), entry.getValue());
        } catch (InvalidPathException | IllegalArgumentException e) {
          check.keyProblem(
              path.key("json").key(entry.getKey()),
              "'"
                  + Describe.shorten(entry.getKey())
                  + "' is not a valid JSON path, such as $.pages[0].title: "
                  + e.getMessage());
        }
      }
    }
    return new FileExpectation(exists, equals, contains, matches, json, document.keyOrigin(path));
  }

  /**
   * Return whether a value is left empty, as in {@code - list:}, which YAML reads as empty text.
   */
  private static boolean isBlank(JsonNode node) {
    return node.isTextual() && node.asText().isEmpty();
  }

  private static <T> T requireNonNull(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("checked before");
    }
    return value;
  }
}
