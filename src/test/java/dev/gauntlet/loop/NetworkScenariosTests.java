package dev.gauntlet.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Run networked scenarios through one runner, as one engine run does, on one mock server. */
class NetworkScenariosTests {

  @TempDir Path folder;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  private ScenarioRunner runner;

  @AfterEach
  void stopTheMockServer() {
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  void twoScenariosWithConflictingMocksForTheSameHostAndPathEachGetTheirOwnAnswer()
      throws IOException {
    Scenario red = scenario("red", colourScenario("red"));
    Scenario blue = scenario("blue", colourScenario("blue"));
    runner = new ScenarioRunner(new RunSettings(folder.resolve("reports"), "run", false));

    ScenarioResult redResult = kept.of(runner.run(red));
    ScenarioResult blueResult = kept.of(runner.run(blue));

    assertThat(redResult.failures()).isEmpty();
    assertThat(blueResult.failures()).isEmpty();
    assertThat(Files.readString(redResult.trace().resolveSibling("egress.jsonl")))
        .contains("\"scope\":\"red\"")
        .doesNotContain("\"scope\":\"blue\"");
  }

  @Test
  void anAllowedRequestThatNoMockAnswersFailsTheScenarioNamingTheUrlAndTheNearestMock()
      throws IOException {
    Scenario scenario =
        scenario(
            "gap",
            """
            id: gap
            network:
              policy: { allow: [ { host: api.example.com } ] }
              mocks:
                - host: api.example.com
                  path: /colours/red
                  responses: [ { status: 200, body: red } ]
            agent:
              scripted:
                - http: https://api.example.com/colours/rde
            """);
    runner = new ScenarioRunner(new RunSettings(folder.resolve("reports"), "run", false));

    ScenarioResult result = kept.of(runner.run(scenario));

    assertThat(result.passed()).isFalse();
    assertThat(String.join("\n", result.failures()))
        .contains("https://api.example.com/colours/rde");
    assertThat(Files.readString(result.trace())).contains("no_mock").contains("/colours/red");
  }

  @Test
  void inVirtualTimeAWaitRefillsTheRateLimitWithoutTakingRealTime() throws IOException {
    Scenario scenario =
        scenario(
            "patient",
            """
            id: patient
            network:
              policy: { allow: [ { host: api.example.com, rate: 1/h, burst: 2 } ] }
              mocks:
                - host: api.example.com
                  path: /ping
                  responses: [ { status: 200, body: pong } ]
            agent:
              scripted:
                - http: https://api.example.com/ping
                - http: https://api.example.com/ping
                - http: https://api.example.com/ping
                - wait: 1h
                - http: https://api.example.com/ping
            expect:
              network: { deniedBy: { rate_limited: 1 } }
            """);
    runner = new ScenarioRunner(new RunSettings(folder.resolve("reports"), "run", false));

    ScenarioResult result = kept.of(runner.run(scenario));

    assertThat(result.failures()).isEmpty();
    assertThat(result.simulatedTime()).isGreaterThanOrEqualTo(Duration.ofHours(1));
    assertThat(Files.readAllLines(result.trace().resolveSibling("egress.jsonl")))
        .extracting(line -> line.contains("\"decision\":\"allow\"") ? "allow" : "deny")
        .containsExactly("allow", "allow", "deny", "allow");
  }

  private static String colourScenario(String colour) {
    return """
        id: %1$s
        network:
          policy: { allow: [ { host: api.example.com } ] }
          mocks:
            - host: api.example.com
              path: /colour
              responses: [ { status: 200, body: "%1$s" } ]
        agent:
          scripted:
            - http: https://api.example.com/colour
              save: answer
            - write: { path: colour.txt, content: "${answer}" }
        expect:
          files:
            colour.txt: { contains: "%1$s" }
          network: { denied: 0, everyMockUsed: true }
        """
        .formatted(colour);
  }

  private Scenario scenario(String name, String yaml) throws IOException {
    Path file = folder.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return new ScenarioLoader().load(file).get(0);
  }
}
