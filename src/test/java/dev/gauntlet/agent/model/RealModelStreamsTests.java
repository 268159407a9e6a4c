package dev.gauntlet.agent.model;

import static dev.gauntlet.agent.model.ChatCompletionsAgentTests.action;
import static dev.gauntlet.agent.model.ModelServer.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.sandbox.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Serve the recorded public model streams of the shared real-data folder to the model agents. */
class RealModelStreamsTests {

  static final Path STREAMS = Path.of("..", "shared", "realdata", "model-streams");

  private static ModelServer server;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        Files.isDirectory(STREAMS),
        "The real model streams are not at " + STREAMS.toAbsolutePath() + "; skipping.");
    server = new ModelServer();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  private static MeteredAgent agent(ModelApi api, String file) throws IOException {
    server.then(stream(Files.readString(STREAMS.resolve(file))));
    return ModelAgents.create(
        ModelSettings.of(api, "test-model", "task")
            .withBaseUrl(server.baseUrl())
            .withKeyVariable(null)
            .withStream(true));
  }

  @Test
  void theParallelToolCallStreamYieldsBothCallsWithTheirFullArguments() throws IOException {
    MeteredAgent agent = agent(ModelApi.OPENAI, "openai-chat-parallel-tool-calls.sse");

    Decision first = agent.decide(new Observation(1, null, 10));
    ModelUsage usage = agent.usage();
    Decision second = agent.decide(new Observation(2, ToolResult.ok("12C"), 9));

    assertThat(first)
        .isEqualTo(
            Decision.act(
                action(
                    "GetWeatherArgs",
                    "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}")));
    assertThat(second)
        .isEqualTo(
            Decision.act(
                action("get_stock_price", "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}")));
    assertThat(usage.promptTokens()).isEqualTo(149);
    assertThat(usage.completionTokens()).isEqualTo(60);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void theSingleToolCallStreamYieldsOneCall() throws IOException {
    MeteredAgent agent = agent(ModelApi.OPENAI, "openai-chat-single-tool-call.sse");

    Decision decision = agent.decide(new Observation(1, null, 10));

    assertThat(decision)
        .isEqualTo(
            Decision.act(
                action(
                    "GetWeatherArgs",
                    "{\"city\":\"Edinburgh\",\"country\":\"UK\",\"units\":\"c\"}")));
    assertThat(agent.usage().totalTokens()).isEqualTo(100);
  }

  @Test
  void theStreamEndingWithLengthIsATruncatedReply() throws IOException {
    MeteredAgent agent = agent(ModelApi.OPENAI, "openai-chat-finish-length.sse");

    ModelOutputException error =
        catchThrowableOfType(
            ModelOutputException.class, () -> agent.decide(new Observation(1, null, 10)));

    assertThat(error.kind()).isEqualTo(ModelOutputException.Kind.TRUNCATED);
    assertThat(error)
        .hasMessage(
            "Step 1: the model's reply was cut off (stop reason 'length') in its text, which ends"
                + " \"{\"\".");
    assertThat(agent.usage().promptTokens()).isEqualTo(79);
    assertThat(agent.usage().completionTokens()).isEqualTo(1);
  }

  @Test
  void theAnthropicToolUseStreamJoinsItsInputFragments() throws IOException {
    MeteredAgent agent = agent(ModelApi.ANTHROPIC, "anthropic-messages-tool-use.sse");

    Decision decision = agent.decide(new Observation(1, null, 10));

    assertThat(decision)
        .isEqualTo(Decision.act(action("get_weather", "{\"location\": \"Paris\"}")));
    assertThat(agent.usage().promptTokens()).isEqualTo(377);
    assertThat(agent.usage().completionTokens()).isEqualTo(65);
  }

  @Test
  void theTruncatedAnthropicStreamIsAModelOutputErrorForThatStep() throws IOException {
    MeteredAgent agent = agent(ModelApi.ANTHROPIC, "anthropic-messages-truncated-tool-input.sse");

    ModelOutputException error =
        catchThrowableOfType(
            ModelOutputException.class, () -> agent.decide(new Observation(7, null, 10)));

    assertThat(error.kind()).isEqualTo(ModelOutputException.Kind.TRUNCATED);
    assertThat(error.reason()).isEqualTo("model_output");
    assertThat(error.step()).isEqualTo(7);
    assertThat(error)
        .hasMessageStartingWith(
            "Step 7: the model's reply was cut off (stop reason 'max_tokens') in the middle of a"
                + " call of 'make_file', whose arguments end \"{\"filename\": \"taxes.txt\"");
    assertThat(agent.usage().completionTokens()).isEqualTo(124);
  }
}
