package dev.gauntlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.ScenarioRunner;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hold the test suite's clean-up of kept workspaces to deleting those, and only those. */
class KeptWorkspacesTests {

  @TempDir Path folder;

  @Test
  void theWorkspaceAFailedScenarioKeptIsGoneAfterTheTest() throws IOException {
    KeptWorkspaces kept = new KeptWorkspaces();
    Path file = folder.resolve("unmet.yaml");
    Files.writeString(
        file,
        """
        id: unmet
        agent:
          scripted:
            - write: { path: out.txt, content: "done" }
        expect:
          files:
            out.txt: { contains: "something else" }
        """);
    ScenarioResult result;
    try (ScenarioRunner runner =
        new ScenarioRunner(new RunSettings(folder.resolve("reports"), "run", false))) {
      result = kept.of(runner.run(new ScenarioLoader().load(file).get(0)));
    }
    assertThat(result.workspaceKept()).isTrue();
    assertThat(result.workspace().resolve("out.txt")).exists();

    kept.afterEach(null);

    assertThat(result.workspace()).doesNotExist();
  }

  @Test
  void aWorkspaceThatARunSummaryListsIsGoneAfterTheTest() throws IOException {
    Path workspace = Files.createTempDirectory("gauntlet-listed-");
    Files.writeString(workspace.resolve("notes.md"), "kept");
    summary(workspace);

    KeptWorkspaces.listedUnder(() -> folder.resolve("reports")).afterEach(null);

    assertThat(workspace).doesNotExist();
  }

  @Test
  void aListedFolderThatIsNoWorkspaceIsLeftAloneAndFailsTheTest() throws IOException {
    Path notAWorkspace = Files.createDirectories(folder.resolve("gauntlet-mine"));
    summary(notAWorkspace);

    assertThatThrownBy(
            () -> KeptWorkspaces.listedUnder(() -> folder.resolve("reports")).afterEach(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Refusing to delete " + notAWorkspace);
    assertThat(notAWorkspace).isDirectory();
  }

  private void summary(Path workspace) throws IOException {
    Path summary = Files.createDirectories(folder.resolve("reports/run")).resolve("summary.json");
    Files.writeString(
        summary,
        "{\"results\": [{\"id\": \"a\"}, {\"id\": \"b\", \"workspace\": \"%s\"}]}"
            .formatted(workspace));
  }
}
