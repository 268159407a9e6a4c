package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a scenario reads stay inside its folder, whether named by a path or reached by a link. */
class ScenarioFolderTests {

  @TempDir Path root;

  @Test
  void aSeedFileFromAFolderAboveTheScenarioIsRefusedBeforeAnythingIsRead() throws IOException {
    Files.writeString(root.resolve("secret.txt"), "root:x:0:0");
    Path scenario = scenario("from: ../secret.txt");

    assertThatThrownBy(() -> new ScenarioLoader().load(scenario))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("workspace.files[\"p.txt\"].from")
        .hasMessageContaining("leads out of the scenario's folder");
  }

  @Test
  void aSymbolicLinkInsideTheFolderThatLeadsOutIsRefusedToo() throws IOException {
    Files.writeString(root.resolve("secret.txt"), "root:x:0:0");
    Path scenario = scenario("from: fixtures/link.txt");
    Files.createDirectories(scenario.resolveSibling("fixtures"));
    Files.createSymbolicLink(
        scenario.resolveSibling("fixtures").resolve("link.txt"), root.resolve("secret.txt"));

    assertThatThrownBy(() -> new ScenarioLoader().load(scenario))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("leads out of the scenario's folder");
  }

  @Test
  void aSeedFileInsideTheFolderIsRead() throws IOException {
    Path scenario = scenario("from: fixtures/note.md");
    Files.createDirectories(scenario.resolveSibling("fixtures"));
    Files.writeString(scenario.resolveSibling("fixtures").resolve("note.md"), "hello");

    assertThat(new ScenarioLoader().load(scenario).get(0).seeds())
        .containsExactly(new SeedFile("p.txt", "hello"));
  }

  @Test
  void aMockBodyFileAboveTheScenarioIsRefused() throws IOException {
    Files.writeString(root.resolve("secret.txt"), "root:x:0:0");
    Path folder = Files.createDirectories(root.resolve("scenarios"));
    Path scenario = folder.resolve("s.yaml");
    Files.writeString(
        scenario,
        """
        id: s
        network:
          policy: { allow: [ { host: api.example.com } ] }
          mocks:
            - host: api.example.com
              responses: [ { status: 200, bodyFile: ../secret.txt } ]
        agent: { scripted: [ { http: "https://api.example.com/" } ] }
        """);

    assertThatThrownBy(() -> new ScenarioLoader().load(scenario))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("bodyFile")
        .hasMessageContaining("leads out of the scenario's folder");
  }

  private Path scenario(String seed) throws IOException {
    Path folder = Files.createDirectories(root.resolve("scenarios"));
    Path file = folder.resolve("s.yaml");
    Files.writeString(
        file,
        "id: s\nworkspace:\n  files:\n    p.txt: { "
            + seed
            + " }\nagent: { scripted: [ { read: p.txt } ] }\n");
    return file;
  }
}
