package dev.gauntlet.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gauntlet.scenario.KeyPath;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.ScenarioException;
import dev.gauntlet.scenario.ScenarioFolder;
import dev.gauntlet.scenario.YamlDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Hold a scenario's checked network section: its {@link Policy} and its mocks, with every body file
 * already read. Compiling finds every mistake at load time, so a scenario never fails half-way
 * through on a missing file or a misspelt fault.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Network {

  private static final ObjectMapper BINDER =
      JsonMapper.builder()
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Policy policy;
  private final List<Mock> mocks;

  private Network(Policy policy, List<Mock> mocks) {
    this.policy = policy;
    this.mocks = List.copyOf(mocks);
  }

  /** Return the policy. */
  public Policy policy() {
    return policy;
  }

  /** Return this network with another policy and the same mocks. */
  public Network withPolicy(Policy other) {
    return new Network(other, mocks);
  }

  List<Mock> mocks() {
    return mocks;
  }

  /**
   * Check and compile a scenario's {@code network:} section.
   *
   * @param document the scenario's document, for problems that point into it
   * @param at where the section begins, e.g. {@code network}
   * @param scenarioFolder the folder that policy files and body files are relative to
   * @throws ScenarioException carrying every problem found, each naming file, line, column and key
   *     path
   */
  public static Network compile(
      NetworkSpec spec, YamlDocument document, KeyPath at, Path scenarioFolder) {
    List<Problem> problems = new ArrayList<>();
    Policy policy = Policy.denyAll();
    JsonNode policyNode = spec.policy();
    KeyPath policyAt = at.key("policy");
    try {
      if (policyNode != null && policyNode.isTextual()) {
        policy = Policy.load(scenarioFolder.resolve(policyNode.asText()));
      } else if (policyNode != null && !policyNode.isNull()) {
        PolicySpec policySpec = bind(policyNode, PolicySpec.class, document, policyAt);
        policy = Policy.compile(policySpec, document, policyAt);
      }
    } catch (ScenarioException e) {
      problems.addAll(e.problems());
    }
    List<Mock> mocks =
        mocks(spec.mocks(), scenarioFolder, at.key("mocks"), document::problem, problems);
    if (!problems.isEmpty()) {
      throw new ScenarioException(problems);
    }
    return new Network(policy, mocks);
  }

  /**
   * Check and compile a network written in code: a compiled policy and mocks whose body files are
   * relative to {@code folder}.
   *
   * @throws ScenarioException carrying every problem found
   */
  public static Network of(Policy policy, List<MockSpec> mocks, Path folder) {
    List<Problem> problems = new ArrayList<>();
    Path where = Path.of("network");
    List<Mock> compiled =
        mocks(
            mocks,
            folder,
            KeyPath.ROOT.key("mocks"),
            (path, message) -> new Problem(where, 0, 0, path.toString(), message),
            problems);
    if (!problems.isEmpty()) {
      throw new ScenarioException(problems);
    }
    return new Network(policy, compiled);
  }

  private static <T> T bind(JsonNode node, Class<T> type, YamlDocument document, KeyPath at) {
    try {
      return BINDER.treeToValue(node, type);
    } catch (JsonMappingException e) {
      KeyPath path = at;
      for (JsonMappingException.Reference reference : e.getPath()) {
        String name = reference.getFieldName();
        path = name != null ? path.key(name) : path.index(reference.getIndex());
      }
      throw new ScenarioException(document.problem(path, e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new ScenarioException(document.problem(at, e.getOriginalMessage()));
    }
  }

  private static List<Mock> mocks(
      @Nullable List<MockSpec> specs,
      Path folder,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    List<Mock> mocks = new ArrayList<>();
    if (specs == null) {
      return mocks;
    }
    for (int i = 0; i < specs.size(); i++) {
      MockSpec spec = specs.get(i);
      KeyPath mockAt = at.index(i);
      if (spec == null) {
        problems.add(problemAt.apply(mockAt, "the mock is empty; write its host and responses"));
        continue;
      }
      int before = problems.size();
      Mock mock = mock(spec, folder, mockAt, problemAt, problems);
      if (mock != null && problems.size() == before) {
        mocks.add(mock);
      }
    }
    return mocks;
  }

  private static @Nullable Mock mock(
      MockSpec spec,
      Path folder,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    int before = problems.size();
    String host = null;
    if (spec.host() == null) {
      problems.add(problemAt.apply(at.key("host"), "the mock has no host"));
    } else {
      UrlFrontDoor.HostReading reading = UrlFrontDoor.readHost(spec.host());
      host = reading.host();
      if (host == null) {
        problems.add(problemAt.apply(at.key("host"), "the mock's " + reading.message()));
      }
    }
    String method = spec.method() == null ? null : spec.method().toUpperCase(Locale.ROOT);
    if (method != null && !Policy.METHODS.contains(method)) {
      problems.add(
          problemAt.apply(at.key("method"), "the method '" + spec.method() + "' is not HTTP"));
    }
    if (spec.path() != null && spec.pathPattern() != null) {
      problems.add(problemAt.apply(at.key("pathPattern"), "write either path or pathPattern"));
    }
    if (spec.path() != null && !spec.path().startsWith("/")) {
      problems.add(
          problemAt.apply(at.key("path"), "the path '" + spec.path() + "' must start with /"));
    }
    if (spec.path() != null) {
      pathTemplate(spec.path(), at.key("path"), problemAt, problems);
    }
    if (spec.pathPattern() != null) {
      regex(spec.pathPattern(), at.key("pathPattern"), problemAt, problems);
    }
    matchers(spec.query(), at.key("query"), problemAt, problems);
    matchers(spec.headers(), at.key("headers"), problemAt, problems);
    if (spec.headers() != null) {
      for (String name : spec.headers().keySet()) {
        HeaderRules.whyNotName(name)
            .ifPresent(why -> problems.add(problemAt.apply(at.key("headers").key(name), why)));
      }
    }
    if (spec.body() != null) {
      matcher(spec.body(), at.key("body"), problemAt, problems);
    }
    List<Mock.Reply> replies =
        replies(spec.responses(), folder, at.key("responses"), problemAt, problems);
    List<Mock.Schedule> schedules = schedules(spec.faults(), at.key("faults"), problemAt, problems);
    // WireMock throws on a pattern it cannot read, so nothing refused above may reach it.
    if (host == null || problems.size() > before) {
      return null;
    }
    String label =
        (method == null ? "ANY" : method)
            + " "
            + host
            + " "
            + (spec.pathPattern() != null
                ? "~" + spec.pathPattern()
                : spec.path() == null ? "/" : spec.path());
    return new Mock(
        label,
        host,
        method,
        Mock.pathPattern(spec.path(), spec.pathPattern()),
        spec.query() == null ? Map.of() : new LinkedHashMap<>(spec.query()),
        spec.headers() == null ? Map.of() : new LinkedHashMap<>(spec.headers()),
        spec.body(),
        replies,
        schedules);
  }

  private static final String MATCHER_KEYS = "equalTo, contains, matches, equalToJson";

  private static void matchers(
      @Nullable Map<String, MatchSpec> matchers,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    if (matchers == null) {
      return;
    }
    for (Map.Entry<String, MatchSpec> entry : matchers.entrySet()) {
      KeyPath matcherAt = at.key(entry.getKey());
      if (entry.getValue() == null) {
        problems.add(problemAt.apply(matcherAt, "write exactly one of " + MATCHER_KEYS));
      } else {
        matcher(entry.getValue(), matcherAt, problemAt, problems);
      }
    }
  }

  private static void headerProblems(
      Map<String, String> headers,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    headers.forEach(
        (name, value) ->
            HeaderRules.whyNotName(name)
                .or(() -> HeaderRules.whyNotValue(name, value))
                .ifPresent(why -> problems.add(problemAt.apply(at.key(name), why))));
  }

  private static void matcher(
      MatchSpec matcher,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    if (matcher.count() != 1) {
      problems.add(problemAt.apply(at, "write exactly one of " + MATCHER_KEYS));
    } else if (matcher.matches() != null) {
      regex(matcher.matches(), at.key("matches"), problemAt, problems);
    }
  }

  private static void regex(
      String regex,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    try {
      java.util.regex.Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.add(
          problemAt.apply(
              at,
              "'"
                  + regex
                  + "' is not a regular expression: "
                  + e.getDescription()
                  + " at index "
                  + e.getIndex()));
    }
  }

  /**
   * A template names each variable part in braces, {@code /items/{id}}; a brace left open or closed
   * alone is a typo that would make the mock never match.
   */
  private static void pathTemplate(
      String path,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    int open = -1;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean unbalanced = (c == '{' && open >= 0) || (c == '}' && (open < 0 || open == i - 1));
      if (unbalanced) {
        problems.add(
            problemAt.apply(
                at,
                "the path '"
                    + path
                    + "' has a brace out of place at index "
                    + i
                    + "; a template names each variable part in braces, e.g. /items/{id}"));
        return;
      }
      open = c == '{' ? i : c == '}' ? -1 : open;
    }
    if (open >= 0) {
      problems.add(
          problemAt.apply(
              at,
              "the path '"
                  + path
                  + "' leaves the brace at index "
                  + open
                  + " open; a template names each variable part in braces, e.g. /items/{id}"));
    }
  }

  private static List<Mock.Reply> replies(
      @Nullable List<ResponseSpec> specs,
      Path folder,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    List<Mock.Reply> replies = new ArrayList<>();
    if (specs == null || specs.isEmpty()) {
      problems.add(problemAt.apply(at, "the mock has no responses; write at least one"));
      return replies;
    }
    for (int i = 0; i < specs.size(); i++) {
      ResponseSpec spec = specs.get(i);
      KeyPath replyAt = at.index(i);
      if (spec == null) {
        problems.add(problemAt.apply(replyAt, "the response is empty; write e.g. {status: 200}"));
        continue;
      }
      Fault fault = null;
      if (spec.fault() != null) {
        fault = Fault.ofKey(spec.fault());
        if (fault == null) {
          problems.add(problemAt.apply(replyAt.key("fault"), unknownFault(spec.fault())));
        }
      }
      int bodies = (spec.body() != null ? 1 : 0) + (spec.json() != null ? 1 : 0);
      bodies += spec.bodyFile() != null ? 1 : 0;
      if (bodies > 1) {
        problems.add(problemAt.apply(replyAt, "write at most one of body, json and bodyFile"));
      }
      int status = spec.status() == null ? 200 : spec.status();
      if (status < 100 || status > 599) {
        problems.add(
            problemAt.apply(
                replyAt.key("status"), "the status " + status + " is not from 100 to 599"));
      }
      int delay = spec.delayMs() == null ? 0 : spec.delayMs();
      if (delay < 0) {
        problems.add(problemAt.apply(replyAt.key("delayMs"), "a delay cannot be negative"));
      }
      Map<String, String> headers = new LinkedHashMap<>();
      if (spec.headers() != null) {
        headers.putAll(spec.headers());
        headerProblems(headers, replyAt.key("headers"), problemAt, problems);
      }
      byte[] body = new byte[0];
      if (spec.body() != null) {
        body = spec.body().getBytes(StandardCharsets.UTF_8);
      } else if (spec.json() != null) {
        body = spec.json().toString().getBytes(StandardCharsets.UTF_8);
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
          headers.put("Content-Type", "application/json");
        }
      } else if (spec.bodyFile() != null) {
        Path file = folder.resolve(spec.bodyFile());
        String escape = ScenarioFolder.escape(folder, spec.bodyFile());
        if (escape != null) {
          problems.add(problemAt.apply(replyAt.key("bodyFile"), escape));
        } else {
          try {
            body = Files.readAllBytes(file);
          } catch (IOException e) {
            problems.add(
                problemAt.apply(
                    replyAt.key("bodyFile"), "the body file " + file + " cannot be read: " + e));
          }
        }
      }
      replies.add(new Mock.Reply(status, Map.copyOf(headers), body, delay, fault));
    }
    return replies;
  }

  private static List<Mock.Schedule> schedules(
      @Nullable List<FaultScheduleSpec> specs,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    List<Mock.Schedule> schedules = new ArrayList<>();
    if (specs == null) {
      return schedules;
    }
    for (int i = 0; i < specs.size(); i++) {
      FaultScheduleSpec spec = specs.get(i);
      KeyPath scheduleAt = at.index(i);
      if (spec == null || spec.fault() == null) {
        problems.add(problemAt.apply(scheduleAt, "the schedule names no fault"));
        continue;
      }
      Fault fault = Fault.ofKey(spec.fault());
      if (fault == null) {
        problems.add(problemAt.apply(scheduleAt.key("fault"), unknownFault(spec.fault())));
        continue;
      }
      double probability = spec.probability() == null ? 0 : spec.probability();
      if (probability < 0 || probability > 1) {
        problems.add(
            problemAt.apply(
                scheduleAt.key("probability"),
                "the probability " + probability + " is not from 0 to 1"));
      }
      if (spec.requests() == null && spec.steps() == null && spec.probability() == null) {
        problems.add(
            problemAt.apply(
                scheduleAt, "the schedule says neither requests, steps nor probability"));
      }
      Set<Integer> requests =
          spec.requests() == null ? Set.of() : new LinkedHashSet<>(spec.requests());
      Set<Integer> steps = spec.steps() == null ? Set.of() : new LinkedHashSet<>(spec.steps());
      long seed = spec.seed() == null ? 0 : spec.seed();
      schedules.add(
          new Mock.Schedule(fault, Set.copyOf(requests), Set.copyOf(steps), probability, seed));
    }
    return schedules;
  }

  private static String unknownFault(String key) {
    List<String> keys = new ArrayList<>();
    for (Fault fault : Fault.values()) {
      keys.add(fault.key());
    }
    return "the fault '" + key + "' is unknown; use one of " + String.join(", ", keys);
  }
}
