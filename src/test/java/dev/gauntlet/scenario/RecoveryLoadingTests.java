package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load the recovery policy, the per-action opt-out and the recovery expectations. */
class RecoveryLoadingTests {

  @TempDir Path folder;

  @Test
  void everyKeyIsReadIntoTheModel() throws IOException {
    Scenario scenario =
        new ScenarioLoader()
            .load(
                write(
                    """
                    id: full
                    recovery:
                      attempts: 7
                      backoff: { initial: 500ms, factor: 3, max: 1m, jitter: 0.1 }
                      budget: 20m
                    agent:
                      scripted:
                        - http: https://api.example.com/a
                          retry: false
                        - http: https://api.example.com/b
                    expect:
                      recovery:
                        retried: true
                        findings: [ not_retried, { kind: flat_backoff, steps: [3, 9] } ]
                    """))
            .get(0);

    assertThat(scenario.recovery())
        .isEqualTo(
            new RecoverySpec(
                7, Duration.ofMillis(500), 3, Duration.ofMinutes(1), 0.1, Duration.ofMinutes(20)));
    ScriptedAgentSpec agent = (ScriptedAgentSpec) scenario.agent();
    assertThat(agent.script())
        .extracting(item -> ((ScriptItem.ActionTemplate) item).retry())
        .containsExactly(false, true);
    RecoveryExpectation recovery = scenario.expect().recovery();
    assertThat(recovery).isNotNull();
    assertThat(recovery.retried()).isTrue();
    assertThat(recovery.findings())
        .extracting(FindingExpectation::describe)
        .containsExactly("not_retried", "flat_backoff at steps 3..9");
  }

  @Test
  void anEmptySectionTakesEveryDefault() throws IOException {
    Scenario scenario =
        new ScenarioLoader()
            .load(write("id: d\nrecovery: {}\nagent: { scripted: [ { list: . } ] }\n"))
            .get(0);

    assertThat(scenario.recovery()).isEqualTo(RecoverySpec.DEFAULT);
  }

  @Test
  void mistakesPointIntoTheFile() throws IOException {
    Path file =
        write(
            """
            id: bad
            recovery: { attempts: 0, backoff: { jitter: 2, initial: 10s, max: 1s } }
            agent:
              scripted:
                - read: a.md
                  retry: false
            expect:
              recovery: { findings: [ retry_after_ignord ] }
            """);

    assertThatThrownBy(() -> new ScenarioLoader().load(file))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::toString)
                    .containsExactlyInAnyOrder(
                        file
                            + ":2:23 recovery.attempts: expected a positive whole number but found"
                            + " the number 0",
                        file
                            + ":2:45 recovery.backoff.jitter: expected a number from 0 to 1 but"
                            + " found the number 2",
                        file
                            + ":2:67 recovery.backoff.max: max 1000 ms is shorter than initial"
                            + " 10000 ms; the longest wait cannot be shorter than the first",
                        file
                            + ":6:7 agent.scripted[0].retry: 'retry' applies to http actions"
                            + " only, not to 'read'",
                        file
                            + ":8:27 expect.recovery.findings[0]: unknown recovery finding"
                            + " 'retry_after_ignord'; did you mean 'retry_after_ignored'?"));
  }

  @Test
  void aScenarioNamesASharedRecoveryPolicyFileRelativeToItsFolder() throws IOException {
    Files.createDirectories(folder.resolve("policies"));
    Files.writeString(
        folder.resolve("policies/patient.yaml"),
        "attempts: 8\nbackoff: { initial: 10s, max: 5m }\nbudget: 30m\n");

    Scenario scenario =
        new ScenarioLoader()
            .load(
                write(
                    "id: shared\nrecovery: policies/patient.yaml\n"
                        + "agent: { scripted: [ { list: . } ] }\n"))
            .get(0);

    assertThat(scenario.recovery())
        .isEqualTo(
            new RecoverySpec(
                8, Duration.ofSeconds(10), 2, Duration.ofMinutes(5), 0.2, Duration.ofMinutes(30)));
  }

  @Test
  void aMissingRecoveryPolicyFileIsAProblemAtTheScenarioLine() throws IOException {
    Path file = write("id: shared\nrecovery: policies/nowhere.yaml\nagent: { scripted: [] }\n");

    assertThatThrownBy(() -> new ScenarioLoader().load(file))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::toString)
                    .contains(
                        file
                            + ":2:11 recovery: recovery policy file 'policies/nowhere.yaml' does"
                            + " not exist (looked for "
                            + folder.resolve("policies/nowhere.yaml").toAbsolutePath()
                            + "); give a file relative to the scenario's folder, or the settings"
                            + " themselves"));
  }

  @Test
  void mistakesInARecoveryPolicyFilePointIntoThatFile() throws IOException {
    Path policy = folder.resolve("hasty.yaml");
    Files.writeString(policy, "attempts: 0\nbackof: { initial: 1s }\n");

    assertThatThrownBy(() -> RecoverySpec.load(policy))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::toString)
                    .containsExactlyInAnyOrder(
                        policy
                            + ":1:11 attempts: expected a positive whole number but found the"
                            + " number 0",
                        policy + ":2:1 backof: unknown key 'backof'; did you mean 'backoff'?"));
  }

  @Test
  void aRecoveryPolicyFileHoldsOneDocument() throws IOException {
    Path policy = folder.resolve("two.yaml");
    Files.writeString(policy, "attempts: 2\n---\nattempts: 3\n");

    assertThatThrownBy(() -> RecoverySpec.load(policy))
        .hasMessageContaining(
            "a recovery policy file holds exactly one document, with 'attempts', 'backoff' and"
                + " 'budget'; found 2");
  }

  @Test
  void mistakesInARecoveryPolicyFileAreAlsoReportedAtTheScenarioThatNamesIt() throws IOException {
    Files.createDirectories(folder.resolve("policies"));
    Path policy =
        Files.writeString(
            folder.resolve("policies/hasty.yaml"), "attempts: 0\nbackof: { initial: 1s }\n");
    Path file =
        write("id: shared\nrecovery: policies/hasty.yaml\nagent: { scripted: [ { list: . } ] }\n");

    assertThat(problems(file))
        .containsExactly(
            file
                + ":2:11 recovery: recovery policy file 'policies/hasty.yaml' has 2 problems,"
                + " listed at that file",
            policy + ":1:11 attempts: expected a positive whole number but found the number 0",
            policy + ":2:1 backof: unknown key 'backof'; did you mean 'backoff'?");
  }

  @Test
  void aRecoveryPolicyFileWithOneMistakeIsCountedInTheSingular() throws IOException {
    Path policy = Files.writeString(folder.resolve("hasty.yaml"), "attempts: 0\n");
    Path file = write("id: shared\nrecovery: hasty.yaml\nagent: { scripted: [ { list: . } ] }\n");

    assertThat(problems(file))
        .containsExactly(
            file
                + ":2:11 recovery: recovery policy file 'hasty.yaml' has 1 problem, listed at"
                + " that file",
            policy + ":1:11 attempts: expected a positive whole number but found the number 0");
  }

  @Test
  void aFolderNamedAsTheRecoveryPolicyFileIsSaidToBeAFolder() throws IOException {
    Files.createDirectories(folder.resolve("policies"));
    Path file = write("id: shared\nrecovery: policies\nagent: { scripted: [ { list: . } ] }\n");

    assertThat(problems(file))
        .containsExactly(
            file
                + ":2:11 recovery: recovery policy file 'policies' is a folder ("
                + folder.resolve("policies").toAbsolutePath()
                + "); give a file relative to the scenario's folder, or the settings themselves");
  }

  @Test
  void anEmptyRecoveryValueNamesBothFormsAndTheDefaults() throws IOException {
    Path left = write("id: shared\nrecovery:\nagent: { scripted: [ { list: . } ] }\n");
    String expected =
        " recovery: expected the settings, such as { attempts: 3 }, or the name of a recovery"
            + " policy file, but found no value; write {} to take every default";

    assertThat(problems(left)).containsExactly(left + ":2:10" + expected);

    Path quoted = write("id: shared\nrecovery: \"\"\nagent: { scripted: [ { list: . } ] }\n");

    assertThat(problems(quoted)).containsExactly(quoted + ":2:11" + expected);
  }

  @Test
  void aRecoveryValueThatIsNeitherSettingsNorAFileNameNamesBothForms() throws IOException {
    Path file = write("id: shared\nrecovery: 5\nagent: { scripted: [ { list: . } ] }\n");

    assertThat(problems(file))
        .containsExactly(
            file
                + ":2:11 recovery: expected the settings, such as { attempts: 3 }, or the name of"
                + " a recovery policy file, but found the number 5");
  }

  @Test
  void attemptsBeyondTheLargestWholeNumberStateTheLimit() throws IOException {
    Path file =
        write(
            "id: many\nrecovery: { attempts: 99999999999 }\n"
                + "agent: { scripted: [ { list: . } ] }\n");

    assertThat(problems(file))
        .containsExactly(
            file
                + ":2:23 recovery.attempts: expected a whole number from 1 to 2147483647 but"
                + " found the number 99999999999");
  }

  private List<String> problems(Path file) {
    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> new ScenarioLoader().load(file));
    assertThat(thrown).as("loading %s", file).isNotNull();
    return thrown.problems().stream().map(Problem::toString).toList();
  }

  private Path write(String yaml) throws IOException {
    Path file = folder.resolve("scenario.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
