package dev.gauntlet.expect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Hold a scenario to the step errors it names, with the evidence when they are elsewhere. */
class StepErrorExpectationTests {

  private static final Path DETECTION = Path.of("scenarios/detection");

  @TempDir Path folder;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @Test
  void theCutOffModelReplyIsTheNamedErrorAtItsStep() throws IOException {
    ScenarioResult result = run(50);

    assertThat(result.failures()).isEmpty();
  }

  @Test
  void aStepErrorExpectedElsewhereFailsNamingWhatThatStepDid() throws IOException {
    ScenarioResult result = run(49);

    assertThat(result.failures())
        .singleElement()
        .asString()
        .contains("Expecting step 49 to fail with reason model_output")
        .contains("but it ended: ok");
  }

  private ScenarioResult run(int step) throws IOException {
    for (String file : new String[] {"cassettes/truncated-tool-call.json", "prompts/planner.md"}) {
      Files.createDirectories(folder.resolve(file).getParent());
      Files.copy(
          DETECTION.resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Path scenario = folder.resolve("truncated.yaml");
    Files.writeString(
        scenario,
        Files.readString(DETECTION.resolve("truncated-tool-call.yaml"))
            .replace("step: 50,", "step: " + step + ","));
    try (ScenarioRunner runner =
        new ScenarioRunner(new RunSettings(folder.resolve("reports"), "run", false))) {
      return kept.of(runner.run(new ScenarioLoader().load(scenario).get(0)));
    }
  }
}
