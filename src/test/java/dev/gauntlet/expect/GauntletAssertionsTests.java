package dev.gauntlet.expect;

import static dev.gauntlet.expect.GauntletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.Gauntlet;
import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.loop.RunResult;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.Stage;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Use the AssertJ entry point on real runs, and hold its failure messages to their evidence. */
class GauntletAssertionsTests {

  @TempDir Path folder;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @Test
  void aWellBehavedRunPassesEveryCheck() throws IOException {
    RunResult run = run("steady", "        - write: { path: \"n/${i}.md\", content: \"${i}\" }\n");

    assertThat(run)
        .passed()
        .hasOutcome(Outcome.SUCCESS)
        .hasNoLoops()
        .hasNoStalls()
        .finishedWithin(7);
  }

  @Test
  void aLoopFailsHasNoLoopsWithItsStepsAndActionAsEvidence() throws IOException {
    RunResult run = run("stuck", "        - read: missing.md\n");

    assertThat(run).hasFinding(FindingKind.IDENTICAL_FAILING_ACTION, 1, 6).hasLoopAtSteps(1, 6);
    assertThatThrownBy(() -> assertThat(run).hasNoLoops())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the run of scenario 'stuck' to report no loop")
        .hasMessageContaining("but the detectors reported 1:")
        .hasMessageContaining(
            "identical_failing_action at steps 1..6: read {\"path\":\"missing.md\"} → error not_found")
        .hasMessageContaining("trace.jsonl");
  }

  @Test
  void aLoopElsewhereThanExpectedFailsWithTheLoopsThatWereFound() throws IOException {
    RunResult run = run("stuck", "        - read: missing.md\n");

    assertThatThrownBy(() -> assertThat(run).hasLoopAtSteps(2, 6))
        .hasMessageContaining("to report:\n  a loop at steps 2..6\nbut the detectors reported:")
        .hasMessageContaining("identical_failing_action at steps 1..6");
  }

  @Test
  void theOutcomeAndStepChecksQuoteHowTheRunEnded() throws IOException {
    RunResult run = run("steady", "        - write: { path: \"n/${i}.md\", content: \"${i}\" }\n");

    assertThatThrownBy(() -> assertThat(run).hasOutcome(Outcome.GAVE_UP))
        .hasMessageContaining(
            "to end with outcome:\n  gave_up\nbut it ended with:\n  success after step 7");
    assertThatThrownBy(() -> assertThat(run).finishedWithin(3))
        .hasMessageContaining("to finish within 3 steps\nbut it took 7");
    assertThatThrownBy(() -> assertThat(run).hasDeadlineExceeded(Stage.ACT, 2))
        .hasMessageContaining("deadline of the act stage at step 2\nbut no detector fired.");
  }

  private RunResult run(String id, String action) throws IOException {
    Path file = folder.resolve(id + ".yaml");
    Files.writeString(
        file,
        "id: "
            + id
            + "\nagent:\n  scripted:\n    - repeat: 6\n      do:\n"
            + action
            + "expect:\n  outcome: success\n");
    return kept.of(Gauntlet.run(file, new RunSettings(folder.resolve("reports"), "api", false)));
  }
}
