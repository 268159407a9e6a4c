package dev.gauntlet.sandbox.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.sandbox.Workspace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShellToolTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BWRAP = ShellTool.DEFAULT_BUBBLEWRAP;

  private Workspace workspace;
  private final ShellTool shell = ShellTool.sandboxed();

  @BeforeEach
  void createWorkspace() throws IOException {
    assumeTrue(
        Files.isExecutable(BWRAP),
        "bubblewrap is not installed at " + BWRAP + " (Debian package 'bubblewrap')");
    workspace = Workspace.create("shell");
  }

  @AfterEach
  void deleteWorkspace() throws IOException {
    if (workspace != null) {
      workspace.delete();
    }
  }

  private static Action action(String json) {
    try {
      return new Action(ShellTool.NAME, (ObjectNode) JSON.readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static Action command(String text) {
    ObjectNode arguments = JSON.createObjectNode().put("command", text);
    return new Action(ShellTool.NAME, arguments);
  }

  private ToolResult run(Tool tool, Action action) {
    return tool.execute(action, workspace).result();
  }

  private ToolResult run(Action action) {
    return run(shell, action);
  }

  /** A number no other process on the machine has in its command line, e.g. for {@code sleep}. */
  private static String uniqueSeconds() {
    return Integer.toString(900_000 + ThreadLocalRandom.current().nextInt(99_999));
  }

  private static void assertNothingLeftRunning(String marker)
      throws IOException, InterruptedException {
    assertThat(
            ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse("")))
        .noneMatch(line -> line.contains(marker));
    Process pgrep = new ProcessBuilder("pgrep", "-f", marker).redirectErrorStream(true).start();
    String found = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(pgrep.waitFor()).as("pgrep -f '%s' found %s", marker, found).isEqualTo(1);
  }

  @Nested
  class Running {

    @Test
    void aTextCommandRunsInTheShellAndReportsItsOutput() {
      ToolResult result = run(command("echo hello; echo oops >&2"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
      assertThat(result.data().get("exitCode").asInt()).isZero();
      assertThat(result.data().get("stdout").asText()).isEqualTo("hello\n");
      assertThat(result.data().get("stderr").asText()).isEqualTo("oops\n");
      assertThat(result.data().get("killed").asBoolean()).isFalse();
      assertThat(result.output()).isEqualTo("exit code 0\n[stdout]\nhello\n[stderr]\noops\n");
    }

    @Test
    void aListOfWordsRunsWithoutAShell() {
      ToolResult result = run(action("{\"command\": [\"printf\", \"%s|\", \"a b\", \"$HOME\"]}"));

      assertThat(result.data().get("stdout").asText()).isEqualTo("a b|$HOME|");
    }

    @Test
    void aNonZeroExitIsAnErrorWithTheExitCode() {
      ToolResult result = run(command("exit 3"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.ERROR);
      assertThat(result.reason()).isEqualTo("exit_code");
      assertThat(result.data().get("exitCode").asInt()).isEqualTo(3);
      assertThat(result.output()).startsWith("exit code 3");
    }

    @Test
    void stdinTextIsWrittenAndThenClosed() {
      ToolResult result = run(action("{\"command\": \"wc -l\", \"stdin\": \"a\\nb\\n\"}"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
      assertThat(result.data().get("stdout").asText().strip()).isEqualTo("2");
    }

    @Test
    void theCommandStartsInTheWorkingDirectoryItNames() throws IOException {
      Files.createDirectories(workspace.root().resolve("sub/dir"));

      ToolResult result = run(action("{\"command\": \"pwd\", \"cwd\": \"sub/dir\"}"));

      assertThat(result.data().get("stdout").asText().strip())
          .isEqualTo(workspace.root().resolve("sub/dir").toString());
    }

    @Test
    void theEnvironmentHoldsOnlyTheScrubbedVariablesAndTheActionsOwn() {
      String inherited =
          System.getenv().keySet().stream()
              .filter(name -> !Set.of("PATH", "LANG", "HOME", "TMPDIR", "PWD").contains(name))
              .findFirst()
              .orElseThrow();

      ToolResult result = run(action("{\"command\": [\"env\"], \"env\": {\"GREETING\": \"hi\"}}"));

      Map<String, String> seen =
          Arrays.stream(result.data().get("stdout").asText().split("\n"))
              .map(line -> line.split("=", 2))
              .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
      assertThat(seen).doesNotContainKey(inherited);
      assertThat(seen.keySet())
          .containsExactlyInAnyOrder("PATH", "LANG", "HOME", "TMPDIR", "PWD", "GREETING");
      assertThat(seen)
          .containsEntry("GREETING", "hi")
          .containsEntry("LANG", "C.UTF-8")
          .containsEntry("HOME", workspace.root().resolve(".home").toString())
          .containsEntry("TMPDIR", workspace.root().resolve(".tmp").toString());
    }

    @Test
    void aCommandThatWritesChangesTheWorkspaceAndOneThatReadsOnlyReads() {
      Tool.Execution writing = shell.execute(command("echo x > made.txt"), workspace);
      Tool.Execution reading = shell.execute(command("cat made.txt"), workspace);

      assertThat(writing.verify()).isEqualTo(Effect.CHANGED);
      assertThat(reading.verify()).isEqualTo(Effect.READ_ONLY);
      assertThat(workspace.root().resolve("made.txt")).hasContent("x");
    }
  }

  @Nested
  class Refusing {

    @Test
    void aWorkingDirectoryOutsideTheWorkspaceIsRefused() {
      ToolResult result = run(action("{\"command\": \"pwd\", \"cwd\": \"../..\"}"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.REFUSED);
      assertThat(result.reason()).isEqualTo("path_escape");
      assertThat(result.data().get("path").asText()).isEqualTo("../..");
    }

    @Test
    void aWorkingDirectoryThroughALinkOutOfTheWorkspaceIsRefused() throws IOException {
      Files.createSymbolicLink(workspace.root().resolve("out"), Path.of("/etc"));

      ToolResult result = run(action("{\"command\": \"pwd\", \"cwd\": \"out\"}"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.REFUSED);
      assertThat(result.reason()).isEqualTo("symlink_escape");
    }

    @Test
    void aMissingBubblewrapIsRefusedNamingThePackage() {
      ShellTool tool = ShellTool.builder().bubblewrap(Path.of("/nonexistent/bwrap")).build();

      ToolResult result = run(tool, command("echo hi"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.REFUSED);
      assertThat(result.reason()).isEqualTo("sandbox_unavailable");
      assertThat(result.output()).contains("/nonexistent/bwrap", "Debian package 'bubblewrap'");
    }

    @Test
    void unconfinedModeRunsWithoutBubblewrap() {
      ShellTool tool =
          ShellTool.builder().bubblewrap(Path.of("/nonexistent/bwrap")).unconfined(true).build();

      ToolResult result = run(tool, command("echo hi"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
      assertThat(result.data().get("stdout").asText()).isEqualTo("hi\n");
    }

    @Test
    void aTimeoutWithoutAUnitIsABadArgumentNamingTheRule() {
      ToolResult result = run(action("{\"command\": \"true\", \"timeout\": 5}"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.ERROR);
      assertThat(result.reason()).isEqualTo("bad_arguments");
      assertThat(result.data().get("argument").asText()).isEqualTo("timeout");
      assertThat(result.output()).contains("'30s'");
    }

    @Test
    void aTimeoutWithADecimalIsABadArgumentSayingTheDurationRule() {
      ToolResult result = run(action("{\"command\": \"true\", \"timeout\": \"1.5s\"}"));

      assertThat(result.reason()).isEqualTo("bad_arguments");
      assertThat(result.output())
          .isEqualTo(
              "shell's 'timeout' '1.5s' is not a duration: write whole numbers of ms, s, m or h,"
                  + " such as 1500ms or 1m30s.");
    }
  }

  @Nested
  class Containing {

    @Test
    void aShellCannotReadSecretsNorWriteOutsideTheWorkspace() throws IOException {
      // path-escape.md row 11: the shell bypassing the file tools.
      String name = "gauntlet-" + UUID.randomUUID();

      ToolResult result =
          run(
              command(
                  "cat /etc/shadow > leak.txt; echo x > /root/"
                      + name
                      + "; echo x > /etc/"
                      + name
                      + "; echo x > /tmp/"
                      + name));

      assertThat(workspace.root().resolve("leak.txt")).isEmptyFile();
      assertThat(Path.of("/root", name)).doesNotExist();
      assertThat(Path.of("/etc", name)).doesNotExist();
      assertThat(Path.of("/tmp", name)).doesNotExist();
      assertThat(result.data().get("stderr").asText()).contains("Read-only file system");
    }

    @Test
    void aSandboxCannotReachTheHostsLoopback() throws IOException {
      // egress-bypass.md row 27: with the proxy variables gone, a direct connection gets nothing.
      try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        ToolResult result =
            run(
                action(
                    "{\"command\": [\"bash\", \"-c\", \"exec 3<>/dev/tcp/127.0.0.1/"
                        + listening.getLocalPort()
                        + " && echo connected\"]}"));

        assertThat(result.reason()).isEqualTo("exit_code");
        assertThat(result.data().get("stdout").asText()).doesNotContain("connected");
        assertThat(result.data().get("stderr").asText()).contains("Connection refused");
      }
    }

    @Test
    void aSandboxHasNoRouteOutOfTheMachine() {
      // 192.0.2.1 is a documentation address (RFC 5737): nothing would answer, but a route would
      // exist.
      ToolResult result =
          run(action("{\"command\": [\"bash\", \"-c\", \"exec 3<>/dev/tcp/192.0.2.1/80\"]}"));

      assertThat(result.reason()).isEqualTo("exit_code");
      assertThat(result.data().get("stderr").asText()).contains("Network is unreachable");
    }
  }

  @Nested
  class Limiting {

    @Test
    void aCommandThatSleepsForEverEndsAtItsTimeoutWithNothingLeftRunning() throws Exception {
      String seconds = uniqueSeconds();

      ToolResult result =
          run(action("{\"command\": \"sleep " + seconds + "; echo woke\", \"timeout\": \"1s\"}"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.ERROR);
      assertThat(result.reason()).isEqualTo("timeout");
      assertThat(result.data().get("killed").asBoolean()).isTrue();
      assertThat(result.data().get("killReason").asText()).isEqualTo("timeout");
      assertThat(result.output()).startsWith("killed: ");
      assertNothingLeftRunning("sleep " + seconds);
    }

    @Test
    void aCommandThatPrintsWithoutEndIsKilledKeepingHeadAndTail() throws Exception {
      ShellTool tool = ShellTool.builder().outputLimit(1024).outputHardLimit(256 * 1024).build();

      ToolResult result = run(tool, command("yes gauntlet-endless"));

      assertThat(result.reason()).isEqualTo("output_limit");
      String stdout = result.data().get("stdout").asText();
      assertThat(stdout)
          .startsWith("gauntlet-endless\n")
          .containsPattern("\\[… \\d+ bytes cut …\\]");
      // The reader stops at the hard limit wherever a read ends, so the tail may end mid-line.
      String tail = stdout.substring(stdout.indexOf("cut …]") + "cut …]".length());
      assertThat(tail).contains("gauntlet-endless\n").matches("(?s)[\\sa-z-]+");
      assertNothingLeftRunning("yes gauntlet-endless");
    }

    @Test
    void childrenThatOutliveTheCommandAreKilledWithIt() throws Exception {
      String background = uniqueSeconds();
      String ownSession = uniqueSeconds();

      ToolResult result =
          run(
              command(
                  "(sleep "
                      + background
                      + " &); setsid sh -c 'sleep "
                      + ownSession
                      + " & exit 0' </dev/null >/dev/null 2>&1; echo done"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
      assertThat(result.data().get("stdout").asText()).isEqualTo("done\n");
      assertNothingLeftRunning("sleep " + background);
      assertNothingLeftRunning("sleep " + ownSession);
    }

    @Test
    void aCommandWaitingOnAPromptEndsAsWaitingForInputBeforeItsTimeout() throws Exception {
      ToolResult result =
          run(
              action(
                  "{\"command\": [\"bash\", \"-c\", \"read -p 'Continue? ' answer; echo $answer\"],"
                      + " \"timeout\": \"10m\", \"inputTimeout\": \"1s\"}"));

      assertThat(result.reason()).isEqualTo("waiting_for_input");
      assertThat(result.output()).contains("stdin");
    }

    @Test
    void aCommandReadingAPipeOfItsOwnIsNotTakenForAPrompt() {
      ToolResult result =
          run(action("{\"command\": \"sleep 2 | cat; echo after\", \"inputTimeout\": \"200ms\"}"));

      assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
      assertThat(result.data().get("stdout").asText()).isEqualTo("after\n");
    }

    @Test
    void aCommandRunningTooManyProcessesIsKilled() throws Exception {
      String seconds = uniqueSeconds();
      ShellTool tool = ShellTool.builder().processLimit(5).build();

      ToolResult result =
          run(
              tool,
              command("for i in 1 2 3 4 5 6 7 8 9 10; do sleep " + seconds + " & done; wait"));

      assertThat(result.reason()).isEqualTo("process_limit");
      assertNothingLeftRunning("sleep " + seconds);
    }

    @Test
    void aTimeoutAboveTheLongestAllowedIsABadArgument() {
      ShellTool tool = ShellTool.builder().maxTimeout(Duration.ofMinutes(1)).build();

      ToolResult result = run(tool, action("{\"command\": \"true\", \"timeout\": \"2m\"}"));

      assertThat(result.reason()).isEqualTo("bad_arguments");
      assertThat(result.output()).contains("2m", "1m");
    }
  }
}
