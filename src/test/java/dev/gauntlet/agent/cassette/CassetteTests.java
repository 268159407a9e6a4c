package dev.gauntlet.agent.cassette;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.gauntlet.agent.AgentException;
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
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record a two-exchange run through the cassette's proxy from an "upstream" on 127.0.0.1, then
 * replay it with the upstream unused.
 */
class CassetteTests {

  private static final String KEY = "sk-live-secret-42";
  private static WireMockServer upstream;

  @TempDir Path folder;

  @BeforeAll
  static void startUpstream() throws IOException {
    upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    upstream.start();
    upstream.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .inScenario("upstream")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("second")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withHeader("openai-organization", "org-identifying")
                    .withHeader("x-request-id", "req_identifying")
                    .withHeader("Set-Cookie", "__cf_bm=identifying")
                    .withHeader("x-ratelimit-remaining-requests", "499")
                    .withBody(resource("openai-two-calls.sse"))));
    upstream.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .inScenario("upstream")
            .whenScenarioStateIs("second")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader("openai-project", "proj_identifying")
                    .withBody(
                        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                            + "\"content\":\"Done; your key "
                            + KEY
                            + " worked.\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":9}}")));
  }

  @BeforeEach
  void resetUpstream() {
    upstream.resetScenarios();
    upstream.resetRequests();
  }

  @AfterAll
  static void stopUpstream() {
    upstream.stop();
  }

  private static ModelSettings settings(URI baseUrl, String task) {
    return ModelSettings.of(ModelApi.OPENAI, "test-model", task)
        .withBaseUrl(baseUrl)
        .withKeyVariable("CASSETTE_KEY")
        .withTools(List.of("write", "read", "finish"))
        .withStream(true);
  }

  private static List<Decision> run(CassetteSession session, String task) {
    MeteredAgent agent =
        ModelAgents.create(settings(session.baseUrl(), task), Map.of("CASSETTE_KEY", KEY)::get);
    return List.of(
        agent.decide(new Observation(1, null, 10)),
        agent.decide(new Observation(2, ToolResult.ok("written"), 9)),
        agent.decide(new Observation(3, ToolResult.ok("hello"), 8)));
  }

  @Test
  void aRecordedRunReplaysToTheSameDecisionsWithoutTheUpstream() throws IOException {
    Path cassette = folder.resolve("cassettes/notes.json");
    URI real = URI.create("http://127.0.0.1:" + upstream.port() + "/v1");
    List<Decision> recorded;
    try (CassetteSession session = Cassettes.open(cassette, RecordMode.ONCE, real, List.of(KEY))) {
      assertThat(session.recording()).isTrue();
      recorded = run(session, "Write hello.md, then read it.");
    }
    int upstreamRequests = upstream.getAllServeEvents().size();

    List<Decision> replayed;
    try (CassetteSession session = Cassettes.open(cassette, RecordMode.NONE, real, List.of())) {
      assertThat(session.recording()).isFalse();
      replayed = run(session, "Write hello.md, then read it.");
      assertThat(session.exchanges()).isEqualTo(2);
      assertThat(session.mismatches()).isEmpty();
    }

    assertThat(replayed).isEqualTo(recorded);
    assertThat(recorded.get(2))
        .isEqualTo(Decision.finish(Outcome.SUCCESS, "Done; your key [redacted] worked."));
    assertThat(upstream.getAllServeEvents()).hasSize(upstreamRequests);
    assertThat(upstreamRequests).isEqualTo(2);
  }

  @Test
  void aRecordingHoldsNoSecretAndNoIdentifyingHeader() throws IOException {
    Path cassette = folder.resolve("recorded.json");
    URI real = URI.create("http://127.0.0.1:" + upstream.port() + "/v1");

    try (CassetteSession session = Cassettes.open(cassette, RecordMode.ALL, real, List.of(KEY))) {
      run(session, "Write hello.md, then read it.");
    }

    String text = Files.readString(cassette);
    assertThat(text)
        .doesNotContain(KEY)
        .doesNotContainIgnoringCase("authorization")
        .doesNotContain("identifying")
        .contains("x-ratelimit-remaining-requests")
        .contains("\"requiredScenarioState\" : \"Started\"")
        .contains("\"equalToJson\"");
    assertThat(CassetteFile.read(cassette)).hasSize(2);
  }

  @Test
  void aRequestTheCassetteDoesNotHoldFailsTheStepNamingWhatDiffers() throws IOException {
    Path cassette = folder.resolve("notes.json");
    URI real = URI.create("http://127.0.0.1:" + upstream.port() + "/v1");
    try (CassetteSession session = Cassettes.open(cassette, RecordMode.ONCE, real, List.of(KEY))) {
      run(session, "Write hello.md, then read it.");
    }

    try (CassetteSession session = Cassettes.open(cassette, RecordMode.ONCE, real, List.of())) {
      MeteredAgent agent =
          ModelAgents.create(
              settings(session.baseUrl(), "Write goodbye.md instead."),
              Map.of("CASSETTE_KEY", KEY)::get);

      ModelCallException error =
          catchThrowableOfType(
              ModelCallException.class, () -> agent.decide(new Observation(1, null, 10)));

      assertThat(error.kind()).isEqualTo(ModelCallException.Kind.CASSETTE_MISMATCH);
      assertThat(error.retryable()).isFalse();
      assertThat(error)
          .hasMessage(
              "Step 1: the cassette "
                  + cassette
                  + " holds no such request POST /v1/chat/completions; exchange 1 of 2 differs at"
                  + " /messages/0/content: expected \"Write hello.md, then read it.\" but was"
                  + " \"Write goodbye.md instead.\"");
      assertThat(session.mismatches()).hasSize(1);
    }
  }

  @Test
  void aRequestAfterTheLastExchangeSaysTheCassetteIsUsedUp() throws IOException {
    Path cassette = folder.resolve("one.json");
    CassetteFile.write(
        cassette,
        List.of(
            new Exchange(
                "POST",
                "/v1/chat/completions",
                com.fasterxml.jackson.databind.node.NullNode.getInstance(),
                429,
                Map.of("Content-Type", "application/json"),
                CassetteFile.parseOrKeep("{\"error\":{\"message\":\"slow down\"}}"))));

    try (CassetteSession session =
        Cassettes.open(
            cassette, RecordMode.NONE, URI.create("https://api.openai.com/v1"), List.of())) {
      MeteredAgent agent =
          ModelAgents.create(settings(session.baseUrl(), "anything").withKeyVariable(null));
      ModelCallException first =
          catchThrowableOfType(
              ModelCallException.class, () -> agent.decide(new Observation(1, null, 10)));
      ModelCallException second =
          catchThrowableOfType(
              ModelCallException.class, () -> agent.decide(new Observation(1, null, 10)));

      assertThat(first.kind()).isEqualTo(ModelCallException.Kind.RATE_LIMITED);
      assertThat(second.kind()).isEqualTo(ModelCallException.Kind.CASSETTE_MISMATCH);
      assertThat(second)
          .hasMessage(
              "Step 1: the cassette "
                  + cassette
                  + " holds no request POST /v1/chat/completions: its 1 exchanges were all served.");
    }
  }

  @Test
  void replayingWithoutACassetteIsAnErrorNamingTheFileAndTheWayOut() {
    Path missing = folder.resolve("missing.json");

    assertThatThrownBy(
            () ->
                Cassettes.open(
                    missing, RecordMode.NONE, URI.create("https://api.openai.com/v1"), List.of()))
        .isInstanceOf(AgentException.class)
        .hasMessage(
            "There is no cassette at "
                + missing
                + " and the record mode is 'none'; record one with the record mode 'once'.");
  }

  @Test
  void eachModeRecordsOnlyWhenItShould() {
    assertThat(RecordMode.NONE.records(true)).isFalse();
    assertThat(RecordMode.NONE.records(false)).isFalse();
    assertThat(RecordMode.ONCE.records(true)).isFalse();
    assertThat(RecordMode.ONCE.records(false)).isTrue();
    assertThat(RecordMode.ALL.records(true)).isTrue();
    assertThat(RecordMode.byKey("once")).isEqualTo(RecordMode.ONCE);
    assertThat(RecordMode.byKey("sometimes")).isNull();
  }

  static String resource(String name) {
    try (InputStream in = CassetteTests.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("no test resource " + name, e);
    }
  }
}
