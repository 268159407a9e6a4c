package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load the {@code faults} section: what each entry means, and what the loader refuses. */
class FaultLoadingTests {

  private static final String AGENT = "agent:\n  scripted:\n    - read: plan.md\n";

  @TempDir Path dir;

  private final ScenarioLoader loader = new ScenarioLoader();

  @Test
  void faultsAreReadWithTheirDefaults() throws IOException {
    Path file =
        write(
            """
            id: faulty
            faults:
              - { step: 12, tool: shell, fault: exit_code, exitCode: 2 }
              - { step: 20, tool: write, fault: disk_full }
              - { tool: write, path: "out/*", fault: permission_denied, times: 2 }
            """
                + AGENT);

    Scenario scenario = loader.load(file).get(0);

    assertThat(scenario.faults())
        .extracting(
            ToolFault::tool,
            ToolFault::kind,
            ToolFault::step,
            ToolFault::path,
            ToolFault::times,
            ToolFault::exitCode)
        .containsExactly(
            tuple("shell", ToolFault.Kind.EXIT_CODE, 12, null, 1, 2),
            tuple("write", ToolFault.Kind.DISK_FULL, 20, null, 1, 1),
            tuple("write", ToolFault.Kind.PERMISSION_DENIED, null, "out/*", 2, 1));
    assertThat(scenario.faults().get(1).origin().line()).isEqualTo(4);
  }

  @Test
  void aScenarioWithoutFaultsHasNone() throws IOException {
    Path file = write("id: calm\n" + AGENT);

    assertThat(loader.load(file).get(0).faults()).isEmpty();
  }

  @Test
  void aFaultTheToolCannotTakeIsRefusedNamingTheOnesItCan() throws IOException {
    Path file = write("id: wrong\nfaults:\n  - { tool: shell, fault: disk_full }\n" + AGENT);

    Problem problem = onlyProblem(file);

    assertThat(problem.keyPath()).isEqualTo("faults[0].fault");
    assertThat(problem.line()).isEqualTo(3);
    assertThat(problem.message())
        .isEqualTo(
            "'disk_full' is not a fault the tool 'shell' can take; use one of exit_code, timeout,"
                + " permission_denied");
  }

  @Test
  void aMisspeltToolIsRefusedWithTheNearestName() throws IOException {
    Path file = write("id: typo\nfaults:\n  - { tool: wirte, fault: disk_full }\n" + AGENT);

    Problem problem = onlyProblem(file);

    assertThat(problem.keyPath()).isEqualTo("faults[0].tool");
    assertThat(problem.message())
        .isEqualTo("'wirte' is not a tool that faults can be injected into; did you mean 'write'?");
  }

  @Test
  void anExitCodeAbove255IsRefused() throws IOException {
    Path file =
        write("id: big\nfaults:\n  - { tool: shell, fault: exit_code, exitCode: 300 }\n" + AGENT);

    Problem problem = onlyProblem(file);

    assertThat(problem.keyPath()).isEqualTo("faults[0].exitCode");
    assertThat(problem.message()).isEqualTo("an exit code is between 1 and 255, not 300");
  }

  @Test
  void aPathOnAShellFaultIsRefused() throws IOException {
    Path file =
        write("id: p\nfaults:\n  - { tool: shell, fault: timeout, path: \"a/*\" }\n" + AGENT);

    Problem problem = onlyProblem(file);

    assertThat(problem.keyPath()).isEqualTo("faults[0].path");
    assertThat(problem.message()).isEqualTo("'path' selects file actions; a shell action has none");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private Problem onlyProblem(Path file) {
    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> loader.load(file));
    assertThat(thrown).isNotNull();
    assertThat(thrown.problems()).hasSize(1);
    return thrown.problems().get(0);
  }
}
