package dev.gauntlet.agent;

import dev.gauntlet.agent.cassette.CassetteSession;
import dev.gauntlet.agent.cassette.Cassettes;
import dev.gauntlet.agent.cassette.RecordMode;
import dev.gauntlet.agent.external.ExternalAgents;
import dev.gauntlet.agent.java.JavaAgents;
import dev.gauntlet.agent.model.ModelAgents;
import dev.gauntlet.agent.model.ModelSettings;
import dev.gauntlet.agent.model.ModelTransport;
import dev.gauntlet.agent.replay.Transcripts;
import dev.gauntlet.scenario.AgentSpec;
import dev.gauntlet.scenario.ExternalAgentSpec;
import dev.gauntlet.scenario.JavaAgentSpec;
import dev.gauntlet.scenario.ModelAgentSpec;
import dev.gauntlet.scenario.RecoverySpec;
import dev.gauntlet.scenario.ReplayAgentSpec;
import dev.gauntlet.scenario.ScriptedAgentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Create the agent a scenario's {@code agent} section describes. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Agents {

  private Agents() {}

  /** Create a fresh agent for one run; agents hold state and are never shared between runs. */
  public static Agent create(AgentSpec spec) {
    return create(spec, null, 0);
  }

  /**
   * Create a fresh agent for one trial that recovers from failed requests per {@code recovery}
   * (null for none), drawing its jitter from the trial's {@code seed}.
   */
  public static Agent create(AgentSpec spec, @Nullable RecoverySpec recovery, long seed) {
    return create(spec, recovery, seed, ModelSettings.DEFAULT_TOOLS);
  }

  /**
   * Create a fresh agent for one trial, as {@link #create(AgentSpec, RecoverySpec, long)} does,
   * telling an external agent that {@code tools} are the tools it may use.
   *
   * @throws AgentException when the agent cannot be made: a program that does not start, a class
   *     that is missing, a cassette that cannot be read, a key that is not set
   */
  public static Agent create(
      AgentSpec spec, @Nullable RecoverySpec recovery, long seed, List<String> tools) {
    return create(spec, recovery, seed, tools, null);
  }

  /**
   * Create a fresh agent for one trial, as {@link #create(AgentSpec, RecoverySpec, long, List)}
   * does, sending a model agent's requests through {@code modelTransport}, such as the scenario's
   * egress gateway, unless it replays or records a cassette; null leaves it its own HTTP client.
   *
   * @throws AgentException when the agent cannot be made
   */
  public static Agent create(
      AgentSpec spec,
      @Nullable RecoverySpec recovery,
      long seed,
      List<String> tools,
      @Nullable ModelTransport modelTransport) {
    if (spec instanceof ScriptedAgentSpec scripted) {
      return new ScriptedAgent(scripted.script(), recovery, seed);
    }
    if (spec instanceof ModelAgentSpec model) {
      return model(model, modelTransport);
    }
    if (spec instanceof ReplayAgentSpec replay) {
      return Transcripts.replay(replay.transcript(), replay.tools());
    }
    if (spec instanceof ExternalAgentSpec external) {
      return ExternalAgents.start(external.settings(), tools);
    }
    if (spec instanceof JavaAgentSpec java) {
      ClassLoader loader =
          Objects.requireNonNullElse(
              Thread.currentThread().getContextClassLoader(), Agents.class.getClassLoader());
      return JavaAgents.create(java.className(), java.config(), loader);
    }
    throw new IllegalArgumentException("Unknown kind of agent: " + spec.getClass().getName());
  }

  private static Agent model(ModelAgentSpec spec, @Nullable ModelTransport transport) {
    ModelSettings settings = spec.settings();
    ModelAgentSpec.Cassette cassette = spec.cassette();
    if (cassette == null) {
      return ModelAgents.create(settings, System::getenv, transport);
    }
    // A cassette is the model's whole world: its exchanges never meet the scenario's network.
    RecordMode override = RecordMode.override();
    RecordMode mode = override != null ? override : cassette.record();
    List<String> secrets = new ArrayList<>();
    String variable = settings.keyVariable();
    String key = variable == null ? null : System.getenv(variable);
    if (key != null && !key.isBlank()) {
      secrets.add(key);
    }
    CassetteSession session = Cassettes.open(cassette.file(), mode, settings.baseUrl(), secrets);
    try {
      ModelSettings local = settings.withBaseUrl(session.baseUrl());
      // A replay sends no key: it needs none, and CI has none.
      if (!session.recording()) {
        local = local.withKeyVariable(null);
      }
      return new CassetteAgent(ModelAgents.create(local), session);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }
}
