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
    void aCountWithBlanksAroundItsParenthesesLoads() throws IOException {
      Path file =
          write(
              "id: t\nagent:\n  scripted:\n    - list: notes\n      save: notes\n"
                  + "    - write: { path: a.md, content: \"${ count ( notes ) }\" }\n");

      assertThat(loader.load(file)).hasSize(1);
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
    void aCallLeftOpenIsSaidToBeNotClosed() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - list: notes
                    save: x
                  - read: "${count(x}"
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":6:13 agent.scripted[1].read: the call in '${count(x}' is not closed: add ')'"
                  + " before '}', as in ${count(x)}");
    }

    @Test
    void aKeyOfAnArgumentCannotHoldAnExpressionSinceOnlyValuesAreSubstituted() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - list: .
                    save: key
                  - http:
                      url: "https://api.example.com/x"
                      method: POST
                      headers: { "${key}": v }
                      body: { "${key}": 1, nested: { "$${lit}": 2 } }
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":9:20 agent.scripted[1].http.headers[\"${key}\"]: key '${key}' holds '${',"
                  + " but keys are sent exactly as written: only values are substituted",
              file
                  + ":10:17 agent.scripted[1].http.body[\"${key}\"]: key '${key}' holds '${', but"
                  + " keys are sent exactly as written: only values are substituted",
              file
                  + ":10:40 agent.scripted[1].http.body.nested[\"$${lit}\"]: key '$${lit}' holds"
                  + " '${', but keys are sent exactly as written: only values are substituted");
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
    void aShortUnknownNameIsNotMatchedToAnUnrelatedShortOne() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - repeat: 2
                    do:
                      - read: "${dir}"
                      - read: "${sh}"
              """);

      assertThat(problems(file))
          .containsExactly(
              file
                  + ":6:17 agent.scripted[0].do[0].read: unknown variable 'dir' in '${dir}';"
                  + " defined here: i, step; a variable is set by an enclosing repeat's 'as' or by"
                  + " an earlier entry's 'save'",
              file
                  + ":7:17 agent.scripted[0].do[1].read: unknown variable 'sh' in '${sh}'; defined"
                  + " here: i, last, step; a variable is set by an enclosing repeat's 'as' or by"
                  + " an earlier entry's 'save'");
    }

    @Test
    void aRepeatOrASaveCannotHideABuiltInVariable() throws IOException {
      Path file =
          write(
              """
              id: t
              agent:
                scripted:
                  - repeat: 2
                    as: step
                    do: [ { list: . } ]
                  - repeat: 2
                    as: last
                    do: [ { list: . } ]
                  - list: .
                    save: step
                  - list: .
                    save: last
              """);

      String step =
          " would hide the built-in ${step}, the current step's number; choose another name";
      String last =
          " would hide the built-in ${last}, the previous action's output; choose another name";
      assertThat(problems(file))
          .containsExactly(
              file + ":5:11 agent.scripted[0].as: variable name 'step'" + step,
              file + ":8:11 agent.scripted[1].as: variable name 'last'" + last,
              file + ":11:13 agent.scripted[2].save: variable name 'step'" + step,
              file + ":13:13 agent.scripted[3].save: variable name 'last'" + last);
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
