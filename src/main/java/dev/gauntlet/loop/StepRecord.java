package dev.gauntlet.loop;

import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.model.ModelUsage;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.ToolResult;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Record one step of the loop: what the agent did, what came of it, and how long each stage took.
 *
 * @param number 1-based
 * @param startNanos when the step began, in real nanoseconds since the run began
 * @param simulatedNanos when the step began on the run's clock: in virtual time, the sum of the
 *     waits so far; never mixed with real time
 * @param action the action; a finish is recorded as the action {@code finish}, a failed exchange
 *     with the model as {@code model}, and a step on which the agent itself failed (it threw, or
 *     was still deciding at the reason stage's deadline) as {@code agent}
 * @param result the tool's result, or null for a finish; for {@code model} and {@code agent}, an
 *     error naming why the agent did not decide
 * @param effect what the verify stage found
 * @param stageNanos the time of each stage, indexed by {@link Stage#ordinal()}
 * @param timedOut the stage that ran past its deadline in this step, or null
 * @param findings the findings that began at this step
 * @param usage what the reason stage cost a model-backed agent (tokens, bytes sent), or null for an
 *     agent that does not report it
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StepRecord(
    int number,
    long startNanos,
    long simulatedNanos,
    Action action,
    @Nullable ToolResult result,
    Effect effect,
    long[] stageNanos,
    @Nullable Stage timedOut,
    List<Finding> findings,
    @Nullable ModelUsage usage) {

  public StepRecord {
    findings = List.copyOf(findings);
  }

  /** Record a step of an agent that reports no usage. */
  public StepRecord(
      int number,
      long startNanos,
      long simulatedNanos,
      Action action,
      @Nullable ToolResult result,
      Effect effect,
      long[] stageNanos,
      @Nullable Stage timedOut,
      List<Finding> findings) {
    this(
        number,
        startNanos,
        simulatedNanos,
        action,
        result,
        effect,
        stageNanos,
        timedOut,
        findings,
        null);
  }

  /** The time one stage took, in nanoseconds. */
  public long nanos(Stage stage) {
    return stageNanos[stage.ordinal()];
  }
}
