package dev.gauntlet.sandbox;

import static dev.gauntlet.sandbox.Actions.action;
import static dev.gauntlet.sandbox.Actions.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileToolsTests {

  @TempDir Path ws;

  private Workspace workspace;

  @BeforeEach
  void openWorkspace() throws IOException {
    workspace = Workspace.at(ws);
  }

  private static void assertOk(Tool.Execution execution, Effect effect) {
    assertThat(execution.result().status())
        .as(execution.result().output())
        .isEqualTo(ToolResult.Status.OK);
    assertThat(execution.result().reason()).isNull();
    assertThat(execution.verify()).isEqualTo(effect);
  }

  private static void assertError(Tool.Execution execution, String reason) {
    assertThat(execution.result().status()).isEqualTo(ToolResult.Status.ERROR);
    assertThat(execution.result().reason()).isEqualTo(reason);
    assertThat(execution.verify()).isEqualTo(Effect.NONE);
  }

  @Nested
  class Read {

    @Test
    void returnsTheFilesTextAndOnlyReads() throws IOException {
      Files.writeString(ws.resolve("plan.md"), "step one\nstep two", UTF_8);

      Tool.Execution execution = run(workspace, "read", "path", "plan.md");

      assertOk(execution, Effect.READ_ONLY);
      assertThat(execution.result().output()).isEqualTo("step one\nstep two");
      assertThat(execution.result().data().path("path").asText()).isEqualTo("plan.md");
      assertThat(execution.result().data().path("bytes").asLong()).isEqualTo(17);
    }

    @Test
    void reportsAMissingFileAsNotFound() {
      Tool.Execution execution = run(workspace, "read", "path", "nope.md");

      assertError(execution, "not_found");
      assertThat(execution.result().output()).contains("'nope.md'");
      assertThat(execution.result().data().path("path").asText()).isEqualTo("nope.md");
    }

    @Test
    void reportsADirectoryAsSuch() throws IOException {
      Files.createDirectory(ws.resolve("notes"));

      assertError(run(workspace, "read", "path", "notes"), "is_a_directory");
    }

    @Test
    void reportsAMissingFolderOnTheWayAsNotFound() {
      assertError(run(workspace, "read", "path", "no/such/file.md"), "not_found");
    }

    @Test
    void reportsAFileOnTheWayAsNotADirectory() throws IOException {
      Files.writeString(ws.resolve("plain.txt"), "x");

      assertError(run(workspace, "read", "path", "plain.txt/inner"), "not_a_directory");
    }

    @Test
    void showsTheHeadAndTailOfALargeFileAndSaysHowMuchWasCut() throws IOException {
      String head = "H".repeat(40 * 1024);
      String middle = "M".repeat(100 * 1024);
      String tail = "T".repeat(40 * 1024);
      Files.writeString(ws.resolve("big.log"), head + middle + tail, UTF_8);

      Tool.Execution execution = run(workspace, "read", "path", "big.log");

      String output = execution.result().output();
      long cut = (40 + 100 + 40) * 1024 - ReadTool.DEFAULT_LIMIT;
      assertOk(execution, Effect.READ_ONLY);
      assertThat(output).startsWith("H".repeat(32 * 1024)).endsWith("T".repeat(32 * 1024));
      assertThat(output).contains("\n[… " + cut + " bytes cut …]\n").doesNotContain("M");
      assertThat(execution.result().data().path("cut").asLong()).isEqualTo(cut);
      assertThat(execution.result().data().path("bytes").asLong()).isEqualTo(180 * 1024);
    }

    @Test
    void showsAFileOfExactlyTheLimitWhole() throws IOException {
      Files.writeString(ws.resolve("edge.txt"), "e".repeat(ReadTool.DEFAULT_LIMIT), UTF_8);

      Tool.Execution execution = run(workspace, "read", "path", "edge.txt");

      assertThat(execution.result().output()).hasSize(ReadTool.DEFAULT_LIMIT).doesNotContain("cut");
    }

    @Test
    void neverCutsACharacterInHalf() throws IOException {
      // Each 'é' is two bytes; five bytes on each side of the cut would split one in half.
      Files.writeString(ws.resolve("accents.txt"), "é".repeat(20), UTF_8);
      Action read = action("read", "path", "accents.txt");

      Tool.Execution execution = new ReadTool(10).execute(read, workspace);

      assertThat(execution.result().output())
          .isEqualTo("éé\n[… 32 bytes cut …]\néé")
          .doesNotContain("\uFFFD");
    }
  }

  @Nested
  class Write {

    @Test
    void createsTheFileAndItsDirectories() throws IOException {
      Tool.Execution execution =
          run(workspace, "write", "path", "notes/2024/page-1.md", "content", "page 1");

      assertOk(execution, Effect.CHANGED);
      assertThat(ws.resolve("notes/2024/page-1.md")).hasContent("page 1");
      assertThat(execution.result().data().path("bytes").asLong()).isEqualTo(6);
    }

    @Test
    void replacesTheContent() throws IOException {
      Files.writeString(ws.resolve("a.md"), "old and longer", UTF_8);

      Tool.Execution execution = run(workspace, "write", "path", "a.md", "content", "new");

      assertOk(execution, Effect.CHANGED);
      assertThat(ws.resolve("a.md")).hasContent("new");
    }

    @Test
    void hasNoEffectWhenTheContentIsIdentical() throws IOException {
      Files.writeString(ws.resolve("a.md"), "same", UTF_8);

      Tool.Execution execution = run(workspace, "write", "path", "a.md", "content", "same");

      assertOk(execution, Effect.NO_EFFECT);
    }

    @Test
    void changesAFileEvenWhenTheSizeStaysTheSame() throws IOException {
      Files.writeString(ws.resolve("a.md"), "abc", UTF_8);

      assertOk(run(workspace, "write", "path", "a.md", "content", "abd"), Effect.CHANGED);
    }

    @Test
    void createsAnEmptyFileAsAChange() {
      assertOk(run(workspace, "write", "path", "empty.md", "content", ""), Effect.CHANGED);

      assertThat(ws.resolve("empty.md")).exists().isEmptyFile();
    }

    @Test
    void refusesToOverwriteADirectory() throws IOException {
      Files.createDirectory(ws.resolve("notes"));

      assertError(run(workspace, "write", "path", "notes", "content", "x"), "is_a_directory");
      assertThat(ws.resolve("notes")).isDirectory();
    }

    @Test
    void reportsAFileOnTheWayAsNotADirectory() throws IOException {
      Files.writeString(ws.resolve("plain.txt"), "x");

      assertError(
          run(workspace, "write", "path", "plain.txt/inner.md", "content", "x"), "not_a_directory");
      assertThat(ws.resolve("plain.txt")).hasContent("x");
    }

    @Test
    void writesThroughALinkThatStaysInside() throws IOException {
      Files.writeString(ws.resolve("real.md"), "old", UTF_8);
      Files.createSymbolicLink(ws.resolve("alias.md"), Path.of("real.md"));

      assertOk(run(workspace, "write", "path", "alias.md", "content", "new"), Effect.CHANGED);
      assertThat(ws.resolve("real.md")).hasContent("new");
      assertThat(Files.isSymbolicLink(ws.resolve("alias.md"))).isTrue();
    }
  }

  @Nested
  class Append {

    @Test
    void addsToTheEnd() throws IOException {
      Files.writeString(ws.resolve("log.md"), "one\n", UTF_8);

      Tool.Execution execution = run(workspace, "append", "path", "log.md", "content", "two\n");

      assertOk(execution, Effect.CHANGED);
      assertThat(ws.resolve("log.md")).hasContent("one\ntwo\n");
    }

    @Test
    void hasNoEffectWhenTheContentIsEmpty() throws IOException {
      Files.writeString(ws.resolve("log.md"), "one\n", UTF_8);

      assertOk(run(workspace, "append", "path", "log.md", "content", ""), Effect.NO_EFFECT);
    }

    @Test
    void createsAMissingFileAndItsDirectories() {
      assertOk(run(workspace, "append", "path", "logs/run.md", "content", "start"), Effect.CHANGED);

      assertThat(ws.resolve("logs/run.md")).hasContent("start");
    }
  }

  @Nested
  class List {

    @Test
    void namesEntriesSortedWithDirectoriesMarked() throws IOException {
      Files.createDirectories(ws.resolve("notes/inner"));
      Files.writeString(ws.resolve("notes/b.md"), "b");
      Files.writeString(ws.resolve("notes/a.md"), "a");
      Files.createDirectory(ws.resolve("notes/c"));

      Tool.Execution execution = run(workspace, "list", "path", "notes");

      assertOk(execution, Effect.READ_ONLY);
      assertThat(execution.result().output()).isEqualTo("a.md\nb.md\nc/\ninner/");
      assertThat(execution.result().data().path("entries").asInt()).isEqualTo(4);
    }

    @Test
    void listsTheRootWhenNoPathIsGiven() throws IOException {
      Files.writeString(ws.resolve("plan.md"), "p");

      Tool.Execution execution = run(workspace, "list");

      assertOk(execution, Effect.READ_ONLY);
      assertThat(execution.result().output()).isEqualTo("plan.md");
      assertThat(execution.result().data().path("path").asText()).isEqualTo(".");
    }

    @Test
    void saysSoForAnEmptyDirectory() {
      Tool.Execution execution = run(workspace, "list", "path", ".");

      assertThat(execution.result().output()).isEqualTo("(empty)");
    }

    @Test
    void marksALinkAsAPlainNameWithoutFollowingIt() throws IOException {
      Files.createDirectory(ws.resolve("real"));
      Files.createSymbolicLink(ws.resolve("alias"), Path.of("real"));

      assertThat(run(workspace, "list").result().output()).isEqualTo("alias\nreal/");
    }

    @Test
    void reportsAFileAsNotADirectory() throws IOException {
      Files.writeString(ws.resolve("plan.md"), "p");

      assertError(run(workspace, "list", "path", "plan.md"), "not_a_directory");
    }

    @Test
    void reportsAMissingDirectoryAsNotFound() {
      assertError(run(workspace, "list", "path", "nowhere"), "not_found");
    }

    @Test
    void showsTheFirstEntriesOfAHugeDirectoryAndSaysHowManyMore() throws IOException {
      for (int i = 0; i < 5; i++) {
        Files.writeString(ws.resolve("f" + i), "");
      }

      Tool.Execution execution = new ListTool(3).execute(action("list"), workspace);

      assertThat(execution.result().output()).isEqualTo("f0\nf1\nf2\n[… 2 more entries …]");
    }
  }

  @Nested
  class Delete {

    @Test
    void deletesAFile() throws IOException {
      Files.writeString(ws.resolve("a.md"), "a");

      Tool.Execution execution = run(workspace, "delete", "path", "a.md");

      assertOk(execution, Effect.CHANGED);
      assertThat(ws.resolve("a.md")).doesNotExist();
    }

    @Test
    void deletesADirectoryWithEverythingInIt() throws IOException {
      Files.createDirectories(ws.resolve("notes/deep"));
      Files.writeString(ws.resolve("notes/deep/a.md"), "a");
      Files.writeString(ws.resolve("notes/b.md"), "b");

      Tool.Execution execution = run(workspace, "delete", "path", "notes");

      assertOk(execution, Effect.CHANGED);
      assertThat(ws.resolve("notes")).doesNotExist();
      assertThat(execution.result().output()).contains("3 entries");
    }

    @Test
    void deletesALinkAndLeavesItsTarget() throws IOException {
      Files.writeString(ws.resolve("real.md"), "kept");
      Files.createSymbolicLink(ws.resolve("alias.md"), Path.of("real.md"));

      assertOk(run(workspace, "delete", "path", "alias.md"), Effect.CHANGED);
      assertThat(Files.exists(ws.resolve("alias.md"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .isFalse();
      assertThat(ws.resolve("real.md")).hasContent("kept");
    }

    @Test
    void reportsAMissingFileAsNotFoundWithoutEffect() {
      assertError(run(workspace, "delete", "path", "nope.md"), "not_found");
    }
  }

  @Nested
  class Mkdir {

    @Test
    void createsADirectoryAndItsParents() {
      Tool.Execution execution = run(workspace, "mkdir", "path", "a/b/c");

      assertOk(execution, Effect.CHANGED);
      assertThat(ws.resolve("a/b/c")).isDirectory();
    }

    @Test
    void hasNoEffectOnAnExistingDirectory() throws IOException {
      Files.createDirectory(ws.resolve("notes"));

      Tool.Execution execution = run(workspace, "mkdir", "path", "notes");

      assertOk(execution, Effect.NO_EFFECT);
      assertThat(execution.result().output()).contains("already exists");
    }

    @Test
    void reportsAnExistingFileAsNotADirectory() throws IOException {
      Files.writeString(ws.resolve("plan.md"), "p");

      assertError(run(workspace, "mkdir", "path", "plan.md"), "not_a_directory");
      assertThat(ws.resolve("plan.md")).hasContent("p");
    }

    @Test
    void reportsAFileOnTheWayAsNotADirectory() throws IOException {
      Files.writeString(ws.resolve("plan.md"), "p");

      assertError(run(workspace, "mkdir", "path", "plan.md/inner"), "not_a_directory");
    }
  }

  @Nested
  class Arguments {

    @Test
    void nameAMissingArgument() {
      Tool.Execution execution = run(workspace, "write", "path", "a.md");

      assertError(execution, "bad_arguments");
      assertThat(execution.result().data().path("argument").asText()).isEqualTo("content");
      assertThat(execution.result().output()).contains("'content'");
      assertThat(ws.resolve("a.md")).doesNotExist();
    }

    @Test
    void nameAnArgumentThatIsNotText() {
      ObjectNode arguments = action("read").arguments().put("path", 42);

      Tool.Execution execution = new ReadTool().execute(new Action("read", arguments), workspace);

      assertError(execution, "bad_arguments");
      assertThat(execution.result().data().path("argument").asText()).isEqualTo("path");
      assertThat(execution.result().output()).contains("'path'").contains("number");
    }

    @Test
    void nameAnArgumentThatIsNull() {
      ObjectNode arguments = action("delete").arguments().putNull("path");

      Tool.Execution execution =
          new DeleteTool().execute(new Action("delete", arguments), workspace);

      assertError(execution, "bad_arguments");
      assertThat(execution.result().output()).contains("null");
    }

    @Test
    void nameAnArgumentTheToolDoesNotTake() {
      Tool.Execution execution =
          run(workspace, "write", "path", "a.md", "content", "x", "mode", "append");

      assertError(execution, "bad_arguments");
      assertThat(execution.result().data().path("argument").asText()).isEqualTo("mode");
      assertThat(execution.result().output()).contains("path, content");
      assertThat(ws.resolve("a.md")).doesNotExist();
    }
  }
}
