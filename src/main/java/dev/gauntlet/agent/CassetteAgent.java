package dev.gauntlet.agent;

import dev.gauntlet.agent.cassette.CassetteSession;
import dev.gauntlet.agent.model.MeteredAgent;
import dev.gauntlet.agent.model.ModelUsage;

/**
 * Drive a model agent through a cassette session, and end the session, writing a recording, when
 * the agent is closed.
 */
final class CassetteAgent implements MeteredAgent {

  private final MeteredAgent agent;
  private final CassetteSession session;

  CassetteAgent(MeteredAgent agent, CassetteSession session) {
    this.agent = agent;
    this.session = session;
  }

  @Override
  public Decision decide(Observation observation) {
    return agent.decide(observation);
  }

  @Override
  public ModelUsage usage() {
    return agent.usage();
  }

  @Override
  public void close() {
    try {
      agent.close();
    } finally {
      session.close();
    }
  }
}
