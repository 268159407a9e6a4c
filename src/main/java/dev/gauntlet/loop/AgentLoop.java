package dev.gauntlet.loop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.sandbox.Toolbox;
import dev.gauntlet.sandbox.Workspace;
import dev.gauntlet.scenario.Budget;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.trace.TraceWriter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Drive an agent through observe, reason, act and verify, one step per pass, until it finishes, breaks the
 * sandbox's rules, fails, or runs out of budget. The loop enforces the budget itself: an agent that ignores
 * its step cap is stopped at the cap.
 */
final class AgentLoop {

  private final Agent agent;
  private final Toolbox toolbox;
  private final Workspace workspace;
  private final TraceWriter trace;
  private final StageLatencies latencies;

  AgentLoop(
      Agent agent,
      Toolbox toolbox,
      Workspace workspace,
      TraceWriter trace,
      StageLatencies latencies) {
    this.agent = agent;
    this.toolbox = toolbox;
    this.workspace = workspace;
    this.trace = trace;
    this.latencies = latencies;
  }

  /** How the loop ended. */
  record End(Outcome outcome, String message, int steps) {}

  End run(Budget budget) {
    long start = System.nanoTime();
    long deadline = start + budget.wallClock().toNanos();
    @Nullable ToolResult previous = null;
    int step = 0;
    while (true) {
      if (step >= budget.steps()) {
        return new End(
            Outcome.BUDGET_EXHAUSTED,
            "The step budget of " + budget.steps() + " was spent before the agent finished.",
            step);
      }
      if (System.nanoTime() - deadline > 0) {
        return new End(
            Outcome.BUDGET_EXHAUSTED,
            "The wall-clock budget of " + budget.wallClock() + " ran out after step " + step + ".",
            step);
      }
      step++;
      long[] nanos = new long[Stage.values().length];
      long stepStart = System.nanoTime();

      Observation observation = new Observation(step, previous, budget.steps() - step + 1);
      long reasonStart = System.nanoTime();
      nanos[Stage.OBSERVE.ordinal()] = reasonStart - stepStart;

      Decision decision;
      try {
        decision = agent.decide(observation);
      } catch (RuntimeException e) {
        return new End(Outcome.ERROR, "The agent failed at step " + step + ": " + describe(e), step - 1);
      }
      long actStart = System.nanoTime();
      nanos[Stage.REASON.ordinal()] = actStart - reasonStart;

      if (decision instanceof Decision.Finish finish) {
        record(new StepRecord(step, stepStart - start, finishAction(finish), null, Effect.NONE, nanos));
        return new End(finish.outcome(), finish.message(), step);
      }
      Action action = ((Decision.Act) decision).action();
      Tool.Execution execution = execute(action);
      long verifyStart = System.nanoTime();
      nanos[Stage.ACT.ordinal()] = verifyStart - actStart;

      Effect effect = execution.verify();
      nanos[Stage.VERIFY.ordinal()] = System.nanoTime() - verifyStart;

      ToolResult result = execution.result();
      record(new StepRecord(step, stepStart - start, action, result, effect, nanos));
      if (result.status() == ToolResult.Status.REFUSED) {
        return new End(Outcome.POLICY_VIOLATION, refusal(step, action, result), step);
      }
      previous = result;
    }
  }

  private Tool.Execution execute(Action action) {
    Optional<Tool> tool = toolbox.find(action.tool());
    if (tool.isEmpty()) {
      return failed(
          ToolResult.error(
              "unknown_tool",
              "There is no tool '" + action.tool() + "'; the tools are " + toolbox.names() + "."));
    }
    try {
      return tool.get().execute(action, workspace);
    } catch (RuntimeException e) {
      // A tool must return errors as results; one that throws is a harness bug, shown to the agent alike.
      return failed(ToolResult.error("tool_failure", "The tool failed: " + describe(e)));
    }
  }

  private void record(StepRecord step) {
    for (Stage stage : Stage.values()) {
      latencies.record(stage, step.nanos(stage));
    }
    trace.add(step);
  }

  private static Tool.Execution failed(ToolResult result) {
    return new Tool.Execution() {
      @Override
      public ToolResult result() {
        return result;
      }

      @Override
      public Effect verify() {
        return Effect.NONE;
      }
    };
  }

  private static Action finishAction(Decision.Finish finish) {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    arguments.put("outcome", finish.outcome().key());
    arguments.put("message", finish.message());
    return new Action("finish", arguments);
  }

  private static String refusal(int step, Action action, ToolResult result) {
    String path = result.data().path("path").asText("");
    return "Step "
        + step
        + " was refused by the sandbox ("
        + result.reason()
        + "): "
        + action.tool()
        + (path.isEmpty() ? "" : " '" + path + "'")
        + ". "
        + result.output();
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getName() : message;
  }
}
