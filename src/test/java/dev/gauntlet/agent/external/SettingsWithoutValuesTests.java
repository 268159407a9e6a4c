package dev.gauntlet.agent.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.agent.model.ModelApi;
import dev.gauntlet.agent.model.ModelSettings;
import dev.gauntlet.scenario.LoadResult;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refuse settings without a value in the external and model agents: in a scenario file, with the
 * place; in code, with the setting's name instead of a bare NullPointerException.
 */
class SettingsWithoutValuesTests {

  @TempDir Path folder;

  @Test
  void anEnvironmentVariableWithoutAValueIsRefusedWhenTheFileLoads() throws IOException {
    Path file =
        write(
            "id: s\nagent:\n  external:\n    command: [python3, a.py]\n    env:\n      TOKEN: null\n");

    LoadResult loaded = new ScenarioLoader().loadAll(List.of(file));

    assertThat(loaded.scenarios()).isEmpty();
    assertThat(loaded.problems())
        .extracting(Problem::keyPath, Problem::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("agent.external.env.TOKEN", 6));
  }

  @Test
  void aCommandPartWithoutAValueIsRefusedWhenTheFileLoads() throws IOException {
    Path file = write("id: s\nagent: { external: { command: [python3, ~] } }\n");

    LoadResult loaded = new ScenarioLoader().loadAll(List.of(file));

    assertThat(loaded.problems())
        .extracting(Problem::keyPath)
        .containsExactly("agent.external.command[1]");
  }

  @Test
  void aModelToolWithoutAValueIsRefusedWhenTheFileLoads() throws IOException {
    Path file =
        write("id: s\nagent: { model: { api: openai, name: m, task: T, tools: [read, ~] } }\n");

    LoadResult loaded = new ScenarioLoader().loadAll(List.of(file));

    assertThat(loaded.problems())
        .extracting(Problem::keyPath)
        .containsExactly("agent.model.tools[1]");
  }

  @Test
  void externalSettingsMadeInCodeNameTheVariableWithoutAValue() {
    Map<String, String> environment = new HashMap<>();
    environment.put("TOKEN", null);

    assertThatThrownBy(
            () ->
                new ExternalSettings(
                    List.of("python3"),
                    folder,
                    environment,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "agent.external.env.TOKEN has no value; write one, or \"\" for an empty string");
  }

  @Test
  void externalSettingsMadeInCodeNameTheCommandPartWithoutAValue() {
    assertThatThrownBy(() -> ExternalSettings.of(Arrays.asList("python3", null), folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "agent.external.command[1] has no value; write one, or \"\" for an empty string");
  }

  @Test
  void modelSettingsMadeInCodeNameTheToolWithoutAValue() {
    ModelSettings settings = ModelSettings.of(ModelApi.OPENAI, "m", "T");

    assertThatThrownBy(() -> settings.withTools(Arrays.asList("read", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("agent.model.tools[1] has no value; name a tool such as read");
  }

  private Path write(String yaml) throws IOException {
    Path file = folder.resolve("s.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
