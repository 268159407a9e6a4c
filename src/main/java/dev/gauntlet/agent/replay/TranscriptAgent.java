package dev.gauntlet.agent.replay;

import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.scenario.Outcome;
import java.nio.file.Path;
import java.util.List;

/**
 * Act a transcript's actions one per step, whatever the sandbox answers, then finish with success:
 * the replay shows how the recorded run fares in Gauntlet's workspace, not how the agent would
 * adapt.
 */
final class TranscriptAgent implements Agent {

  private final Path file;
  private final List<Action> actions;
  private int next;

  TranscriptAgent(Path file, List<Action> actions) {
    this.file = file;
    this.actions = List.copyOf(actions);
  }

  @Override
  public Decision decide(Observation observation) {
    if (next >= actions.size()) {
      return Decision.finish(
          Outcome.SUCCESS,
          "The transcript "
              + file.getFileName()
              + " ran to its end after "
              + actions.size()
              + " actions.");
    }
    Action action = actions.get(next++);
    return Decision.act(new Action(action.tool(), action.arguments().deepCopy()));
  }
}
