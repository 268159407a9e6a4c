package dev.gauntlet.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.scenario.SeedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTests {

  @TempDir Path base;

  @Test
  void createsAFreshEmptyDirectoryNamedAfterTheScenario() throws IOException {
    try (Workspace first = Workspace.create("docs-digest");
        Workspace second = Workspace.create("docs-digest")) {

      assertThat(first.root()).isDirectory().isEmptyDirectory().isAbsolute();
      assertThat(first.root().getFileName().toString()).startsWith("gauntlet-docs-digest-");
      assertThat(first.root()).isNotEqualTo(second.root());
      assertThat(first.root()).isEqualTo(first.root().toRealPath());
    }
  }

  @Test
  void sanitizesThePrefixSoThatItCannotNameAnotherDirectory() throws IOException {
    try (Workspace workspace = Workspace.create("../../etc/x y:z")) {

      Path root = workspace.root();

      assertThat(root.getParent())
          .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toRealPath());
      assertThat(root.getFileName().toString()).startsWith("gauntlet-..-..-etc-x-y-z-");
    }
  }

  @Test
  void cutsALongPrefixAndNamesAnEmptyOne() {
    assertThat(Workspace.sanitize("a".repeat(100))).hasSize(40);
    assertThat(Workspace.sanitize("")).isEqualTo("scenario");
  }

  @Test
  void seedsFilesWithTheirDirectories() throws IOException {
    Workspace workspace = Workspace.at(Files.createDirectory(base.resolve("ws")));

    workspace.seed(
        List.of(
            new SeedFile("plan.md", "Read config.json"),
            new SeedFile("config/settings.json", "{\"pages\": 20}"),
            new SeedFile("plan.md", "Replaced")));

    assertThat(base.resolve("ws/plan.md")).hasContent("Replaced");
    assertThat(base.resolve("ws/config/settings.json")).hasContent("{\"pages\": 20}");
  }

  @Test
  void refusesASeedPathThatEscapesAndWritesNothingOutside() throws IOException {
    Workspace workspace = Workspace.at(Files.createDirectory(base.resolve("ws")));

    assertThatThrownBy(() -> workspace.seed(List.of(new SeedFile("../outside.txt", "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("path_escape")
        .hasMessageContaining("'../outside.txt'");
    assertThat(base.resolve("outside.txt")).doesNotExist();
  }

  @Test
  void refusesASeedThroughADanglingLinkOut() throws IOException {
    Workspace workspace = Workspace.at(Files.createDirectory(base.resolve("ws")));
    Files.createSymbolicLink(base.resolve("ws/new"), base.resolve("created.txt"));

    assertThatThrownBy(() -> workspace.seed(List.of(new SeedFile("new", "x"))))
        .hasMessageContaining("symlink_escape");
    assertThat(base.resolve("created.txt")).doesNotExist();
  }

  @Test
  void refusesASeedThatNamesTheRoot() throws IOException {
    Workspace workspace = Workspace.at(Files.createDirectory(base.resolve("ws")));

    assertThatThrownBy(() -> workspace.seed(List.of(new SeedFile("./", "x"))))
        .hasMessageContaining("workspace_root");
  }

  @Test
  void closingDeletesTheTreeWithoutFollowingLinksOut() throws IOException {
    Path outside = Files.createDirectory(base.resolve("ws-evil"));
    Files.writeString(outside.resolve("x"), "outside", UTF_8);
    Workspace workspace = Workspace.create("closing");
    Path root = workspace.root();
    workspace.seed(List.of(new SeedFile("notes/a.md", "a")));
    Files.createSymbolicLink(root.resolve("notes/out"), outside);
    Files.createSymbolicLink(root.resolve("file-out"), outside.resolve("x"));

    workspace.close();

    assertThat(root).doesNotExist();
    assertThat(outside.resolve("x")).hasContent("outside");
  }

  @Test
  void keepsTheDirectoryWhenAskedAndDeletesItOnDemand() throws IOException {
    Workspace workspace = Workspace.create("kept");
    workspace.seed(List.of(new SeedFile("result.md", "evidence")));

    workspace.keep();
    workspace.close();

    assertThat(workspace.isKept()).isTrue();
    assertThat(workspace.root().resolve("result.md")).hasContent("evidence");

    workspace.delete();

    assertThat(workspace.root()).doesNotExist();
  }

  @Test
  void deletingTwiceDoesNothingTheSecondTime() throws IOException {
    Workspace workspace = Workspace.create("twice");

    workspace.delete();
    workspace.delete();

    assertThat(workspace.root()).doesNotExist();
  }

  @Test
  void resolvesALinkInsideToItsRealTargetAndKeepsTheLinkAsTheEntry() throws IOException {
    Workspace workspace = Workspace.at(Files.createDirectory(base.resolve("ws")));
    Path root = workspace.root();
    Files.createDirectories(root.resolve("real/inner"));
    Files.createSymbolicLink(root.resolve("alias"), Path.of("real"));

    Resolution inner = workspace.resolve("alias/inner/new.md");
    Resolution alias = workspace.resolve("alias");

    assertThat(inner)
        .isEqualTo(
            new Resolution.Inside(
                "alias/inner/new.md",
                root.resolve("real/inner/new.md"),
                root.resolve("real/inner/new.md")));
    assertThat(alias)
        .isEqualTo(new Resolution.Inside("alias", root.resolve("real"), root.resolve("alias")));
  }

  @Test
  void resolvesTheRootFromADot() throws IOException {
    Workspace workspace = Workspace.at(Files.createDirectory(base.resolve("ws")));

    assertThat(workspace.resolve("."))
        .isEqualTo(new Resolution.Inside(".", workspace.root(), workspace.root()));
  }

  @Test
  void turnsARefusalIntoAResultThatNamesThePath() throws IOException {
    Workspace workspace = Workspace.at(Files.createDirectory(base.resolve("ws")));

    Resolution resolution = workspace.resolve("../x");

    assertThat(resolution).isInstanceOf(Resolution.Refused.class);
    ToolResult result = ((Resolution.Refused) resolution).toResult();
    assertThat(result.status()).isEqualTo(ToolResult.Status.REFUSED);
    assertThat(result.reason()).isEqualTo("path_escape");
    assertThat(result.data().path("path").asText()).isEqualTo("../x");
  }
}
