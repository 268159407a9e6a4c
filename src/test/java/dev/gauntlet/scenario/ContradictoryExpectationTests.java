package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expectations no run can meet are refused when the file loads, at the value that cannot hold. */
class ContradictoryExpectationTests {

  private static final String AGENT =
      "agent:\n  scripted:\n    - write: { path: a.md, content: x }\n";

  @TempDir Path dir;

  private final ScenarioLoader loader = new ScenarioLoader();

  @Test
  void moreStepsThanTheStepBudgetAllowsIsRefused() throws IOException {
    Path file =
        write("id: t\nbudget: { steps: 10 }\n" + AGENT + "expect:\n  steps: { atLeast: 50 }\n");

    assertThat(problems(file))
        .containsExactly(
            file
                + ":7:21 expect.steps.atLeast: atLeast 50 is more than the step budget of 10"
                + " (budget.steps); no run can take that many steps");
  }

  @Test
  void asManyStepsAsTheBudgetLoads() throws IOException {
    Path file =
        write("id: t\nbudget: { steps: 10 }\n" + AGENT + "expect:\n  steps: { atLeast: 10 }\n");

    assertThat(loader.load(file)).hasSize(1);
  }

  @Test
  void aContentCheckOfAFileExpectedAbsentIsRefused() throws IOException {
    Path file =
        write(
            "id: t\n"
                + AGENT
                + "expect:\n  files:\n    a.md: { exists: false, contains: x }\n"
                + "    b.md: { absent: true, equals: y }\n");

    assertThat(problems(file))
        .containsExactly(
            file
                + ":7:38 expect.files[\"a.md\"].contains: contains checks the content of a file that"
                + " exists: false says is not there; no run can meet both",
            file
                + ":8:35 expect.files[\"b.md\"].equals: equals checks the content of a file that"
                + " absent: true says is not there; no run can meet both");
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("scenario.yaml"), yaml);
  }

  private List<String> problems(Path file) {
    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> loader.load(file));
    assertThat(thrown).as("the scenario should be refused").isNotNull();
    return thrown.problems().stream().map(Problem::toString).toList();
  }
}
