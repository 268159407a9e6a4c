package dev.gauntlet.agent.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.scenario.LoadResult;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load a Java agent's {@code config} from real scenario files, and hand it to the agent. */
class JavaAgentConfigTests {

  /** An agent that says what its config holds. */
  public static final class Echo implements Agent {

    private final Map<String, Object> config;

    public Echo(Map<String, Object> config) {
      this.config = config;
    }

    @Override
    public Decision decide(Observation observation) {
      return Decision.finish(Outcome.SUCCESS, String.valueOf(config));
    }
  }

  @TempDir Path folder;

  @Test
  void aSettingWithoutAValueIsRefusedWhenTheFileLoads() throws IOException {
    Path file =
        write(
            "id: s\nagent:\n  java:\n    class: x.Y\n    config:\n      depth: 3\n      mode: ~\n");

    LoadResult loaded = new ScenarioLoader().loadAll(List.of(file));

    assertThat(loaded.scenarios()).isEmpty();
    assertThat(loaded.problems())
        .extracting(Problem::toString)
        .singleElement(STRING)
        .matches(Pattern.quote(file.toString()) + ":7:\\d+ .*")
        .endsWith(
            " agent.java.config.mode: the setting has no value; write one, or \"\" for an"
                + " empty string");
  }

  @Test
  void everyNestedSettingWithoutAValueIsNamed() throws IOException {
    Path file =
        write(
            "id: s\nagent:\n  java:\n    class: x.Y\n    config:\n      modes: [fast, ~]\n"
                + "      limits: { steps: null }\n");

    LoadResult loaded = new ScenarioLoader().loadAll(List.of(file));

    assertThat(loaded.problems())
        .extracting(Problem::keyPath, Problem::line)
        .containsExactly(
            tuple("agent.java.config.modes[1]", 6), tuple("agent.java.config.limits.steps", 7));
  }

  @Test
  void anEmptyStringIsAValue() throws IOException {
    Path file = write("id: s\nagent: { java: { class: x.Y, config: { mode: \"\" } } }\n");

    LoadResult loaded = new ScenarioLoader().loadAll(List.of(file));

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.scenarios()).hasSize(1);
  }

  @Test
  void aConfigMadeInCodeMayHoldNulls() {
    Map<String, Object> config = new HashMap<>();
    config.put("mode", null);

    Agent agent =
        JavaAgents.create(
            Echo.class.getName(), config, JavaAgentConfigTests.class.getClassLoader());

    assertThat(((Decision.Finish) agent.decide(new Observation(1, null, 10))).message())
        .isEqualTo("{mode=null}");
  }

  private Path write(String yaml) throws IOException {
    Path file = folder.resolve("s.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
