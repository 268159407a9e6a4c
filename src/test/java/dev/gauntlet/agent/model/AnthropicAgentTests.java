package dev.gauntlet.agent.model;

import static dev.gauntlet.agent.model.ChatCompletionsAgentTests.action;
import static dev.gauntlet.agent.model.ModelServer.json;
import static dev.gauntlet.agent.model.ModelServer.resource;
import static dev.gauntlet.agent.model.ModelServer.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.scenario.Outcome;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicAgentTests {

  private static final String KEY = "sk-ant-test-abcdef";
  private static ModelServer server;

  @BeforeAll
  static void start() {
    server = new ModelServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  private static MeteredAgent agent(boolean stream) {
    ModelSettings settings =
        ModelSettings.of(ModelApi.ANTHROPIC, "test-model", "Count the notes.")
            .withBaseUrl(server.baseUrl())
            .withKeyVariable("ANTHROPIC_TEST_KEY")
            .withSystem("You work in a sandbox.")
            .withStream(stream);
    return ModelAgents.create(settings, Map.of("ANTHROPIC_TEST_KEY", KEY)::get);
  }

  @Test
  void joinsStreamedInputFragmentsIntoOneActionPerToolUseBlock() {
    server
        .then(stream(resource("anthropic-parallel-tool-use.sse")))
        .then(json(200, resource("anthropic-finish.json")));
    MeteredAgent agent = agent(true);

    Decision list = agent.decide(new Observation(1, null, 20));
    ModelUsage usage = agent.usage();
    Decision shell = agent.decide(new Observation(2, ToolResult.ok("a.md\nb.md\nc.md"), 19));
    Decision finish =
        agent.decide(
            new Observation(3, ToolResult.refused("network", "no network in the sandbox"), 18));

    assertThat(list).isEqualTo(Decision.act(action("list", "{\"path\": \"notes\"}")));
    assertThat(shell)
        .isEqualTo(Decision.act(action("shell", "{\"command\": \"wc -l notes/*.md\"}")));
    assertThat(finish).isEqualTo(Decision.finish(Outcome.SUCCESS, "counted 3 notes"));
    assertThat(usage.promptTokens()).isEqualTo(611);
    assertThat(usage.completionTokens()).isEqualTo(48);
  }

  @Test
  void sendsAllToolResultsBackInOneUserTurn() {
    server
        .then(stream(resource("anthropic-parallel-tool-use.sse")))
        .then(json(200, resource("anthropic-finish.json")));
    MeteredAgent agent = agent(true);
    agent.decide(new Observation(1, null, 20));
    agent.decide(new Observation(2, ToolResult.ok("a.md"), 19));

    agent.decide(new Observation(3, ToolResult.refused("network", "no network"), 18));

    JsonNode request = server.body(1);
    assertThat(request.path("system").asText()).isEqualTo("You work in a sandbox.");
    assertThat(request.path("max_tokens").asInt()).isEqualTo(4096);
    JsonNode messages = request.path("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.get(1).path("content").get(1).path("input").toString())
        .isEqualTo("{\"path\":\"notes\"}");
    JsonNode results = messages.get(2).path("content");
    assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
    assertThat(results.toString())
        .isEqualTo(
            "[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_list_1\",\"content\":\"a.md\"},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_shell_2\","
                + "\"content\":\"refused (network): no network\",\"is_error\":true}]");
    assertThat(server.requests().get(0).getHeader("x-api-key")).isEqualTo(KEY);
    assertThat(server.requests().get(0).getHeader("anthropic-version")).isEqualTo("2023-06-01");
  }

  @Test
  void maxTokensInTheMiddleOfAToolUseIsAModelOutputErrorForThatStep() {
    server.then(stream(resource("anthropic-max-tokens-in-tool-use.sse")));
    MeteredAgent agent = agent(true);

    ModelOutputException error =
        catchThrowableOfType(
            ModelOutputException.class, () -> agent.decide(new Observation(4, null, 20)));

    assertThat(error.kind()).isEqualTo(ModelOutputException.Kind.TRUNCATED);
    assertThat(error.step()).isEqualTo(4);
    assertThat(error)
        .hasMessageStartingWith(
            "Step 4: the model's reply was cut off (stop reason 'max_tokens') in the middle of a"
                + " call of 'write'");
    assertThat(agent.usage().promptTokens()).isEqualTo(700);
  }

  @Test
  void anOverloadedErrorEventInAStreamIsAServerError() {
    server.then(
        stream(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                + "{\"input_tokens\":5}}}\n\nevent: error\ndata: {\"type\":\"error\",\"error\":"
                + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"));

    ModelCallException error =
        catchThrowableOfType(
            ModelCallException.class, () -> agent(true).decide(new Observation(1, null, 20)));

    assertThat(error.kind()).isEqualTo(ModelCallException.Kind.SERVER_ERROR);
    assertThat(error)
        .hasMessage("Step 1: the model's stream carried an error (server_error): Overloaded");
  }

  @Test
  void aPromptTooLongIsAContextLengthError() {
    server.then(
        json(
            400,
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}"));

    ModelCallException error =
        catchThrowableOfType(
            ModelCallException.class, () -> agent(false).decide(new Observation(1, null, 20)));

    assertThat(error.kind()).isEqualTo(ModelCallException.Kind.CONTEXT_LENGTH_EXCEEDED);
  }
}
