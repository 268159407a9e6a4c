package dev.gauntlet.sandbox;

import static dev.gauntlet.sandbox.Actions.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows 1 to 10 of the path-escape cases, each with more members of its kind. The layout is real: a
 * workspace {@code ws/} with a sibling {@code ws-evil/} beside it, and real symbolic links. Every
 * refusal is checked to leave the whole layout, inside and outside the workspace, exactly as it
 * was.
 */
class PathEscapeTests {

  /** The content of the file outside; no refusal may ever show it. */
  private static final String OUTSIDE = "content of ws-evil/x";

  @TempDir Path base;

  private Path ws;
  private Path evil;
  private Workspace workspace;
  private @Nullable Map<String, String> before;

  @BeforeEach
  void layOut() throws IOException {
    ws = Files.createDirectories(base.resolve("ws"));
    evil = Files.createDirectories(base.resolve("ws-evil"));
    Files.writeString(evil.resolve("x"), OUTSIDE, UTF_8);
    Files.createDirectories(ws.resolve("notes"));
    Files.createDirectories(ws.resolve("a/b"));
    Files.writeString(ws.resolve("notes/todo.md"), "inside", UTF_8);
    workspace = Workspace.at(ws);
  }

  /** Take the snapshot after a test has added its links, just before the action. */
  private void snapshot() {
    before = TreeSnapshot.of(base);
  }

  @AfterEach
  void nothingOutsideChanged() {
    if (before != null) {
      assertThat(TreeSnapshot.of(base)).isEqualTo(before);
    }
  }

  private ToolResult refused(String tool, String reason, String path, String... more) {
    if (before == null) {
      snapshot();
    }
    String[] arguments =
        Stream.concat(Stream.of("path", path), Stream.of(more)).toArray(String[]::new);

    Tool.Execution execution = run(workspace, tool, arguments);

    ToolResult result = execution.result();
    assertThat(result.status()).isEqualTo(ToolResult.Status.REFUSED);
    assertThat(result.reason()).isEqualTo(reason);
    assertThat(result.data().path("path").asText()).isEqualTo(path);
    assertThat(result.output()).doesNotContain(OUTSIDE).isNotBlank();
    assertThat(execution.verify()).isEqualTo(Effect.NONE);
    return result;
  }

  @ParameterizedTest(name = "row 1, parent traversal: read {0}")
  @ValueSource(
      strings = {
        "../../etc/passwd",
        "..",
        "../",
        "../ws-evil/x",
        "./../ws-evil/x",
        "a/./../../x",
        "a/b/../../../ws-evil/x",
        "a//..//..//x",
        "notes/../notes/../../x"
      })
  void refusesParentTraversal(String path) {
    refused("read", "path_escape", path);
  }

  @ParameterizedTest(name = "row 2, traversal after a real folder: write {0}")
  @ValueSource(
      strings = {
        "notes/../../outside.txt",
        "a/b/../../../outside.txt",
        "notes/./../../outside.txt"
      })
  void refusesTraversalAfterARealFolderAndCreatesNothing(String path) {
    refused("write", "path_escape", path, "content", "leak");

    assertThat(base.resolve("outside.txt")).doesNotExist();
  }

  @Test
  void row2AllowsTraversalThatStaysInside() throws IOException {
    Tool.Execution execution =
        run(workspace, "write", "path", "notes/../a/inside.txt", "content", "ok");

    assertThat(execution.result().status()).isEqualTo(ToolResult.Status.OK);
    assertThat(Files.readString(ws.resolve("a/inside.txt"))).isEqualTo("ok");
  }

  @ParameterizedTest(name = "row 3, absolute path: read {0}")
  @ValueSource(strings = {"/etc/hostname", "/", "//server/share/x", "/etc/../etc/passwd"})
  void refusesAbsolutePaths(String path) {
    refused("read", "absolute_path", path);
  }

  @Test
  void row3RefusesAnAbsolutePathEvenWhenItPointsInside() {
    String inside = ws.resolve("notes/todo.md").toString();

    refused("read", "absolute_path", inside);
  }

  @Test
  void row4RefusesASiblingNamedLikeTheRootReachedThroughALink() throws IOException {
    // ws-evil/x as text starts with ws's text: only a name-by-name comparison refuses it.
    Files.createSymbolicLink(ws.resolve("evil"), Path.of("../ws-evil"));
    Files.createSymbolicLink(ws.resolve("evil-absolute"), evil);

    refused("read", "symlink_escape", "evil/x");
    refused("read", "symlink_escape", "evil-absolute/x");
    refused("list", "symlink_escape", "evil");
    refused("write", "symlink_escape", "evil/y", "content", "leak");
    refused("delete", "symlink_escape", "evil/x");

    assertThat(evil.resolve("y")).doesNotExist();
    assertThat(evil.resolve("x")).hasContent(OUTSIDE);
  }

  @ParameterizedTest(name = "row 4, sibling named like the root, by text: read {0}")
  @MethodSource("siblingPathsByText")
  void refusesASiblingNamedLikeTheRootByText(String path, String reason) {
    refused("read", reason, path);
  }

  static Stream<Arguments> siblingPathsByText() {
    return Stream.of(
        Arguments.of("../ws-evil/x", "path_escape"),
        Arguments.of("./../ws-evil", "path_escape"),
        Arguments.of("/tmp/ws-evil/x", "absolute_path"));
  }

  @Test
  void row4RefusesTheSiblingByItsAbsolutePath() {
    refused("read", "absolute_path", evil.resolve("x").toString());
  }

  @Test
  void row5RefusesASymlinkToEtc() throws IOException {
    assumeTrue(Files.isDirectory(Path.of("/etc")));
    Files.createSymbolicLink(ws.resolve("link"), Path.of("/etc"));

    refused("read", "symlink_escape", "link/passwd");
    refused("list", "symlink_escape", "link");
    refused("read", "symlink_escape", "link");
  }

  @ParameterizedTest(name = "row 5, symlink out of the root: {0} {1}")
  @MethodSource("throughLinksOut")
  void refusesEveryToolThroughASymlinkOut(String tool, String path) throws IOException {
    Files.createSymbolicLink(ws.resolve("out"), evil);
    Files.createSymbolicLink(ws.resolve("a/middle"), Path.of("../../ws-evil"));
    Files.createSymbolicLink(ws.resolve("secret.txt"), evil.resolve("x"));

    if (tool.equals("write") || tool.equals("append")) {
      refused(tool, "symlink_escape", path, "content", "leak");
    } else {
      refused(tool, "symlink_escape", path);
    }

    assertThat(evil.resolve("x")).hasContent(OUTSIDE);
  }

  static Stream<Arguments> throughLinksOut() {
    return Stream.of(
        Arguments.of("read", "out/x"),
        Arguments.of("read", "secret.txt"),
        Arguments.of("read", "a/middle/x"),
        Arguments.of("list", "out"),
        Arguments.of("list", "a/middle"),
        Arguments.of("write", "out/x"),
        Arguments.of("write", "secret.txt"),
        Arguments.of("write", "a/middle/new/deeper.txt"),
        Arguments.of("append", "secret.txt"),
        Arguments.of("mkdir", "out/made"),
        Arguments.of("delete", "out/x"),
        Arguments.of("delete", "secret.txt"),
        Arguments.of("delete", "a/middle"));
  }

  @Test
  void row5FollowsALinkThatStaysInside() throws IOException {
    Files.createSymbolicLink(ws.resolve("shortcut"), Path.of("notes"));

    Tool.Execution execution = run(workspace, "read", "path", "shortcut/todo.md");

    assertThat(execution.result().output()).isEqualTo("inside");
  }

  @ParameterizedTest(name = "row 6, dangling link followed on create: {0} {1}")
  @MethodSource("throughDanglingLinks")
  void refusesADanglingLinkOutAndCreatesNothingOutside(String tool, String path)
      throws IOException {
    Files.createSymbolicLink(ws.resolve("new"), evil.resolve("created.txt"));
    Files.createSymbolicLink(ws.resolve("relative"), Path.of("../ws-evil/created.txt"));
    Files.createSymbolicLink(ws.resolve("folder"), evil.resolve("made"));

    if (tool.equals("write") || tool.equals("append")) {
      refused(tool, "symlink_escape", path, "content", "leak");
    } else {
      refused(tool, "symlink_escape", path);
    }

    assertThat(evil.resolve("created.txt")).doesNotExist();
    assertThat(evil.resolve("made")).doesNotExist();
  }

  static Stream<Arguments> throughDanglingLinks() {
    return Stream.of(
        Arguments.of("write", "new"),
        Arguments.of("append", "new"),
        Arguments.of("mkdir", "new"),
        Arguments.of("write", "relative"),
        Arguments.of("write", "folder/x.txt"),
        Arguments.of("mkdir", "folder"),
        Arguments.of("mkdir", "folder/deeper"),
        Arguments.of("read", "new"));
  }

  @Test
  void row6RefusesLinksThatLeadNowhereInsideOrInALoop() throws IOException {
    Files.createSymbolicLink(ws.resolve("missing"), Path.of("not-there.txt"));
    Files.createSymbolicLink(ws.resolve("loop-a"), Path.of("loop-b"));
    Files.createSymbolicLink(ws.resolve("loop-b"), Path.of("loop-a"));

    refused("write", "broken_symlink", "missing", "content", "x");
    refused("write", "broken_symlink", "loop-a", "content", "x");

    assertThat(ws.resolve("not-there.txt")).doesNotExist();
  }

  @ParameterizedTest(name = "row 7, Windows separators and drive letters: write {0}")
  @ValueSource(
      strings = {
        "..\\..\\x",
        "C:\\x",
        "\\\\server\\share\\x",
        "C:/x",
        "c:x",
        "\\\\?\\C:\\x",
        "\\\\.\\pipe\\x",
        "notes\\todo.md",
        "\\x",
        "notes.md:stream",
        "notes/.. /x",
        "x.",
        "..."
      })
  void refusesWindowsPathsOnEveryOperatingSystem(String path) {
    refused("write", "windows_path", path, "content", "x");
  }

  @ParameterizedTest(name = "row 8, NUL byte: write {0}")
  @ValueSource(strings = {"a.txt\u0000.png", "\u0000", "notes/\u0000/x", "a.txt\u0000"})
  void refusesNulBytes(String path) {
    refused("write", "nul_byte", path, "content", "x");
  }

  @Test
  void row8RefusesAPercentEncodedNulByte() {
    ToolResult result = refused("write", "percent_encoded", "a.txt%00.png", "content", "x");

    assertThat(result.output()).contains("nul_byte");
  }

  @ParameterizedTest(name = "row 9, encoded traversal: read {0}")
  @ValueSource(
      strings = {
        "%2e%2e/%2e%2e/etc/passwd",
        "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "..%2f..%2fws-evil%2fx",
        "%2e%2e",
        "notes/%2e%2e/%2e%2e/x",
        "%2fetc%2fpasswd",
        "%5c..%5cx",
        "%2e%2e%5cx",
        "C%3a%5cx"
      })
  void refusesPercentEncodedTraversal(String path) {
    refused("read", "percent_encoded", path);
  }

  @Test
  void row9DecodesOnlyOnceAndTreatsTheRestAsAName() throws IOException {
    String twice = "%252e%252e%252fx";

    Tool.Execution execution = run(workspace, "write", "path", twice, "content", "literal");

    assertThat(execution.result().status()).isEqualTo(ToolResult.Status.OK);
    assertThat(ws.resolve(twice)).hasContent("literal");
    assertThat(base.resolve("x")).doesNotExist();
  }

  @ParameterizedTest(name = "row 10, destroying the workspace: delete {0}")
  @MethodSource("rootNames")
  void refusesToDeleteTheRoot(String path, String reason) {
    refused("delete", reason, path);

    assertThat(ws.resolve("notes/todo.md")).hasContent("inside");
  }

  static Stream<Arguments> rootNames() {
    return Stream.of(
        Arguments.of(".", "workspace_root"),
        Arguments.of("./", "workspace_root"),
        Arguments.of(".//.", "workspace_root"),
        Arguments.of("a/..", "workspace_root"),
        Arguments.of("a/b/../../.", "workspace_root"),
        Arguments.of("", "empty_path"),
        Arguments.of("\"\"", "reserved_character"),
        Arguments.of("%2e%2e", "percent_encoded"),
        Arguments.of("..", "path_escape"));
  }

  @Test
  void row10RefusesToDeleteTheRootByItsAbsolutePath() {
    refused("delete", "absolute_path", ws.toString());
  }

  @Test
  void row10DeletesALinkToTheRootAsALinkOnly() throws IOException {
    Files.createSymbolicLink(ws.resolve("self"), Path.of("."));

    Tool.Execution execution = run(workspace, "delete", "path", "self");

    assertThat(execution.result().status()).isEqualTo(ToolResult.Status.OK);
    assertThat(execution.verify()).isEqualTo(Effect.CHANGED);
    assertThat(ws.resolve("self")).doesNotExist();
    assertThat(ws.resolve("notes/todo.md")).hasContent("inside");
  }

  @Test
  void row10DeletesAFolderWithALinkOutWithoutFollowingIt() throws IOException {
    Files.createSymbolicLink(ws.resolve("a/b/out"), evil);

    Tool.Execution execution = run(workspace, "delete", "path", "a");

    assertThat(execution.result().status()).isEqualTo(ToolResult.Status.OK);
    assertThat(ws.resolve("a")).doesNotExist();
    assertThat(evil.resolve("x")).hasContent(OUTSIDE);
  }
}
