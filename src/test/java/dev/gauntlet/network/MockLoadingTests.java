package dev.gauntlet.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.ScenarioException;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mock's patterns are handed to WireMock, which throws on what it cannot read; the loader must
 * find them first and name each at its place, so that one bad mock refuses one scenario instead of
 * ending the run.
 */
class MockLoadingTests {

  private static final String AGENT = "agent:\n  scripted:\n    - read: plan.md\n";

  @TempDir Path dir;

  private final ScenarioLoader loader = new ScenarioLoader();

  @Test
  void aPathPatternThatIsNotARegularExpressionIsRefusedAtItsPlace() throws IOException {
    Problem problem =
        onlyProblem(mock("pathPattern: \"/orders/([0-9]+\"\n      responses: [{status: 200}]"));

    assertThat(problem.keyPath()).isEqualTo("network.mocks[0].pathPattern");
    assertThat(problem.line()).isEqualTo(5);
    assertThat(problem.message()).contains("not a regular expression").contains("/orders/([0-9]+");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"query: {page: {matches: \"[0-9\"}}", "headers: {X-Id: {matches: \"(\"}}"})
  void aMatchesThatIsNotARegularExpressionIsRefusedAtItsPlace(String matcher) throws IOException {
    Problem problem =
        onlyProblem(mock("path: /orders\n      " + matcher + "\n      responses: [{status: 200}]"));

    assertThat(problem.keyPath()).endsWith(".matches");
    assertThat(problem.line()).isEqualTo(6);
    assertThat(problem.message()).contains("not a regular expression");
  }

  @Test
  void aBodyMatchesThatIsNotARegularExpressionIsRefusedAtItsPlace() throws IOException {
    Problem problem =
        onlyProblem(
            mock("path: /orders\n      body: {matches: \"*\"}\n      responses: [{status: 200}]"));

    assertThat(problem.keyPath()).isEqualTo("network.mocks[0].body.matches");
    assertThat(problem.message()).contains("not a regular expression");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/items/{id", "/items/{}", "/items/id}"})
  void aPathTemplateWithUnbalancedBracesIsRefusedAtItsPlace(String path) throws IOException {
    Problem problem = onlyProblem(mock("path: \"" + path + "\"\n      responses: [{status: 200}]"));

    assertThat(problem.keyPath()).isEqualTo("network.mocks[0].path");
    assertThat(problem.message()).contains(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"Bad Header\": x", "\"X-Id:\": x", "\"\": x", "\"Über\": x"})
  void aResponseHeaderNameHttpCannotCarryIsRefusedAtItsPlace(String header) throws IOException {
    Problem problem =
        onlyProblem(mock("path: /x\n      responses: [{status: 200, headers: {" + header + "}}]"));

    assertThat(problem.keyPath()).startsWith("network.mocks[0].responses[0].headers");
    assertThat(problem.line()).isEqualTo(6);
    assertThat(problem.message()).contains("header name").contains("no space or colon");
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Trace: \"a\\nb\"", "X-Trace: \"a\\u0000b\""})
  void aResponseHeaderValueThatIsNotOneLineOfTextIsRefused(String header) throws IOException {
    Problem problem =
        onlyProblem(mock("path: /x\n      responses: [{status: 200, headers: {" + header + "}}]"));

    assertThat(problem.keyPath()).isEqualTo("network.mocks[0].responses[0].headers.X-Trace");
    assertThat(problem.message()).contains("control character");
  }

  @Test
  void aRequestHeaderNameThatNoRequestCanCarryIsRefused() throws IOException {
    Problem problem =
        onlyProblem(
            mock("path: /x\n      headers: {\"Bad Header\": x}\n      responses: [{status: 200}]"));

    assertThat(problem.keyPath()).startsWith("network.mocks[0].headers");
    assertThat(problem.message()).contains("'Bad Header' is not valid HTTP");
  }

  @Test
  void aMalformedRetryAfterStillLoadsSinceAgentsMustCopeWithOne() throws IOException {
    Path file = mock("path: /x\n      responses: [{status: 503, headers: {Retry-After: \"-3\"}}]");

    assertThat(loader.load(file)).hasSize(1);
  }

  @Test
  void aGoodPathTemplateAndPatternLoad() throws IOException {
    Path file =
        write(
            """
            id: fine
            network:
              mocks:
                - host: api.example.com
                  path: /items/{id}
                  responses: [{status: 200}]
                - host: api.example.com
                  pathPattern: "/orders/[0-9]+"
                  query: {page: {matches: "[0-9]+"}}
                  responses: [{status: 200}]
            """
                + AGENT);

    assertThat(loader.load(file)).hasSize(1);
  }

  private Path mock(String lines) throws IOException {
    return write(
        "id: mocked\nnetwork:\n  mocks:\n    - host: api.example.com\n      "
            + lines
            + "\n"
            + AGENT);
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("scenario.yaml"), yaml);
  }

  private Problem onlyProblem(Path file) {
    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> loader.load(file));
    assertThat(thrown).as("the scenario should be refused").isNotNull();
    assertThat(thrown.problems()).hasSize(1);
    return thrown.problems().get(0);
  }
}
