package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.agent.cassette.RecordMode;
import dev.gauntlet.agent.model.ModelApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load each kind of agent, and point every mistake in its section at the file. */
class AgentLoadingTests {

  @TempDir Path folder;

  @Test
  void aModelAgentReadsItsPromptFileAndCassetteBesideTheScenario() throws IOException {
    Files.createDirectories(folder.resolve("prompts"));
    Files.writeString(folder.resolve("prompts/system.md"), "Be brief.");
    Files.createDirectories(folder.resolve("cassettes"));
    Files.writeString(folder.resolve("cassettes/x.json"), "{\"mappings\": []}");

    Scenario scenario =
        loadOne(
            """
            id: m
            budget: { tokens: 5000 }
            agent:
              model:
                api: anthropic
                name: claude-sonnet-4-5
                baseUrl: http://127.0.0.1:9/v1
                key: { env: MY_KEY }
                system: { from: prompts/system.md }
                task: Do it.
                tools: [read, write, finish]
                stream: true
                maxTokens: 512
                timeout: 45s
                cassette: { file: cassettes/x.json, record: once }
            """);

    ModelAgentSpec model = (ModelAgentSpec) scenario.agent();
    assertThat(model.settings().api()).isEqualTo(ModelApi.ANTHROPIC);
    assertThat(model.settings().system()).isEqualTo("Be brief.");
    assertThat(model.settings().keyVariable()).isEqualTo("MY_KEY");
    assertThat(model.settings().tools()).containsExactly("read", "write", "finish");
    assertThat(model.settings().stream()).isTrue();
    assertThat(model.settings().maxTokens()).isEqualTo(512);
    assertThat(model.settings().timeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(model.cassette())
        .isEqualTo(
            new ModelAgentSpec.Cassette(folder.resolve("cassettes/x.json"), RecordMode.ONCE));
    assertThat(scenario.budget().tokens()).isEqualTo(5000);
  }

  @Test
  void replayExternalAndJavaAgentsLoadWithPathsRelativeToTheScenario() throws IOException {
    Files.writeString(folder.resolve("run.json"), "[]");

    ReplayAgentSpec replay =
        (ReplayAgentSpec)
            loadOne("id: r\nagent: { replay: run.json, tools: { sh: shell } }\n").agent();
    ExternalAgentSpec external =
        (ExternalAgentSpec)
            loadOne(
                    "id: e\nagent:\n  external: { command: [python3, a.py], stepTimeout: 5s,"
                        + " env: { A: b } }\n")
                .agent();
    JavaAgentSpec java =
        (JavaAgentSpec)
            loadOne("id: j\nagent:\n  java: { class: com.example.MyAgent, config: { n: 3 } }\n")
                .agent();

    assertThat(replay.transcript()).isEqualTo(folder.resolve("run.json"));
    assertThat(replay.tools()).containsKeys("sh", "bash");
    assertThat(replay.tools().get("sh").tool()).isEqualTo("shell");
    assertThat(external.settings().command()).containsExactly("python3", "a.py");
    assertThat(external.settings().directory()).isEqualTo(folder.toAbsolutePath());
    assertThat(external.settings().stepTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(external.settings().environment()).isEqualTo(Map.of("A", "b"));
    assertThat(java.className()).isEqualTo("com.example.MyAgent");
    assertThat(java.config()).isEqualTo(Map.of("n", 3));
  }

  @Test
  void aMisspeltModelKeyIsPointedAtWithTheNearestKey() throws IOException {
    Problem problem =
        onlyProblem(
            """
            id: m
            agent:
              model:
                api: openai
                name: gpt-4o
                task: Do it.
                maxTokns: 10
            """);

    assertThat(problem.line()).isEqualTo(7);
    assertThat(problem.column()).isEqualTo(5);
    assertThat(problem.keyPath()).isEqualTo("agent.model.maxTokns");
    assertThat(problem.message()).contains("did you mean 'maxTokens'?");
  }

  @Test
  void anUnknownApiRecordModeOrToolIsNamedWithTheNearestChoice() throws IOException {
    List<Problem> problems =
        problems(
            """
            id: m
            agent:
              model:
                api: antropic
                name: x
                task: Do it.
                tools: [read, shel]
                cassette: { file: c.json, record: al }
            """);

    assertThat(problems)
        .extracting(Problem::keyPath)
        .containsExactlyInAnyOrder(
            "agent.model.api",
            "agent.model.tools[1]",
            "agent.model.cassette.record",
            "agent.model.cassette.file");
    assertThat(problems)
        .extracting(Problem::message)
        .anySatisfy(message -> assertThat(message).contains("did you mean 'anthropic'?"))
        .anySatisfy(message -> assertThat(message).contains("did you mean 'shell'?"))
        .anySatisfy(message -> assertThat(message).contains("did you mean 'all'?"));
  }

  @Test
  void aKeyWrittenInTheScenarioIsRefused() throws IOException {
    Problem problem =
        onlyProblem("id: m\nagent:\n  model: { api: openai, name: x, task: t, key: sk-123 }\n");

    assertThat(problem.keyPath()).isEqualTo("agent.model.key");
    assertThat(problem.message()).contains("key: { env: NAME }").doesNotContain("sk-123");
  }

  @Test
  void aMissingCassetteInReplayOnlyModeIsAProblemAtItsFile() throws IOException {
    Problem problem =
        onlyProblem(
            "id: m\nagent:\n  model:\n    api: openai\n    name: x\n    task: t\n"
                + "    cassette: { file: cassettes/none.json }\n");

    assertThat(problem.keyPath()).isEqualTo("agent.model.cassette.file");
    assertThat(problem.line()).isEqualTo(7);
    assertThat(problem.message()).contains("no cassette at 'cassettes/none.json'");
  }

  @Test
  void aMissingTranscriptOrProgramOrClassIsAProblemAtItsKey() throws IOException {
    assertThat(onlyProblem("id: r\nagent: { replay: nowhere.json }\n").message())
        .contains("no transcript at 'nowhere.json'");
    assertThat(onlyProblem("id: e\nagent: { external: { command: [] } }\n").keyPath())
        .isEqualTo("agent.external.command");
    assertThat(onlyProblem("id: e\nagent: { external: { comand: [a] } }\n").message())
        .contains("did you mean 'command'?");
    assertThat(onlyProblem("id: j\nagent: { java: { class: 'not a class' } }\n").keyPath())
        .isEqualTo("agent.java.class");
  }

  @Test
  void anAgentOfTwoKindsOrNoneIsRefused() throws IOException {
    Files.writeString(folder.resolve("run.json"), "[]");

    assertThat(onlyProblem("id: a\nagent: { replay: run.json, java: { class: A } }\n").keyPath())
        .isEqualTo("agent.java");
    assertThat(onlyProblem("id: a\nagent: { modle: {} }\n").message())
        .contains("did you mean 'model'?");
    assertThat(onlyProblem("id: a\nagent: {}\n").message()).contains("names no kind");
    assertThat(
            onlyProblem("id: a\nagent: { java: { class: A }, tools: { bash: shell } }\n").keyPath())
        .isEqualTo("agent.tools");
  }

  private Scenario loadOne(String yaml) throws IOException {
    LoadResult result = load(yaml);
    assertThat(result.problems()).isEmpty();
    return result.scenarios().get(0);
  }

  private Problem onlyProblem(String yaml) throws IOException {
    List<Problem> problems = problems(yaml);
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  private List<Problem> problems(String yaml) throws IOException {
    return load(yaml).problems();
  }

  private LoadResult load(String yaml) throws IOException {
    Path file = Files.createTempFile(folder, "scenario", ".yaml");
    Files.writeString(file, yaml);
    return new ScenarioLoader().loadAll(List.of(file));
  }
}
