package dev.gauntlet.agent.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.AgentException;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.scenario.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaAgentsTests {

  /** An agent with a no-argument constructor. */
  public static final class Quitter implements Agent {
    @Override
    public Decision decide(Observation observation) {
      return Decision.finish(Outcome.GAVE_UP, "no");
    }
  }

  /** An agent configured by the scenario. */
  public static final class Configured implements Agent {
    private final Map<String, Object> config;

    public Configured(Map<String, Object> config) {
      this.config = config;
    }

    public Configured() {
      this(Map.of("from", "no-arg"));
    }

    @Override
    public Decision decide(Observation observation) {
      return Decision.finish(Outcome.SUCCESS, String.valueOf(config.get("greeting")));
    }
  }

  /** Not an agent at all. */
  public static final class NotAnAgent {}

  /** An agent that needs something the scenario cannot give. */
  public static final class NeedsAPort implements Agent {
    public NeedsAPort(int port) {}

    @Override
    public Decision decide(Observation observation) {
      return Decision.finish(Outcome.SUCCESS, "");
    }
  }

  /** An agent whose constructor fails. */
  public static final class Broken implements Agent {
    public Broken() {
      throw new IllegalStateException("no model configured");
    }

    @Override
    public Decision decide(Observation observation) {
      return Decision.finish(Outcome.SUCCESS, "");
    }
  }

  private static Agent create(Class<?> type, Map<String, Object> config) {
    return JavaAgents.create(type.getName(), config, JavaAgentsTests.class.getClassLoader());
  }

  @Test
  void createsAnAgentWithANoArgumentConstructor() {
    Agent agent = create(Quitter.class, Map.of());

    assertThat(agent.decide(new Observation(1, null, 1)))
        .isEqualTo(Decision.finish(Outcome.GAVE_UP, "no"));
  }

  @Test
  void prefersTheConstructorThatTakesTheConfig() {
    Agent agent = create(Configured.class, Map.of("greeting", "hello"));

    assertThat(agent.decide(new Observation(1, null, 1)))
        .isEqualTo(Decision.finish(Outcome.SUCCESS, "hello"));
  }

  @Test
  void aMissingClassIsNamed() {
    assertThatThrownBy(
            () -> JavaAgents.create("com.example.Nope", Map.of(), getClass().getClassLoader()))
        .isInstanceOf(AgentException.class)
        .hasMessage(
            "The agent class 'com.example.Nope' is not on the class path; check"
                + " agent.java.class, and that the class is compiled with the tests or, from"
                + " ./gauntlet run, on its --class-path.");
  }

  @Test
  void aClassThatIsNotAnAgentIsRefused() {
    assertThatThrownBy(() -> create(NotAnAgent.class, Map.of()))
        .hasMessage(
            "The class '"
                + NotAnAgent.class.getName()
                + "' does not implement dev.gauntlet.agent.Agent.");
  }

  @Test
  void aClassWithoutAUsableConstructorIsRefused() {
    assertThatThrownBy(() -> create(NeedsAPort.class, Map.of()))
        .hasMessage(
            "The agent class '"
                + NeedsAPort.class.getName()
                + "' has no public constructor taking a Map<String, Object> or nothing.");
  }

  @Test
  void aConstructorThatThrowsIsReportedWithItsReason() {
    assertThatThrownBy(() -> create(Broken.class, Map.of()))
        .isInstanceOf(AgentException.class)
        .hasMessage(
            "The constructor of the agent class '"
                + Broken.class.getName()
                + "' threw java.lang.IllegalStateException: no model configured.");
  }
}
