package dev.gauntlet.loop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.AgentException;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.agent.model.MeteredAgent;
import dev.gauntlet.agent.model.ModelCallException;
import dev.gauntlet.agent.model.ModelException;
import dev.gauntlet.agent.model.ModelOutputException;
import dev.gauntlet.agent.model.ModelUsage;
import dev.gauntlet.recovery.Failure;
import dev.gauntlet.recovery.RecoveryPolicy;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.sandbox.Toolbox;
import dev.gauntlet.sandbox.Workspace;
import dev.gauntlet.scenario.Budget;
import dev.gauntlet.scenario.DetectSpec;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.StageDeadlines;
import dev.gauntlet.time.RunClock;
import dev.gauntlet.time.Seeds;
import dev.gauntlet.trace.TraceWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Drive an agent through observe, reason, act and verify, one step per pass, until it finishes,
 * breaks the sandbox's rules, fails, or runs out of budget. The loop enforces the budget itself: an
 * agent that ignores its step cap is stopped at the cap. Detectors watch every step as it ends.
 *
 * <p>A stage's time, for its deadline, is its real time plus, in virtual time, the simulated time
 * its waits took: a wait of ten minutes is ten minutes to a deadline, though it takes none.
 */
final class AgentLoop {

  /**
   * How long past the act stage's deadline the loop still waits for a tool, which is told the
   * deadline and should stop by then, before abandoning it.
   */
  static final Duration ACT_GRACE = Duration.ofSeconds(2);

  /** The action a step whose exchange with the model failed is traced under. */
  static final String MODEL_ACTION = "model";

  /**
   * The action a step on which the agent itself failed is traced under: it threw, its program died
   * or answered garbage, or it was still deciding at the reason stage's deadline.
   */
  static final String AGENT_ACTION = "agent";

  /** The reason code of a step on which the agent threw instead of deciding. */
  static final String AGENT_FAILURE = "agent_failure";

  /** The reason code of a step whose stage was still running at its deadline and was abandoned. */
  static final String DEADLINE = "deadline";

  /** The reason code of a step whose action was cut short because the run was stopped. */
  static final String STOPPED = "stopped";

  /**
   * How long a tool interrupted by a stop may take to end what it started (a command's process tree
   * is killed and waited for) and return, before the loop abandons it.
   */
  static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final Toolbox toolbox;
  private final Workspace workspace;
  private final TraceWriter trace;
  private final StageLatencies latencies;
  private final RunClock clock;
  private final long seed;
  private final StageDeadlines deadlines;
  private final Detectors detectors;
  private @Nullable RecoveryPolicy recovery;
  private int failedModelCalls;
  private Duration firstModelFailure = Duration.ZERO;
  private BooleanSupplier stopRequested = () -> false;
  private boolean cutShort;

  AgentLoop(
      Toolbox toolbox,
      Workspace workspace,
      TraceWriter trace,
      StageLatencies latencies,
      RunClock clock,
      long seed,
      DetectSpec detect) {
    this.toolbox = toolbox;
    this.workspace = workspace;
    this.trace = trace;
    this.latencies = latencies;
    this.clock = clock;
    this.seed = seed;
    this.deadlines = detect.deadlines();
    this.detectors = new Detectors(detect);
  }

  /**
   * Recover from failed model calls by this policy: a retryable failure waits on the run's clock
   * and the agent decides again, sending the same request; without a policy a failed call ends the
   * run.
   */
  AgentLoop recoverWith(@Nullable RecoveryPolicy policy) {
    this.recovery = policy;
    return this;
  }

  /**
   * How the loop ended.
   *
   * @param harnessFault whether the harness itself failed, not the agent: such a trial is counted
   *     apart
   * @param stopped whether the run was stopped from outside (fail-fast, an interrupt) before the
   *     agent ended it: such a trial has no verdict
   */
  record End(Outcome outcome, String message, int steps, boolean harnessFault, boolean stopped) {

    End(Outcome outcome, String message, int steps, boolean harnessFault) {
      this(outcome, message, steps, harnessFault, false);
    }

    End(Outcome outcome, String message, int steps) {
      this(outcome, message, steps, false);
    }

    static End stopped(String message, int steps) {
      return new End(Outcome.ERROR, message, steps, false, true);
    }
  }

  /**
   * Check {@code stop} before each step and while an action runs, and end the run when it says so.
   * An action still running is interrupted (a command is killed with its processes, a wait or a
   * request is cut short) and its step is traced with the reason {@code stopped}, so that a stop
   * never waits for a long action and the trace is complete up to the step it cut short.
   */
  AgentLoop stopWhen(BooleanSupplier stop) {
    this.stopRequested = stop;
    return this;
  }

  /** Return the names of the tools the agent may use. */
  List<String> toolNames() {
    return toolbox.names();
  }

  /** Return what the detectors found so far. */
  List<Finding> findings() {
    return detectors.all();
  }

  End run(Agent agent, Budget budget) {
    try (Watchdog watchdog = new Watchdog()) {
      return run(agent, budget, watchdog);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return End.stopped("The run was interrupted.", 0);
    }
  }

  private End run(Agent agent, Budget budget, Watchdog watchdog) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + budget.wallClock().toNanos();
    @Nullable ToolResult previous = null;
    int step = 0;
    long tokens = 0;
    while (true) {
      if (stopRequested.getAsBoolean()) {
        return End.stopped("The run was stopped after step " + step + " of this scenario.", step);
      }
      if (budget.tokens() > 0 && tokens >= budget.tokens()) {
        return new End(
            Outcome.BUDGET_EXHAUSTED,
            "The token budget of "
                + budget.tokens()
                + " was spent ("
                + tokens
                + " tokens used) before the agent finished.",
            step);
      }
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
      Stopwatch watch = new Stopwatch(step);
      long stepStart = System.nanoTime();
      long simulatedStart = clock.elapsed().toNanos();

      Observation observation = new Observation(step, previous, budget.steps() - step + 1);
      watch.lap(Stage.OBSERVE, "Building the observation");

      Decision decision;
      try {
        decision = decide(agent, observation, watchdog);
        failedModelCalls = 0;
      } catch (ModelException e) {
        // The failed call is a step of its own, so the trace shows every attempt and its time.
        watch.lap(Stage.REASON, "The agent's decision");
        recordUndecided(
            step, stepStart - start, simulatedStart, watch, MODEL_ACTION, modelFailure(e), agent);
        RecoveryPolicy.Decision next = recover(e);
        if (next instanceof RecoveryPolicy.Retry retry) {
          wait(retry.after());
          continue;
        }
        if (next instanceof RecoveryPolicy.NotRetried notRetried) {
          // Without the model's reply a model agent has no next action to go on with.
          next = new RecoveryPolicy.GiveUp(notRetried.reason());
        }
        if (next instanceof RecoveryPolicy.GiveUp giveUp) {
          return new End(
              Outcome.GAVE_UP,
              "The model call at step "
                  + step
                  + " failed and the agent gave up: "
                  + giveUp.reason(),
              step);
        }
        return new End(Outcome.ERROR, modelError(step, e), step);
      } catch (RuntimeException e) {
        // The step the agent failed on is traced and counted like any other: its reason stage
        // shows how long the agent took to fail.
        watch.lap(Stage.REASON, "The agent's decision");
        String failure = agentFailure(e);
        recordUndecided(
            step,
            stepStart - start,
            simulatedStart,
            watch,
            AGENT_ACTION,
            ToolResult.error(AGENT_FAILURE, failure),
            agent);
        return new End(Outcome.ERROR, "The agent failed at step " + step + ": " + failure, step);
      }
      if (decision == null) {
        watch.lap(Stage.REASON, "The agent's decision");
        String limit = Clocks.format(requireDeadline(Stage.REASON));
        recordUndecided(
            step,
            stepStart - start,
            simulatedStart,
            watch,
            AGENT_ACTION,
            ToolResult.error(
                DEADLINE,
                "The agent was still deciding at the reason stage's deadline of "
                    + limit
                    + " and was abandoned."),
            agent);
        return new End(
            Outcome.ERROR,
            "The agent was still deciding at the reason stage's deadline of "
                + limit
                + " in step "
                + step
                + ".",
            step);
      }
      watch.lap(Stage.REASON, "The agent's decision");
      ModelUsage usage = usage(agent);
      tokens += usage == null ? 0 : usage.totalTokens();

      if (decision instanceof Decision.Finish finish) {
        record(
            new StepRecord(
                step,
                stepStart - start,
                simulatedStart,
                finishAction(finish),
                null,
                Effect.NONE,
                watch.nanos,
                watch.timedOut,
                detectors.begun(),
                usage));
        return new End(finish.outcome(), finish.message(), step);
      }
      Action action = ((Decision.Act) decision).action();
      Tool.Execution execution = act(step, action, watchdog);
      watch.lap(Stage.ACT, "The action " + action.tool());

      Effect effect = execution.verify();
      watch.lap(Stage.VERIFY, "Verifying the effect");

      ToolResult result = execution.result();
      detectors.observe(step, action, result, effect);
      record(
          new StepRecord(
              step,
              stepStart - start,
              simulatedStart,
              action,
              result,
              effect,
              watch.nanos,
              watch.timedOut,
              detectors.begun(),
              usage));
      if (cutShort) {
        return End.stopped(
            "The run was stopped during step "
                + step
                + " of this scenario, cutting its "
                + action.tool()
                + " action short.",
            step);
      }
      if (result.status() == ToolResult.Status.REFUSED && refusalEndsRun(action)) {
        return new End(Outcome.POLICY_VIOLATION, refusal(step, action, result), step);
      }
      previous = result;
    }
  }

  /** Return the agent's decision, or null when the reason stage's deadline passed first. */
  private @Nullable Decision decide(Agent agent, Observation observation, Watchdog watchdog)
      throws InterruptedException {
    Duration limit = deadlines.reason();
    if (limit == null) {
      return agent.decide(observation);
    }
    return watchdog.within(limit, () -> agent.decide(observation));
  }

  private Tool.Execution act(int step, Action action, Watchdog watchdog)
      throws InterruptedException {
    Optional<Tool> tool = toolbox.find(action.tool());
    if (tool.isEmpty()) {
      return failed(
          ToolResult.error(
              "unknown_tool",
              "There is no tool '" + action.tool() + "'; the tools are " + toolbox.names() + "."));
    }
    Duration limit = deadlines.act();
    Tool.Context context = new Tool.Context(step, clock, Seeds.step(seed, step), limit);
    // Always on a watchdog thread, so that a stop can interrupt the action without interrupting
    // the loop, which must still trace the step.
    Watchdog.Ending<Tool.Execution> ending =
        watchdog.until(
            limit == null ? null : limit.plus(ACT_GRACE),
            stopRequested,
            STOP_GRACE,
            () -> execute(tool.get(), action, context));
    if (ending.stopped()) {
      cutShort = true;
      return stopped(action, ending.value());
    }
    Tool.Execution execution = ending.value();
    if (execution == null) {
      return failed(
          ToolResult.error(
              DEADLINE,
              action.tool()
                  + " was still running at the act stage's deadline of "
                  + Clocks.format(requireDeadline(Stage.ACT))
                  + " and was abandoned."));
    }
    return execution;
  }

  /**
   * Return the execution of an action a stop cut short: an error {@code stopped} that keeps the
   * tool's facts (a command, a URL) and its effect, when the tool returned in time to say them.
   */
  private static Tool.Execution stopped(Action action, Tool.@Nullable Execution interrupted) {
    String message =
        action.tool()
            + (interrupted == null
                ? " did not end when the run was stopped and was abandoned."
                : " was interrupted when the run was stopped.");
    if (interrupted == null) {
      return failed(ToolResult.error(STOPPED, message));
    }
    ToolResult result =
        new ToolResult(
            ToolResult.Status.ERROR, message, STOPPED, interrupted.result().data().deepCopy());
    return new Tool.Execution() {
      @Override
      public ToolResult result() {
        return result;
      }

      @Override
      public Effect verify() {
        return interrupted.verify();
      }
    };
  }

  private Tool.Execution execute(Tool tool, Action action, Tool.Context context) {
    try {
      return tool.execute(action, workspace, context);
    } catch (RuntimeException e) {
      // A tool must return errors as results; one that throws is a harness bug, shown to the agent
      // alike.
      return failed(ToolResult.error("tool_failure", "The tool failed: " + describe(e)));
    }
  }

  /** Return what the agent's latest decision cost, or null when it does not say. */
  private static @Nullable ModelUsage usage(Agent agent) {
    return agent instanceof MeteredAgent metered ? metered.usage() : null;
  }

  /** Ask the recovery policy about a failed model call; null when there is no policy to ask. */
  private RecoveryPolicy.@Nullable Decision recover(ModelException e) {
    RecoveryPolicy policy = recovery;
    if (policy == null || !(e instanceof ModelCallException call)) {
      return null;
    }
    if (failedModelCalls++ == 0) {
      firstModelFailure = clock.elapsed();
    }
    return policy.decide(failedModelCalls, failure(call), clock.elapsed().minus(firstModelFailure));
  }

  private static Failure failure(ModelCallException call) {
    Failure.Kind kind =
        switch (call.kind()) {
          case RATE_LIMITED -> Failure.Kind.RATE_LIMITED;
          case SERVER_ERROR -> Failure.Kind.SERVER_ERROR;
          case TIMEOUT, CONNECTION -> Failure.Kind.TRANSPORT;
          case CONTEXT_LENGTH_EXCEEDED -> Failure.Kind.CONTEXT_LENGTH;
          case DENIED -> Failure.Kind.DENIED;
          default -> Failure.Kind.REJECTED;
        };
    String status =
        call.status() > 0
            ? "HTTP " + call.status()
            : call.kind() == ModelCallException.Kind.DENIED
                ? "a denial by the network policy"
                : call.reason();
    return new Failure(kind, call.status(), call.retryAfter().orElse(null), status);
  }

  private void wait(Duration duration) {
    try {
      clock.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ToolResult modelFailure(ModelException e) {
    ToolResult result =
        ToolResult.error(e.reason(), describe(e)).with("retryable", e.retryable() ? 1 : 0);
    if (e instanceof ModelCallException call && call.status() > 0) {
      result = result.with("status", call.status());
    }
    if (e instanceof ModelCallException call && call.retryAfter().isPresent()) {
      result = result.with("retryAfterMillis", call.retryAfter().get().toMillis());
    }
    return result;
  }

  /** Return the run's message for a failed exchange with the model, naming the step and reason. */
  private static String modelError(int step, ModelException e) {
    String what =
        e instanceof ModelOutputException
            ? "The model's output at step " + step + " could not be acted on"
            : e instanceof ModelCallException call
                    && call.kind() == ModelCallException.Kind.CASSETTE_MISMATCH
                ? "The cassette holds no exchange for the request of step " + step
                : e instanceof ModelCallException call
                        && call.kind() == ModelCallException.Kind.DENIED
                    ? "The network policy denied the model call at step " + step
                    : "The exchange with the model failed at step " + step;
    return what + " (" + e.reason() + "): " + describe(e);
  }

  /**
   * Record a step whose reason stage produced no decision, under the action {@code tool}: nothing
   * was acted, so its act and verify stages took no time and it had no effect.
   */
  private void recordUndecided(
      int step,
      long startNanos,
      long simulatedNanos,
      Stopwatch watch,
      String tool,
      ToolResult result,
      Agent agent) {
    record(
        new StepRecord(
            step,
            startNanos,
            simulatedNanos,
            new Action(tool, JsonNodeFactory.instance.objectNode()),
            result,
            Effect.NONE,
            watch.nanos,
            watch.timedOut,
            detectors.begun(),
            usage(agent)));
  }

  private void record(StepRecord step) {
    for (Stage stage : Stage.values()) {
      latencies.record(stage, step.nanos(stage));
    }
    trace.add(step);
  }

  private Duration requireDeadline(Stage stage) {
    Duration limit = deadlines.of(stage.key());
    if (limit == null) {
      throw new IllegalStateException("The " + stage.key() + " stage has no deadline");
    }
    return limit;
  }

  /**
   * Time the stages of one step, in real nanoseconds, and check each against its deadline, counting
   * the simulated time the stage's waits took.
   */
  private final class Stopwatch {

    final long[] nanos = new long[Stage.values().length];
    final int step;
    @Nullable Stage timedOut;
    private long real = System.nanoTime();
    private long simulated = clock.elapsed().toNanos();

    Stopwatch(int step) {
      this.step = step;
    }

    void lap(Stage stage, String what) {
      long nowReal = System.nanoTime();
      long nowSimulated = clock.elapsed().toNanos();
      nanos[stage.ordinal()] = nowReal - real;
      long waited = clock.isVirtual() ? nowSimulated - simulated : 0;
      real = nowReal;
      simulated = nowSimulated;

      Duration limit = deadlines.of(stage.key());
      Duration took = Duration.ofNanos(nanos[stage.ordinal()] + waited);
      if (limit != null && took.compareTo(limit) >= 0) {
        if (timedOut == null) {
          timedOut = stage;
        }
        detectors.deadline(step, stage, limit, took, what);
      }
    }
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

  /** Whether a refusal of this action breaks the sandbox, or is an answer the agent must handle. */
  private boolean refusalEndsRun(Action action) {
    return toolbox.find(action.tool()).map(Tool::refusalEndsRun).orElse(true);
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

  /**
   * Return why the agent failed: an {@link AgentException}'s own sentence, or else the exception
   * that escaped it, named, since that is a bug in the agent.
   */
  private static String agentFailure(RuntimeException e) {
    return e instanceof AgentException ? describe(e) : e.toString();
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getName() : message;
  }
}
