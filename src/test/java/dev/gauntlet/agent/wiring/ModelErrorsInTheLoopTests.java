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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay cassettes whose exchanges go wrong, and check that each failure ends the run with a
 * message naming the step and the reason, traced on that step, never as a harness crash.
 */
class ModelErrorsInTheLoopTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String WRITE_CALL =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
          + "\"type\":\"function\",\"function\":{\"name\":\"write\",\"arguments\":"
          + "\"{\\\"path\\\":\\\"a.md\\\",\\\"content\\\":\\\"x\\\"}\"}}]},"
          + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":%d,"
          + "\"completion_tokens\":%d,\"total_tokens\":0}}";

  private static final String CUT_OFF =
      "{\"id\":\"c2\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_2\","
          + "\"type\":\"function\",\"function\":{\"name\":\"write\",\"arguments\":"
          + "\"{\\\"path\\\":\\\"b.md\\\",\\\"content\\\":\\\"unfinis\"}}]},"
          + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":10,"
          + "\"completion_tokens\":5,\"total_tokens\":15}}";

  @TempDir Path folder;
  @TempDir Path reports;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @Test
  void aReplyCutOffMidToolCallIsAModelOutputErrorForThatStep() throws IOException {
    ScenarioResult result =
        run(
            exchange(1, 200, "", String.format(WRITE_CALL, 10, 5))
                + ","
                + exchange(2, 200, "", CUT_OFF));

    assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(result.harnessFault()).isFalse();
    assertThat(result.message())
        .startsWith("The model's output at step 2 could not be acted on (model_output)")
        .contains("cut off");
    JsonNode last = last(result);
    assertThat(last.path("step").asInt()).isEqualTo(2);
    assertThat(last.at("/action/tool").asText()).isEqualTo("model");
    assertThat(last.at("/result/status").asText()).isEqualTo("error");
    assertThat(last.at("/result/reason").asText()).isEqualTo("model_output");
    assertThat(last.at("/result/data/retryable").asInt()).isEqualTo(1);
    assertThat(last.at("/tokens/prompt").asLong()).isEqualTo(10);
  }

  @Test
  void aRequestTheCassetteDoesNotHoldFailsTheStepNamingWhatDiffers() throws IOException {
    String mapping =
        "{\"name\":\"exchange 1\",\"scenarioName\":\"cassette\",\"requiredScenarioState\":"
            + "\"Started\",\"newScenarioState\":\"after exchange 1\",\"request\":{\"method\":"
            + "\"POST\",\"urlPath\":\"/v1/chat/completions\",\"bodyPatterns\":[{\"equalToJson\":"
            + "{\"model\":\"another-model\"},\"ignoreExtraElements\":true}]},\"response\":"
            + "{\"status\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"{}\"}}";

    ScenarioResult result = run(mapping);

    assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(result.message())
        .startsWith("The cassette holds no exchange for the request of step 1 (cassette_mismatch)")
        .contains("another-model");
    assertThat(last(result).at("/result/reason").asText()).isEqualTo("cassette_mismatch");
  }

  @Test
  void theTokenBudgetEndsTheRunOnceSpent() throws IOException {
    StringBuilder mappings = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      mappings
          .append(i == 1 ? "" : ",")
          .append(exchange(i, 200, "", String.format(WRITE_CALL, 400, 100)));
    }

    ScenarioResult result = run(mappings.toString(), "budget: { steps: 50, tokens: 1200 }\n");

    assertThat(result.outcome()).isEqualTo(Outcome.BUDGET_EXHAUSTED);
    assertThat(result.message())
        .isEqualTo(
            "The token budget of 1200 was spent (1500 tokens used) before the agent finished.");
    assertThat(result.steps()).isEqualTo(3);
  }

  @Test
  void aRateLimitReachesTheLoopTypedWithAndWithoutRetryAfter() throws IOException {
    String limited =
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\",\"code\":429}}";

    ScenarioResult without = run(exchange(1, 429, "", limited));
    JsonNode withoutLine = last(without);
    ScenarioResult with = run(exchange(1, 429, "7", limited));

    assertThat(without.message()).contains("(rate_limited)");
    assertThat(withoutLine.at("/result/data/status").asInt()).isEqualTo(429);
    assertThat(withoutLine.at("/result/data").has("retryAfterMillis")).isFalse();
    assertThat(with.message()).contains("(rate_limited)");
    assertThat(last(with).at("/result/data/retryAfterMillis").asLong()).isEqualTo(7000);
  }

  private ScenarioResult run(String mappings) throws IOException {
    return run(mappings, "");
  }

  private ScenarioResult run(String mappings, String budget) throws IOException {
    Files.writeString(folder.resolve("c.json"), "{\"mappings\":[" + mappings + "]}");
    Path file = folder.resolve("s.yaml");
    Files.writeString(
        file,
        "id: errors\n"
            + budget
            + "agent:\n  model:\n    api: openai\n    name: m\n    task: t\n"
            + "    cassette: { file: c.json }\n");
    LoadResult loaded = new ScenarioLoader().loadAll(List.of(file));
    assertThat(loaded.problems()).isEmpty();
    try (ScenarioRunner runner = new ScenarioRunner(new RunSettings(reports, "errors", false))) {
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

  private static JsonNode last(ScenarioResult result) throws IOException {
    List<JsonNode> trace = AgentScenariosTests.trace(result);
    return trace.get(trace.size() - 1);
  }
}
