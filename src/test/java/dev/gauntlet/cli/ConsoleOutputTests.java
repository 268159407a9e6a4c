package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.engine.GauntletTestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine;

/** A person at a terminal gets colours and a progress bar; a CI log gets plain lines. */
class ConsoleOutputTests {

  private static final Path SUITE = Path.of("src/test/resources/dev/gauntlet/engine/suite");
  private static final String ESCAPE = "\u001b[";

  @TempDir Path reports;

  @Nested
  class WhereOutputGoes {

    @Test
    void aConsoleOutsideCiIsATerminal() {
      assertThat(Terminal.of(true, Map.of()).interactive()).isTrue();
    }

    @Test
    void aConsoleInCiIsNot() {
      assertThat(Terminal.of(true, Map.of("CI", "true")).interactive()).isFalse();
    }

    @Test
    void noConsoleIsNoTerminal() {
      assertThat(Terminal.of(false, Map.of()).interactive()).isFalse();
    }

    @Test
    void coloursAreOnlyForATerminal() {
      assertThat(Terminal.plain().red("FAIL")).isEqualTo("FAIL");
      assertThat(Terminal.of(true, Map.of()).red("FAIL"))
          .isEqualTo(ESCAPE + "31mFAIL" + ESCAPE + "0m");
    }
  }

  @Test
  void onATerminalAProgressBarCountsTheScenariosAndIsClearedBeforeEachLine() {
    String out = run(Terminal.of(true, Map.of()));

    assertThat(out)
        .contains("0/3 scenarios")
        .contains("3/3 scenarios")
        .contains(Terminal.CLEAR_LINE + ESCAPE + "32mPASS " + ESCAPE + "0m greet")
        .contains("█");
  }

  @Test
  void inALogEveryLineIsPlain() {
    String out = run(Terminal.plain());

    assertThat(out).doesNotContain(ESCAPE).doesNotContain("scenarios").contains("PASS  greet");
  }

  @Test
  void theRunEndsWithTheLatencyTableOfEveryStage() {
    StringWriter out = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out));

    int exit =
        command.execute("run", "--reports", reports.toString(), "--run-id", "r", SUITE.toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .containsPattern("Latency per stage over \\d+ steps \\(real time\\):")
        .containsPattern("(?m)^  stage\\s+p50\\s+p95\\s+p99\\s+max$")
        .containsPattern("(?m)^  observe\\s+\\S+ [nµm]?s\\s+")
        .containsPattern("(?m)^  verify\\s+");
  }

  private String run(Terminal terminal) {
    StringWriter text = new StringWriter();
    ConsoleReport report = new ConsoleReport(new PrintWriter(text), terminal);
    LauncherDiscoveryRequest request =
        ScenarioPaths.request(Main.commandLine(), List.of(SUITE))
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .listeners(report)
            .build();
    LauncherFactory.create().execute(request, report);
    return text.toString();
  }
}
