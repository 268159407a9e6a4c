package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ${…}} expression of a script is checked when the file loads: it must be well formed
 * and read a variable that is defined where the agent first reaches it, exactly as the scripted
 * agent resolves it when it runs.
 */
class ScriptExpressionLoadingTests {

  @TempDir Path dir;

  private final ScenarioLoader loader = new ScenarioLoader();

  @Nested
  class WellFormed {

    @Test
    void anUnclosedExpressionIsRefused() throws IOException {
      Path file = write("id: t\nagent:\n  scripted:\n    - read: \"notes/${n.md\"\n");

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:13 agent.scripted[0].read: expression '${n.md' is never closed; every"
                  + " '${' needs a matching '}'");
    }

    @Test
    void anExpressionOfBlanksIsRefusedAsEmpty() throws IOException {
      Path file =
          write("id: t\nagent:\n  scripted:\n    - write: { path: a.md, content: \"${ }\" }\n");

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:37 agent.scripted[0].write.content: empty expression '${ }'; write a"
                  + " variable such as ${n} or a call such as ${count(n)} inside the braces");
    }

    @Test
    void aNameWithCharactersNoVariableCanHoldIsRefused() throws IOException {
      Path file = write("id: t\nagent:\n  scripted:\n    - read: \"${my-file}\"\n");

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:13 agent.scripted[0].read: expression '${my-file}' does not name a"
                  + " variable: a name matches [A-Za-z_][A-Za-z0-9_]*");
    }

    @Test
    void aCallOfAFunctionOtherThanCountIsRefused() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - list: notes
                    save: notes
                  - write: { path: a.md, content: "${upper(notes)}" }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":6:37 agent.scripted[1].write.content: unknown function 'upper' in"
                  + " '${upper(notes)}'; the only function is count(name)");
    }

    @Test
    void aDoubledDollarIsALiteralAndStartsNoExpression() throws IOException {
      Path file =
          write("id: t\nagent:\n  scripted:\n    - write: { path: a.sh, content: \"$${HOME\" }\n");

      List<Scenario> scenarios = loader.load(file);

      assertThat(scenarios).hasSize(1);
    }

    @Test
    void anExpressionDeepInARequestBodyIsChecked() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - http:
                      url: "https://api.example.com/x"
                      method: POST
                      body: { items: [ { name: "${nmae}" } ] }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":7:34 agent.scripted[0].http.body.items[0].name: unknown variable 'nmae' in"
                  + " '${nmae}'; defined here: step; a variable is set by an enclosing repeat's 'as'"
                  + " or by an earlier entry's 'save'");
    }
  }

  @Nested
  class Defined {

    @Test
    void anUndefinedVariableNamesTheDefinedOnesAndTheNearest() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - repeat: 3
                    as: page
                    do:
                      - read: "notes/${pgae}.md"
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":7:17 agent.scripted[0].do[0].read: unknown variable 'pgae' in '${pgae}';"
                  + " defined here: page, step; did you mean 'page'?");
    }

    @Test
    void aVariableSavedByALaterEntryIsNotYetDefined() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - read: plan.md
                  - write: { path: copy.md, content: "${plan}" }
                  - read: plan.md
                    save: plan
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":5:40 agent.scripted[1].write.content: unknown variable 'plan' in '${plan}';"
                  + " defined here: last, step; a variable is set by an enclosing repeat's 'as'"
                  + " or by an earlier entry's 'save'");
    }

    @Test
    void aSaveLaterInARepeatIsNotDefinedOnItsFirstPass() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - repeat: 2
                    as: n
                    do:
                      - write: { path: "copy-${n}.md", content: "${page}" }
                      - read: "page-${n}.md"
                        save: page
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":7:51 agent.scripted[0].do[0].write.content: unknown variable 'page' in"
                  + " '${page}'; defined here: n, step; a variable is set by an enclosing"
                  + " repeat's 'as' or by an earlier entry's 'save'");
    }

    @Test
    void lastIsUndefinedBeforeTheFirstAction() throws IOException {
      Path file =
          write("id: t\nagent:\n  scripted:\n    - write: { path: a.md, content: \"${last}\" }\n");

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:37 agent.scripted[0].write.content: unknown variable 'last' in '${last}';"
                  + " ${last} is the previous action's output, and no action comes before this"
                  + " one");
    }

    @Test
    void countOfAnUndefinedVariableIsRefused() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - list: notes
                    save: notes
                  - write: { path: a.md, content: "${count(note)} pages" }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":6:37 agent.scripted[1].write.content: unknown variable 'note' in"
                  + " '${count(note)}'; defined here: last, notes, step; did you mean 'notes'?");
    }

    @Test
    void aFinishMessageIsCheckedLikeAnArgument() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - finish: { outcome: failed, message: "gave up on ${file}" }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":4:43 agent.scripted[0].finish.message: unknown variable 'file' in"
                  + " '${file}'; defined here: step; a variable is set by an enclosing repeat's"
                  + " 'as' or by an earlier entry's 'save'");
    }

    @Test
    void everyVariableTheAgentResolvesIsAccepted() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - write: { path: "step-${step}.md", content: "${ step }" }
                  - repeat: 2
                    as: outer
                    do:
                      - repeat: 2
                        as: inner
                        do:
                          - read: "page-${outer}-${inner}.md"
                            save: page
                      - write: { path: "copy-${outer}.md", content: "${page} ${last}" }
                  - write: { path: last.md, content: "${outer}.${inner}: ${count(page)}" }
                  - finish: { outcome: success, message: "wrote ${outer} pages, $${literal}" }
              """);

      List<Scenario> scenarios = loader.load(file);

      assertThat(scenarios).hasSize(1);
    }
  }

  private List<String> problems(Path file) {
    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> loader.load(file));
    assertThat(thrown).as("loading %s", file).isNotNull();
    return thrown.problems().stream().map(Problem::toString).toList();
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("script.yaml"), content);
  }
}
