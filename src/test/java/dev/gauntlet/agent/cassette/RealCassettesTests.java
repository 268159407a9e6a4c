package dev.gauntlet.agent.cassette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.agent.model.MeteredAgent;
import dev.gauntlet.agent.model.ModelAgents;
import dev.gauntlet.agent.model.ModelApi;
import dev.gauntlet.agent.model.ModelCallException;
import dev.gauntlet.agent.model.ModelSettings;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.scenario.Outcome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Convert the shared folder's vcr-style cassettes (YAML, as pydantic-ai records them) into Gauntlet
 * cassettes and replay them to the model agents.
 */
class RealCassettesTests {

  static final Path CASSETTES = Path.of("..", "shared", "realdata", "cassettes");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path folder;

  @BeforeAll
  static void requireTheRealData() {
    Assumptions.assumeTrue(
        Files.isDirectory(CASSETTES),
        "The real cassettes are not at " + CASSETTES.toAbsolutePath() + "; skipping.");
  }

  @Test
  void threeRecordedRateLimitsReplayAsThreeRateLimitErrorsWithoutRetryAfter() throws IOException {
    Path cassette = convert("openai-compatible-429-three-times.yaml", true);
    URI real = URI.create("https://openrouter.ai/api/v1");

    List<ModelCallException> errors = new ArrayList<>();
    try (CassetteSession session = Cassettes.open(cassette, RecordMode.NONE, real, List.of())) {
      // The recorded request exactly: no tools, not streamed, so the bodies must match.
      MeteredAgent agent =
          ModelAgents.create(
              ModelSettings.of(
                      ModelApi.OPENAI, "google/gemini-2.0-flash-exp:free", "Tell me a joke.")
                  .withBaseUrl(session.baseUrl())
                  .withKeyVariable(null)
                  .withSystem("Be helpful.")
                  .withTools(List.of()));
      for (int attempt = 1; attempt <= 4; attempt++) {
        int step = attempt;
        errors.add(
            catchThrowableOfType(
                ModelCallException.class, () -> agent.decide(new Observation(step, null, 10))));
      }
      assertThat(session.mismatches()).hasSize(1);
    }

    assertThat(errors.subList(0, 3))
        .allSatisfy(
            error -> {
              assertThat(error.kind()).isEqualTo(ModelCallException.Kind.RATE_LIMITED);
              assertThat(error.status()).isEqualTo(429);
              assertThat(error.retryAfter()).isEmpty();
              assertThat(error)
                  .hasMessageEndingWith("(rate_limited; no Retry-After): Provider returned error");
            });
    assertThat(errors.get(3).kind()).isEqualTo(ModelCallException.Kind.CASSETTE_MISMATCH);
  }

  @Test
  void theResponsesRoundTripReplaysAsACallThenAFinalAnswer() throws IOException {
    Path cassette = convert("openai-responses-function-call-roundtrip.yaml", false);
    URI real = URI.create("https://api.openai.com/v1");

    try (CassetteSession session = Cassettes.open(cassette, RecordMode.NONE, real, List.of())) {
      MeteredAgent agent =
          ModelAgents.create(
              ModelSettings.of(
                      ModelApi.OPENAI_RESPONSES, "gpt-4o", "What is the capital of PotatoLand?")
                  .withBaseUrl(session.baseUrl())
                  .withKeyVariable(null));

      Decision call = agent.decide(new Observation(1, null, 10));
      long firstPrompt = agent.usage().promptTokens();
      Decision answer = agent.decide(new Observation(2, ToolResult.ok("Potato City"), 9));

      assertThat(call)
          .isEqualTo(
              Decision.act(
                  new dev.gauntlet.agent.Action(
                      "get_capital",
                      (com.fasterxml.jackson.databind.node.ObjectNode)
                          new ObjectMapper().readTree("{\"country\":\"PotatoLand\"}"))));
      assertThat(answer)
          .isEqualTo(Decision.finish(Outcome.SUCCESS, "The capital of PotatoLand is Potato City."));
      assertThat(firstPrompt).isEqualTo(40);
      assertThat(agent.usage().promptTokens()).isEqualTo(67);
      assertThat(agent.usage().completionTokens()).isEqualTo(11);
    }
  }

  /**
   * Write a vcr cassette as a Gauntlet one; {@code matchBodies} keeps the recorded request bodies
   * (else any body matches, for recordings whose requests carry tools Gauntlet does not have).
   */
  private Path convert(String name, boolean matchBodies) throws IOException {
    JsonNode vcr = YAML.readTree(CASSETTES.resolve(name).toFile());
    List<Exchange> exchanges = new ArrayList<>();
    for (JsonNode interaction : vcr.path("interactions")) {
      JsonNode request = interaction.path("request");
      JsonNode response = interaction.path("response");
      Map<String, String> headers = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> header = it.next();
        if (Scrubber.kept(header.getKey())) {
          headers.put(header.getKey(), header.getValue().path(0).asText());
        }
      }
      JsonNode body =
          response.has("parsed_body")
              ? response.get("parsed_body")
              : TextNode.valueOf(response.path("body").path("string").asText(""));
      exchanges.add(
          new Exchange(
              request.path("method").asText(),
              URI.create(request.path("uri").asText()).getRawPath(),
              matchBodies ? request.path("parsed_body") : NullNode.getInstance(),
              response.path("status").path("code").asInt(),
              headers,
              body));
    }
    Path cassette = folder.resolve(name.replace(".yaml", ".json"));
    CassetteFile.write(cassette, exchanges);
    return cassette;
  }
}
