package dev.gauntlet.agent.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.gauntlet.agent.model.ModelServer.json;
import static dev.gauntlet.agent.model.ModelServer.resource;
import static dev.gauntlet.agent.model.ModelServer.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.agent.AgentException;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.scenario.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChatCompletionsAgentTests {

  private static final String KEY = "sk-test-0123456789abcdef";
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
        ModelSettings.of(ModelApi.OPENAI, "test-model", "Write a note, then read the plan.")
            .withBaseUrl(server.baseUrl())
            .withKeyVariable("TEST_KEY")
            .withSystem("You work in a sandbox.")
            .withTools(List.of("read", "write", "finish"))
            .withStream(stream);
    return ModelAgents.create(settings, Map.of("TEST_KEY", KEY)::get);
  }

  private static Observation first() {
    return new Observation(1, null, 50);
  }

  @Nested
  class ParallelToolCalls {

    @Test
    void areActedOnePerStepThenAnsweredTogetherInOneTurn() {
      server
          .then(stream(resource("openai-parallel-tool-calls.sse")))
          .then(json(200, resource("openai-final-answer.json")));
      MeteredAgent agent = agent(true);

      Decision write = agent.decide(first());
      ModelUsage firstUsage = agent.usage();
      Decision read = agent.decide(new Observation(2, ToolResult.ok("wrote notes/a.md"), 49));
      ModelUsage secondUsage = agent.usage();
      Decision end =
          agent.decide(new Observation(3, ToolResult.error("not_found", "no plan.md"), 48));

      assertThat(write)
          .isEqualTo(
              Decision.act(
                  action("write", "{\"path\": \"notes/a.md\", \"content\": \"first note\\n\"}")));
      assertThat(read).isEqualTo(Decision.act(action("read", "{\"path\": \"plan.md\"}")));
      assertThat(end)
          .isEqualTo(
              Decision.finish(
                  Outcome.SUCCESS, "Both done: the note is written and the plan says to stop."));
      assertThat(firstUsage.promptTokens()).isEqualTo(412);
      assertThat(firstUsage.completionTokens()).isEqualTo(57);
      assertThat(firstUsage.requestBytes()).isEqualTo(server.requests().get(0).getBody().length);
      assertThat(firstUsage.calls()).isEqualTo(1);
      assertThat(secondUsage).isEqualTo(ModelUsage.NONE);
      assertThat(server.requests()).hasSize(2);
      JsonNode messages = server.body(1).path("messages");
      assertThat(messages).hasSize(5);
      assertThat(messages.get(2).path("tool_calls")).hasSize(2);
      assertThat(
              messages.get(2).path("tool_calls").get(0).path("function").path("arguments").asText())
          .isEqualTo("{\"path\": \"notes/a.md\", \"content\": \"first note\\n\"}");
      assertThat(messages.get(3).toString())
          .isEqualTo(
              "{\"role\":\"tool\",\"tool_call_id\":\"call_write_1\",\"content\":\"wrote notes/a.md\"}");
      assertThat(messages.get(4).path("content").asText())
          .isEqualTo("error (not_found): no plan.md");
    }

    @Test
    void streamingRequestsAskForTheFinalUsageChunk() {
      server.then(stream(resource("openai-parallel-tool-calls.sse")));

      agent(true).decide(first());

      JsonNode body = server.body(0);
      assertThat(body.path("stream").asBoolean()).isTrue();
      assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }
  }

  @Test
  void offersTheChosenToolsWithTheirJsonSchemas() {
    server.then(json(200, resource("openai-final-answer.json")));

    agent(false).decide(first());

    JsonNode tools = server.body(0).path("tools");
    assertThat(tools.findValuesAsText("name")).containsExactly("read", "write", "finish");
    JsonNode write = tools.get(1).path("function").path("parameters");
    assertThat(write.path("required").toString()).isEqualTo("[\"path\",\"content\"]");
    assertThat(
            tools
                .get(2)
                .path("function")
                .path("parameters")
                .path("properties")
                .path("outcome")
                .path("enum"))
        .hasSize(3);
    assertThat(server.body(0).path("messages").get(0).path("role").asText()).isEqualTo("system");
  }

  @Test
  void sendsTheKeyOnlyInTheAuthorizationHeader() {
    server.then(json(200, resource("openai-final-answer.json")));

    agent(false).decide(first());

    assertThat(server.requests().get(0).getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(server.requests().get(0).getBodyAsString()).doesNotContain(KEY);
  }

  @Test
  void aModelCallingFinishEndsTheRunWithItsClaim() {
    server.then(
        json(
            200,
            completion(
                "{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"finish\","
                    + "\"arguments\":\"{\\\"outcome\\\":\\\"gave_up\\\",\\\"message\\\":\\\"stuck\\\"}\"}}",
                "tool_calls")));

    Decision decision = agent(false).decide(first());

    assertThat(decision).isEqualTo(Decision.finish(Outcome.GAVE_UP, "stuck"));
  }

  @Nested
  class ModelOutputErrors {

    @Test
    void aReplyCutAtTheTokenLimitInAToolCallIsTruncatedNotACrash() {
      server.then(stream(resource("openai-length-in-tool-call.sse")));
      MeteredAgent agent = agent(true);

      ModelOutputException error =
          catchThrowableOfType(ModelOutputException.class, () -> agent.decide(first()));

      assertThat(error.kind()).isEqualTo(ModelOutputException.Kind.TRUNCATED);
      assertThat(error.reason()).isEqualTo("model_output");
      assertThat(error.step()).isEqualTo(1);
      assertThat(error)
          .hasMessage(
              "Step 1: the model's reply was cut off (stop reason 'length') in the middle of a call"
                  + " of 'write', whose arguments end \"{\"path\": \"digest.md\", \"content\":"
                  + " \"20 pa\".");
      assertThat(agent.usage().completionTokens()).isEqualTo(16);
    }

    @Test
    void decidingAgainAfterAnErrorSendsTheSameRequest() {
      server
          .then(stream(resource("openai-length-in-tool-call.sse")))
          .then(json(200, resource("openai-final-answer.json")));
      MeteredAgent agent = agent(true);
      catchThrowableOfType(ModelOutputException.class, () -> agent.decide(first()));

      Decision retried = agent.decide(first());

      assertThat(retried).isInstanceOf(Decision.Finish.class);
      assertThat(server.body(1)).isEqualTo(server.body(0));
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreMalformed() {
      server.then(
          json(
              200,
              completion(
                  "{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"read\",\"arguments\":\"[\\\"plan.md\\\"]\"}}",
                  "tool_calls")));

      ModelOutputException error =
          catchThrowableOfType(ModelOutputException.class, () -> agent(false).decide(first()));

      assertThat(error.kind()).isEqualTo(ModelOutputException.Kind.MALFORMED_ARGUMENTS);
      assertThat(error)
          .hasMessage(
              "Step 1: the arguments of the model's call of 'read' are not a JSON object: \"[\"plan.md\"]\"");
    }

    @Test
    void argumentsCutInTheMiddleOfTheJsonAreTruncatedEvenWhenTheReasonSaysOtherwise() {
      server.then(
          json(
              200,
              completion(
                  "{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"read\",\"arguments\":\"{\\\"path\\\": \\\"pl\"}}",
                  "tool_calls")));

      ModelOutputException error =
          catchThrowableOfType(ModelOutputException.class, () -> agent(false).decide(first()));

      assertThat(error.kind()).isEqualTo(ModelOutputException.Kind.TRUNCATED);
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedReply() {
      server.then(json(200, "<html>gateway</html>"));

      ModelOutputException error =
          catchThrowableOfType(ModelOutputException.class, () -> agent(false).decide(first()));

      assertThat(error.kind()).isEqualTo(ModelOutputException.Kind.MALFORMED_REPLY);
      assertThat(error).hasMessageContaining("<html>gateway</html>");
    }
  }

  @Nested
  class CallErrors {

    @Test
    void rateLimitedWithRetryAfterSaysHowLongToWait() {
      server.then(
          json(
                  429,
                  "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
              .withHeader("Retry-After", "7"));

      ModelCallException error =
          catchThrowableOfType(ModelCallException.class, () -> agent(false).decide(first()));

      assertThat(error.kind()).isEqualTo(ModelCallException.Kind.RATE_LIMITED);
      assertThat(error.status()).isEqualTo(429);
      assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
      assertThat(error.retryable()).isTrue();
      assertThat(error)
          .hasMessage(
              "Step 1: the model server answered HTTP 429 (rate_limited; retry after 7s): Rate limit reached");
    }

    @Test
    void retryAfterMillisecondsWinOverSeconds() {
      server.then(
          json(429, "{}").withHeader("Retry-After", "7").withHeader("retry-after-ms", "1500"));

      ModelCallException error =
          catchThrowableOfType(ModelCallException.class, () -> agent(false).decide(first()));

      assertThat(error.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void rateLimitedWithoutRetryAfterLeavesTheWaitToTheRecoveryPolicy() {
      server.then(json(429, "{\"error\":{\"message\":\"slow down\"}}"));

      ModelCallException error =
          catchThrowableOfType(ModelCallException.class, () -> agent(false).decide(first()));

      assertThat(error.retryAfter()).isEmpty();
      assertThat(error).hasMessageContaining("(rate_limited; no Retry-After)");
    }

    @Test
    void serverErrorsAreRetryable() {
      server.then(aResponse().withStatus(503).withBody("upstream connect error"));

      ModelCallException error =
          catchThrowableOfType(ModelCallException.class, () -> agent(false).decide(first()));

      assertThat(error.kind()).isEqualTo(ModelCallException.Kind.SERVER_ERROR);
      assertThat(error.reason()).isEqualTo("server_error");
      assertThat(error.retryable()).isTrue();
      assertThat(error).hasMessageEndingWith("\"upstream connect error\"");
    }

    @Test
    void aContextLengthErrorIsNamedAndNotRetryable() {
      server.then(
          json(
              400,
              "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\","
                  + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"));

      ModelCallException error =
          catchThrowableOfType(ModelCallException.class, () -> agent(false).decide(first()));

      assertThat(error.kind()).isEqualTo(ModelCallException.Kind.CONTEXT_LENGTH_EXCEEDED);
      assertThat(error.retryable()).isFalse();
    }

    @Test
    void theKeyNeverAppearsInAMessageEvenWhenTheServerEchoesIt() {
      server.then(
          json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\"}}"));

      ModelCallException error =
          catchThrowableOfType(ModelCallException.class, () -> agent(false).decide(first()));

      assertThat(error.kind()).isEqualTo(ModelCallException.Kind.REJECTED);
      assertThat(error).hasMessageNotContaining(KEY).hasMessageContaining("[redacted]");
    }

    @Test
    void aServerTooSlowForTheTimeoutIsATimeout() {
      server.then(json(200, resource("openai-final-answer.json")).withFixedDelay(1_500));
      ModelSettings settings =
          ModelSettings.of(ModelApi.OPENAI, "test-model", "task")
              .withBaseUrl(server.baseUrl())
              .withKeyVariable(null)
              .withTimeout(Duration.ofMillis(300));

      ModelCallException error =
          catchThrowableOfType(
              ModelCallException.class, () -> ModelAgents.create(settings).decide(first()));

      assertThat(error.kind()).isEqualTo(ModelCallException.Kind.TIMEOUT);
      assertThat(error.status()).isZero();
    }
  }

  @Test
  void aMissingKeyVariableIsNamedWithoutGuessingAValue() {
    ModelSettings settings =
        ModelSettings.of(ModelApi.OPENAI, "test-model", "task").withKeyVariable("NO_SUCH_KEY");

    assertThatThrownBy(() -> ModelAgents.create(settings, name -> null))
        .isInstanceOf(AgentException.class)
        .hasMessage(
            "The environment variable NO_SUCH_KEY named by agent.model.key is not set; set it, or"
                + " replay a cassette.");
  }

  @Test
  void anUnknownToolIsRefusedWithTheKnownOnes() {
    ModelSettings settings =
        ModelSettings.of(ModelApi.OPENAI, "m", "task")
            .withKeyVariable(null)
            .withTools(List.of("bash"));

    assertThatThrownBy(() -> ModelAgents.create(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "agent.model.tools names 'bash', which is not a Gauntlet tool; the tools are [read, write,");
  }

  static dev.gauntlet.agent.Action action(String tool, String arguments) {
    try {
      return new dev.gauntlet.agent.Action(
          tool,
          (com.fasterxml.jackson.databind.node.ObjectNode) ModelServer.JSON.readTree(arguments));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String completion(String toolCall, String finish) {
    return "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
        + "\"assistant\",\"content\":null,\"tool_calls\":["
        + toolCall
        + "]},\"finish_reason\":\""
        + finish
        + "\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5}}";
  }
}
