package dev.gauntlet.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.network.EgressLog;
import dev.gauntlet.network.EgressRecord;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run model agents whose API is a scenario's mock: their calls go through the egress gateway, so
 * the policy judges them, the egress log holds them, and the recovery analysis sees their retries.
 */
class ModelCallsThroughTheGatewayTests {

  private static final String URL = "https://api.model.example.com/v1/chat/completions";

  @TempDir Path folder;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  private ScenarioRunner runner;

  @BeforeEach
  void startTheRunner() {
    runner = new ScenarioRunner(new RunSettings(folder.resolve("reports"), "run", false));
  }

  @AfterEach
  void stopTheMockServer() {
    runner.close();
  }

  @Test
  void aMockedModelIsAnsweredByTheScenarioMocksAndEveryCallIsLoggedUnderItsStep()
      throws IOException {
    Scenario scenario =
        scenario(
            "mocked",
            """
            id: mocked
            network:
              policy: { allow: [ { host: api.model.example.com, methods: [POST] } ] }
              mocks:
                - host: api.model.example.com
                  method: POST
                  path: /v1/chat/completions
                  responses:
                    - { status: 200, json: %s }
                    - { status: 200, json: %s }
                    - { status: 200, json: %s }
            agent:
              model:
                api: openai
                name: gpt-test
                baseUrl: https://api.model.example.com/v1
                key: none
                task: Write a.txt and b.txt.
                tools: [write, finish]
            expect:
              outcome: success
              files:
                a.txt: { contains: "alpha" }
                b.txt: { contains: "beta" }
              network: { denied: 0, everyMockUsed: true }
            """
                .formatted(
                    toolCall("call_1", "a.txt", "alpha"),
                    toolCall("call_2", "b.txt", "beta"),
                    answer("Both written.")));

    ScenarioResult result = kept.of(runner.run(scenario));

    assertThat(result.failures()).isEmpty();
    assertThat(result.steps()).isEqualTo(3);
    assertThat(result.message()).isEqualTo("Both written.");
    List<EgressRecord> egress = egress(result);
    assertThat(egress)
        .extracting(EgressRecord::step, EgressRecord::method, EgressRecord::url)
        .containsExactly(tuple(1, "POST", URL), tuple(2, "POST", URL), tuple(3, "POST", URL));
    assertThat(egress).extracting(EgressRecord::status).containsOnly(200);
    assertThat(Files.readString(result.trace().resolveSibling("egress.jsonl")))
        .doesNotContainIgnoringCase("authorization");
  }

  @Test
  void aModelCallThePolicyDeniesEndsTheRunNamingTheDenial() throws IOException {
    Scenario scenario =
        scenario(
            "denied",
            """
            id: denied
            network:
              policy: { allow: [ { host: api.shop.example.com } ] }
            agent:
              model:
                api: openai
                name: gpt-test
                baseUrl: https://api.model.example.com/v1
                key: none
                task: Write a.txt.
                tools: [write, finish]
            expect:
              outcome: error
            """);

    ScenarioResult result = kept.of(runner.run(scenario));

    assertThat(result.failures()).isEmpty();
    assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(result.harnessFault()).isFalse();
    assertThat(result.message())
        .startsWith("The network policy denied the model call at step 1 (denied)")
        .contains("POST " + URL)
        .contains("not_allowlisted");
    assertThat(egress(result))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.step()).isEqualTo(1);
              assertThat(record.url()).isEqualTo(URL);
              assertThat(record.decision()).isEqualTo("deny");
              assertThat(record.reason()).isEqualTo("not_allowlisted");
            });
  }

  @Test
  void underARecoveryPolicyADeniedModelCallIsNeverRetried() throws IOException {
    Scenario scenario =
        scenario(
            "denied-patient",
            """
            id: denied-patient
            recovery: {}
            network:
              policy: { allow: [ { host: api.shop.example.com } ] }
            agent:
              model:
                api: openai
                name: gpt-test
                baseUrl: https://api.model.example.com/v1
                key: none
                task: Write a.txt.
                tools: [write, finish]
            expect:
              outcome: gave_up
              errors: [ { step: 1, reason: denied } ]
            """);

    ScenarioResult result = kept.of(runner.run(scenario));

    assertThat(result.failures()).isEmpty();
    assertThat(result.steps()).isEqualTo(1);
    assertThat(result.message())
        .contains("a denial by the network policy is never retried (denied)");
    assertThat(egress(result)).hasSize(1);
  }

  @Test
  void aModelCallNoMockAnswersEndsTheRunAndFailsTheScenarioNamingTheRequest() throws IOException {
    Scenario scenario =
        scenario(
            "unmocked",
            """
            id: unmocked
            network:
              policy: { allow: [ { host: api.model.example.com, methods: [POST] } ] }
              mocks:
                - host: api.model.example.com
                  method: POST
                  path: /v2/chat/completions
                  responses: [ { status: 200, json: %s } ]
            agent:
              model:
                api: openai
                name: gpt-test
                baseUrl: https://api.model.example.com/v1
                key: none
                task: Say hello.
                tools: [finish]
            """
                .formatted(answer("Hello.")));

    ScenarioResult result = kept.of(runner.run(scenario));

    assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(result.message())
        .contains("(rejected)")
        .contains("no mock for POST " + URL)
        .contains("nearest mocks: POST api.model.example.com /v2/chat/completions");
    assertThat(String.join("\n", result.failures())).contains("no mock for POST " + URL);
  }

  @Test
  void aRateLimitedModelCallWaitsForRetryAfterAndTheAnalysisSeesTheRetry() throws IOException {
    Scenario scenario =
        scenario(
            "limited",
            """
            id: limited
            recovery: { attempts: 3, backoff: { initial: 1s, factor: 2, max: 30s, jitter: 0.1 } }
            network:
              policy: { allow: [ { host: api.model.example.com, methods: [POST] } ] }
              mocks:
                - host: api.model.example.com
                  method: POST
                  path: /v1/chat/completions
                  responses:
                    - { status: 429, headers: { Retry-After: "7" }, json: { error: { message: "Slow down.", type: requests } } }
                    - { status: 200, json: %s }
            agent:
              model:
                api: openai
                name: gpt-test
                baseUrl: https://api.model.example.com/v1
                key: none
                task: Say hello.
                tools: [finish]
            expect:
              outcome: success
              recovery: { retried: true }
            """
                .formatted(answer("Hello.")));

    ScenarioResult result = kept.of(runner.run(scenario));

    assertThat(result.failures()).isEmpty();
    assertThat(result.findings()).isEmpty();
    assertThat(result.steps()).isEqualTo(2);
    assertThat(result.simulatedTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    assertThat(egress(result))
        .extracting(EgressRecord::step, EgressRecord::status)
        .containsExactly(tuple(1, 429), tuple(2, 200));
    assertThat(Files.readString(result.trace())).contains("\"rate_limited\"");
  }

  private static List<EgressRecord> egress(ScenarioResult result) throws IOException {
    return EgressLog.read(result.trace().resolveSibling("egress.jsonl"));
  }

  private static String toolCall(String id, String path, String content) {
    return """
        { id: chatcmpl-%1$s, object: chat.completion, choices: [ { index: 0, message: { role: assistant, \
        content: null, tool_calls: [ { id: %1$s, type: function, function: { name: write, \
        arguments: '{"path": "%2$s", "content": "%3$s"}' } } ] }, finish_reason: tool_calls } ], \
        usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 } }"""
        .formatted(id, path, content);
  }

  private static String answer(String text) {
    return """
        { id: chatcmpl-end, object: chat.completion, choices: [ { index: 0, message: { role: assistant, \
        content: "%s" }, finish_reason: stop } ], usage: { prompt_tokens: 20, completion_tokens: 5, \
        total_tokens: 25 } }"""
        .formatted(text);
  }

  private Scenario scenario(String name, String yaml) throws IOException {
    Path file = folder.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return new ScenarioLoader().load(file).get(0);
  }
}
