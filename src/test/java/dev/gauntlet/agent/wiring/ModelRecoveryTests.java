package dev.gauntlet.agent.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.LoadResult;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay 429 answers from a model's cassette under a recovery policy, and read the waits between
 * attempts off the trace's simulated timeline: the backoff the policy defines, or the server's
 * Retry-After when it asks for longer.
 */
class ModelRecoveryTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String LIMITED =
      "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\",\"code\":429}}";

  private static final String WRITE_CALL =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
          + "\"type\":\"function\",\"function\":{\"name\":\"write\",\"arguments\":"
          + "\"{\\\"path\\\":\\\"a.md\\\",\\\"content\\\":\\\"x\\\"}\"}}]},"
          + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":10,"
          + "\"completion_tokens\":5,\"total_tokens\":15}}";

  private static final String DONE =
      "{\"id\":\"c2\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Done.\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
          + "\"completion_tokens\":2,\"total_tokens\":14}}";

  private static final String POLICY =
      "recovery: { attempts: 4, backoff: { initial: 2s, factor: 2, max: 30s, jitter: 0 } }\n";

  @TempDir Path folder;
  @TempDir Path reports;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @Test
  void a429WithoutRetryAfterWaitsTheExponentialBackoffThenGoesOn() throws IOException {
    ScenarioResult result =
        run(
            POLICY,
            exchange(1, 429, "", LIMITED),
            exchange(2, 429, "", LIMITED),
            exchange(3, 200, "", WRITE_CALL),
            exchange(4, 200, "", DONE));

    List<JsonNode> trace = AgentScenariosTests.trace(result);
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(trace)
        .extracting(line -> line.at("/action/tool").asText())
        .startsWith("model", "model", "write");
    assertThat(gaps(trace, 3)).containsExactly(2000L, 4000L);
  }

  @Test
  void a429WithALongerRetryAfterWaitsWhatTheServerAsked() throws IOException {
    ScenarioResult result =
        run(
            POLICY,
            exchange(1, 429, "7", LIMITED),
            exchange(2, 429, "1", LIMITED),
            exchange(3, 200, "", WRITE_CALL),
            exchange(4, 200, "", DONE));

    List<JsonNode> trace = AgentScenariosTests.trace(result);
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    // 7 s asked beats the 2 s backoff; 1 s asked loses to the 4 s backoff.
    assertThat(gaps(trace, 3)).containsExactly(7000L, 4000L);
  }

  @Test
  void persistent429sEndTheRunGaveUpAfterThePolicysAttempts() throws IOException {
    ScenarioResult result =
        run(
            POLICY,
            exchange(1, 429, "", LIMITED),
            exchange(2, 429, "", LIMITED),
            exchange(3, 429, "", LIMITED),
            exchange(4, 429, "", LIMITED),
            exchange(5, 429, "", LIMITED));

    assertThat(result.outcome()).isEqualTo(Outcome.GAVE_UP);
    assertThat(result.steps()).isEqualTo(4);
    assertThat(result.message()).contains("gave up").contains("4 attempts");
  }

  @Test
  void withoutARecoveryPolicyA429EndsTheRunWithAnError() throws IOException {
    ScenarioResult result = run("", exchange(1, 429, "", LIMITED));

    assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(result.message()).contains("(rate_limited)");
  }

  /** The simulated time between the starts of the first {@code steps} steps, in milliseconds. */
  private static List<Long> gaps(List<JsonNode> trace, int steps) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < steps; i++) {
      gaps.add(
          Math.round(
              trace.get(i).get("simMillis").asDouble()
                  - trace.get(i - 1).get("simMillis").asDouble()));
    }
    return gaps;
  }

  private ScenarioResult run(String recovery, String... exchanges) throws IOException {
    Files.writeString(
        folder.resolve("c.json"), "{\"mappings\":[" + String.join(",", exchanges) + "]}");
    Path file = folder.resolve("s.yaml");
    Files.writeString(
        file,
        "id: recovering\n"
            + recovery
            + "agent:\n  model:\n    api: openai\n    name: m\n    task: t\n"
            + "    stream: false\n    cassette: { file: c.json }\n");
    LoadResult loaded = new ScenarioLoader().loadAll(List.of(file));
    assertThat(loaded.problems()).isEmpty();
    try (ScenarioRunner runner = new ScenarioRunner(new RunSettings(reports, "recovery", false))) {
      return kept.of(runner.run(loaded.scenarios().get(0)));
    }
  }

  private static String exchange(int n, int status, String retryAfter, String body) {
    ObjectNode mapping = JSON.createObjectNode();
    mapping.put("name", "exchange " + n).put("scenarioName", "cassette");
    mapping.put("requiredScenarioState", n == 1 ? "Started" : "after exchange " + (n - 1));
    mapping.put("newScenarioState", "after exchange " + n);
    mapping.putObject("request").put("method", "POST").put("urlPath", "/v1/chat/completions");
    ObjectNode response = mapping.putObject("response").put("status", status).put("body", body);
    ObjectNode headers = response.putObject("headers").put("Content-Type", "application/json");
    if (!retryAfter.isEmpty()) {
      headers.put("Retry-After", retryAfter);
    }
    return mapping.toString();
  }
}
