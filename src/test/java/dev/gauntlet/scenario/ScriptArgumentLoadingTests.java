package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.scenario.ScriptItem.ActionTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The values of a scripted action's arguments that can be known before the run (durations, numbers,
 * choices, the keys an action needs) are checked when the file loads, each problem pointing at the
 * value; a value that holds a {@code ${…}} expression is left to the tool.
 */
class ScriptArgumentLoadingTests {

  @TempDir Path dir;

  private final ScenarioLoader loader = new ScenarioLoader();

  @Nested
  class Timeouts {

    @Test
    void aShellTimeoutWithoutAUnitIsRefusedAtItsValue() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - shell:
                      command: make test
                      timeout: "30"
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":6:18 agent.scripted[0].shell.timeout: '30' is not a duration: write whole"
                  + " numbers of ms, s, m or h, such as 1500ms or 1m30s");
    }

    @Test
    void aShellTimeoutAboveTheLongestAllowedIsRefused() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - shell: { command: make test, timeout: 15m }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:45 agent.scripted[0].shell.timeout: expected a duration of at most 10m,"
                  + " the longest a command may run, but found the text '15m'");
    }

    @Test
    void anInputTimeoutGivenAsANumberIsRefusedNamingTheDurationForm() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - shell: { command: ./ask, inputTimeout: 2 }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:46 agent.scripted[0].shell.inputTimeout: expected a positive duration"
                  + " such as 500ms, 30s, 2m or 1h but found the number 2");
    }

    @Test
    void aWaitInItsShortFormIsRefusedAtItsValue() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - wait: soon
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:13 agent.scripted[0].wait: 'soon' is not a duration: write whole numbers"
                  + " of ms, s, m or h, such as 1500ms or 1m30s");
    }

    @Test
    void aWaitOfNoTimeAtAllIsRefused() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - wait: { duration: 0s }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:25 agent.scripted[0].wait.duration: '0s' is no time at all: write a"
                  + " duration longer than 0, such as 500ms or 30s");
    }

    @Test
    void aWaitLongerThanTheLongestDurationIsRefusedWithTheLongest() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - wait: 10000000h
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:13 agent.scripted[0].wait: '10000000h' is too long: a duration is at most"
                  + " 100000h (about 11 years)");
    }

    @Test
    void decimalsAndUnitsBelowAMillisecondAreRefusedWithTheRule() throws IOException {
      Path file =
          write(
              """
              id: t
              budget: { wallClock: 1.5s }
              agent:
                scripted:
                  - wait: 500us
                  - shell: { command: make, timeout: 1ns }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":2:22 budget.wallClock: '1.5s' is not a duration: write whole numbers of ms,"
                  + " s, m or h, such as 1500ms or 1m30s",
              file
                  + ":5:13 agent.scripted[0].wait: '500us' is not a duration: write whole numbers"
                  + " of ms, s, m or h, such as 1500ms or 1m30s",
              file
                  + ":6:40 agent.scripted[1].shell.timeout: '1ns' is not a duration: write whole"
                  + " numbers of ms, s, m or h, such as 1500ms or 1m30s");
    }
  }

  @Nested
  class Requests {

    @Test
    void anHttpTimeoutAboveTheLongestAllowedIsRefused() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - http: { url: "https://api.example.com/x", timeout: 90 }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:58 agent.scripted[0].http.timeout: expected a number of seconds above 0"
                  + " and at most 60 but found the number 90");
    }

    @Test
    void anHttpTimeoutWrittenAsADurationIsRefusedSinceTheToolTakesSeconds() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - http: { url: "https://api.example.com/x", timeout: 5s }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:58 agent.scripted[0].http.timeout: expected a number of seconds above 0"
                  + " and at most 60 but found the text '5s'");
    }

    @Test
    void anHttpMethodThatIsNotOneWordOfLettersIsRefused() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - http: { url: "https://api.example.com/x", method: "GET /" }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:57 agent.scripted[0].http.method: expected an HTTP method of 1 to 16"
                  + " letters, such as GET or POST, but found the text 'GET /'");
    }

    @Test
    void aHeaderNameThatIsNotAnHttpTokenIsRefusedAtTheName() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - http:
                      url: "https://api.example.com/x"
                      headers:
                        "Bad Name": yes please
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":7:11 agent.scripted[0].http.headers[\"Bad Name\"]: header name 'Bad Name' is"
                  + " not an HTTP token: letters, digits and !#$%&'*+-.^_`|~ only");
    }
  }

  @Nested
  class Commands {

    @Test
    void aBlankCommandIsRefused() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - shell: "  "
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:14 agent.scripted[0].shell: expected a command to run but found a blank"
                  + " string");
    }

    @Test
    void anEmptyCommandListOrACommandOfTheWrongTypeIsOneProblem() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - shell: { command: [] }
                  - shell: { command: 5 }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:25 agent.scripted[0].shell.command: expected a command but found an empty"
                  + " list: give the program and its arguments, such as [make, test]",
              file
                  + ":5:25 agent.scripted[1].shell.command: expected a string or a list of strings"
                  + " but found the number 5");
    }

    @Test
    void aCommandListWhoseProgramIsEmptyIsRefusedAtThatWord() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - shell: { command: ["", "-c", "true"] }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:26 agent.scripted[0].shell.command[0]: expected the program's name but"
                  + " found an empty string");
    }

    @Test
    void anEnvironmentVariableNameWithAnEqualsSignIsRefusedAtTheName() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - shell:
                      command: env
                      env: { "A=B": c }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":6:16 agent.scripted[0].shell.env[\"A=B\"]: 'A=B' is not an environment"
                  + " variable's name: a name is not empty and holds no '=' or NUL");
    }
  }

  @Nested
  class Browser {

    @Test
    void anUnknownBrowserActionSuggestsTheNearestOne() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - browser: { action: clik, ref: e1 }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:26 agent.scripted[0].browser.action: unknown browser action 'clik'; did"
                  + " you mean 'click'?");
    }

    @Test
    void aBrowserActionWithoutTheArgumentItNeedsIsRefused() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - browser: { action: type, ref: e2 }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:16 agent.scripted[0].browser.text: missing required key 'text' of browser"
                  + " action 'type'");
    }

    @Test
    void aBrowserActionInItsShortFormNeedsNoOtherArgument() throws IOException {
      Path file = write("id: t\nagent:\n  scripted:\n    - browser: read\n    - browser: back\n");

      List<Scenario> scenarios = loader.load(file);

      assertThat(scenarios).hasSize(1);
    }
  }

  @Nested
  class ValuesWithExpressions {

    @Test
    void aValueThatHoldsAnExpressionIsLeftToTheToolAtRunTime() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - read: timeout.txt
                    save: seconds
                  - shell: { command: make test, timeout: "${seconds}s" }
                  - wait: "${seconds}"
                  - browser: { action: "${seconds}" }
              """);

      List<ScriptItem> script = script(loader.load(file).get(0));

      assertThat(((ActionTemplate) script.get(1)).arguments().get("timeout").asText())
          .isEqualTo("${seconds}s");
      assertThat(((ActionTemplate) script.get(2)).arguments().get("duration").asText())
          .isEqualTo("${seconds}");
    }

    @Test
    void anHttpTimeoutIsANumberSoAnExpressionThatGivesTextIsRefused() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - read: timeout.txt
                    save: seconds
                  - http: { url: "https://api.example.com/x", timeout: "${seconds}" }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":6:58 agent.scripted[1].http.timeout: expected a number of seconds above 0"
                  + " and at most 60 but found the text '${seconds}'");
    }
  }

  @Test
  void everyArgumentProblemOfAScriptIsReportedTogether() throws IOException {
    Path file =
        write(
            """
            id: t
            agent:
              scripted:
                - wait: 5
                - repeat: 2
                  do:
                    - shell: { command: make, timeout: 11m }
            """);

    assertThat(problems(file))
        .containsExactly(
            file
                + ":4:13 agent.scripted[0].wait: expected a positive duration such as 500ms, 30s,"
                + " 2m or 1h but found the number 5",
            file
                + ":7:44 agent.scripted[1].do[0].shell.timeout: expected a duration of at most"
                + " 10m, the longest a command may run, but found the text '11m'");
  }

  @Test
  void wellFormedArgumentsOfEveryToolLoad() throws IOException {
    Path file =
        write(
            """
            id: t
            agent:
              scripted:
                - shell: { command: [make, test], timeout: 1m30s, inputTimeout: 500ms, env: { CI: "1" } }
                - http:
                    url: "https://api.example.com/x"
                    method: post
                    headers: { X-Request-Id: abc }
                    timeout: 2.5
                - browser: { action: open, url: "https://shop.example.com" }
                - browser: { action: select, ref: e3, option: B }
                - wait: 10m
                - finish: success
            """);

    List<Scenario> scenarios = loader.load(file);

    assertThat(script(scenarios.get(0))).hasSize(6);
  }

  private List<String> problems(Path file) {
    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> loader.load(file));
    assertThat(thrown).as("loading %s", file).isNotNull();
    return thrown.problems().stream().map(Problem::toString).toList();
  }

  private static List<ScriptItem> script(Scenario scenario) {
    return ((ScriptedAgentSpec) scenario.agent()).script();
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("script.yaml"), content);
  }
}
