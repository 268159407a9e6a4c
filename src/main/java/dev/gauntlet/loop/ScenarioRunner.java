package dev.gauntlet.loop;

import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.AgentException;
import dev.gauntlet.agent.Agents;
import dev.gauntlet.agent.model.ModelTransport;
import dev.gauntlet.expect.Expectations;
import dev.gauntlet.expect.LatencyChecks;
import dev.gauntlet.expect.RecoveryChecks;
import dev.gauntlet.expect.StepErrorChecks;
import dev.gauntlet.network.MockServer;
import dev.gauntlet.network.Network;
import dev.gauntlet.network.Policy;
import dev.gauntlet.recovery.RecoveryAnalysis;
import dev.gauntlet.recovery.RecoveryPolicy;
import dev.gauntlet.recovery.RecoveryReport;
import dev.gauntlet.sandbox.ToolFaults;
import dev.gauntlet.sandbox.Toolbox;
import dev.gauntlet.sandbox.Workspace;
import dev.gauntlet.sandbox.shell.ShellTool;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.RecoveryExpectation;
import dev.gauntlet.scenario.RecoverySpec;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.time.RunClock;
import dev.gauntlet.time.Seeds;
import dev.gauntlet.trace.TraceWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run one scenario end to end: a fresh workspace, the agent loop with its detectors, the trace, and
 * the expectations. A scenario with {@code repeat: k} runs as k trials, each with a seed derived
 * from the run's base seed, a clock of its own, and its trace at {@code
 * <run>/<id>/trial-<n>/trace.jsonl}. Thread-safe: one runner serves every scenario of a run.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

  private final RunSettings settings;
  private final Toolbox toolbox;
  private @Nullable MockServer mockServer;
  private volatile boolean stopped;

  public ScenarioRunner(RunSettings settings) {
    this.settings = settings;
    this.toolbox = Toolbox.files().with(ShellTool.sandboxed()).with(new WaitTool());
    LOG.info(
        "Run {} uses seed {} and {} time",
        settings.runId(),
        settings.seed(),
        settings.virtualTime() ? "virtual" : "real");
  }

  /** The settings this runner was made with. */
  public RunSettings settings() {
    return settings;
  }

  /** Run the scenario's first trial; see {@link #run(Scenario, int)}. */
  public ScenarioResult run(Scenario scenario) {
    return run(scenario, 1);
  }

  /** Run every trial of the scenario, one after the other. */
  public Trials runTrials(Scenario scenario) {
    List<ScenarioResult> results = new ArrayList<>();
    for (int trial = 1; trial <= scenario.trials(); trial++) {
      results.add(run(scenario, trial));
    }
    return new Trials(scenario, results);
  }

  /**
   * Run one trial of the scenario (1-based) and check its expectations. Trials are independent:
   * each can run alone, in any order, and gives the same trace for the same base seed. Never throws
   * for anything the agent or the scenario does; such failures are in the result.
   *
   * @throws IllegalArgumentException when the trial is not between 1 and the scenario's {@code
   *     repeat}
   */
  public ScenarioResult run(Scenario scenario, int trial) {
    return runTrial(underRunSettings(scenario), trial);
  }

  /** The scenario with the run's recovery settings, when the run has some and it has its own. */
  private Scenario underRunSettings(Scenario scenario) {
    RecoverySpec recovery = settings.recovery();
    return recovery == null || scenario.recovery() == null
        ? scenario
        : scenario.withRecovery(recovery);
  }

  private ScenarioResult runTrial(Scenario scenario, int trial) {
    if (trial < 1 || trial > scenario.trials()) {
      throw new IllegalArgumentException(
          "Scenario '"
              + scenario.id()
              + "' has trials 1 to "
              + scenario.trials()
              + ", not "
              + trial);
    }
    long seed = Seeds.trial(settings.seed(), scenario.id(), trial);
    Path folder = settings.runDir().resolve(scenario.id());
    Path trace =
        (scenario.trials() > 1 ? folder.resolve("trial-" + trial) : folder).resolve("trace.jsonl");
    StageLatencies latencies = new StageLatencies();
    RunClock clock = settings.newClock();
    Workspace workspace;
    try {
      workspace = Workspace.create(scenario.id());
    } catch (IOException e) {
      return harnessFailure(
          scenario, trial, seed, trace, "Cannot create the workspace: " + e, latencies);
    }

    long start = System.nanoTime();
    AgentLoop.End end;
    List<Finding> findings = List.of();
    List<String> failures = new ArrayList<>();
    String scope = scenario.trials() > 1 ? scenario.id() + "#" + trial : scenario.id();
    try (TraceWriter writer = TraceWriter.open(trace, seed, trial);
        NetworkSession network =
            NetworkSession.open(
                network(scenario),
                this::mockServer,
                scope,
                trace.resolveSibling("egress.jsonl"),
                clock,
                seed)) {
      AgentLoop.End seedFailure = seed(scenario, workspace);
      if (seedFailure != null) {
        end = seedFailure;
      } else {
        AgentLoop loop =
            new AgentLoop(
                ToolFaults.inject(network.tools(toolbox), scenario.faults()),
                workspace,
                writer,
                latencies,
                clock,
                seed,
                scenario.detect());
        loop.stopWhen(() -> stopped);
        RecoverySpec recovery = scenario.recovery();
        loop.recoverWith(recovery == null ? null : RecoveryPolicy.of(recovery, seed));
        end = runLoop(scenario, loop, seed, network.modelTransport());
        findings = loop.findings();
      }
      writer.finish(end.outcome(), end.message());
      // The scope's records and mock usage are gone once it closes, so its checks run here.
      failures.addAll(network.check(scenario.expect().network()));
    } catch (RuntimeException e) {
      LOG.warn("Scenario '{}' could not write its trace", scenario.id(), e);
      end = new AgentLoop.End(Outcome.ERROR, "The harness failed: " + e, 0, true);
    }
    Duration wallTime = Duration.ofNanos(System.nanoTime() - start);

    // A stopped run ended where the stop found it, not where the agent would have: judging it
    // would pass a scenario that expects an error and fail every other.
    if (end.stopped()) {
      failures.clear();
    } else {
      findings = judge(scenario, end, trace, workspace, latencies, findings, failures);
    }
    boolean keep =
        !failures.isEmpty()
            || end.stopped()
            || settings.keepWorkspaces()
            || scenario.keepWorkspace();
    if (keep) {
      workspace.keep();
    }
    close(workspace);
    return new ScenarioResult(
        scenario,
        trial,
        seed,
        end.outcome(),
        end.message(),
        end.steps(),
        wallTime,
        clock.elapsed(),
        end.harnessFault(),
        end.stopped(),
        findings,
        trace,
        workspace.root(),
        keep,
        failures,
        latencies);
  }

  /** Add every failed expectation to {@code failures}; return the findings, recovery's included. */
  private List<Finding> judge(
      Scenario scenario,
      AgentLoop.End end,
      Path trace,
      Workspace workspace,
      StageLatencies latencies,
      List<Finding> findings,
      List<String> failures) {
    List<Finding> all = new ArrayList<>(findings);
    RecoveryExpectation recovery = scenario.expect().recovery();
    if (scenario.recovery() != null || recovery != null) {
      failures.addAll(judgeRecovery(scenario, trace, recovery, all));
    }
    failures.addAll(
        0,
        Expectations.check(
            scenario.expect(),
            new Expectations.Ending(end.outcome(), end.message(), end.steps(), all),
            workspace));
    failures.addAll(LatencyChecks.check(scenario.expect().latency(), latencies));
    failures.addAll(StepErrorChecks.check(scenario.expect().errors(), trace));
    return all;
  }

  /**
   * Stop the run: every scenario running ends with its current step, whose action, if still
   * running, is interrupted (a command killed with its processes, a wait or a request cut short)
   * and traced with the reason {@code stopped}; one started later ends before its first step.
   * Returns at once; the loops notice the stop within a fraction of a second.
   */
  public void stop() {
    stopped = true;
  }

  /** The scenario's network, under the run's policy when the settings name one. */
  private @Nullable Network network(Scenario scenario) {
    Network network = scenario.network();
    Policy policy = settings.policy();
    return network == null || policy == null ? network : network.withPolicy(policy);
  }

  /** Start the mock server on first use: a run without network never pays for it. */
  private synchronized MockServer mockServer() {
    MockServer server = mockServer;
    if (server == null) {
      server = MockServer.start();
      mockServer = server;
    }
    return server;
  }

  /** Stop the mock server, if a scenario started it. */
  @Override
  public synchronized void close() {
    MockServer server = mockServer;
    mockServer = null;
    if (server != null) {
      server.close();
    }
  }

  /** Return the result of a trial the harness could not even start. */
  private static ScenarioResult harnessFailure(
      Scenario scenario,
      int trial,
      long seed,
      Path trace,
      String message,
      StageLatencies latencies) {
    LOG.warn("Scenario '{}' could not run: {}", scenario.id(), message);
    return new ScenarioResult(
        scenario,
        trial,
        seed,
        Outcome.ERROR,
        "The harness failed: " + message,
        0,
        Duration.ZERO,
        Duration.ZERO,
        true,
        false,
        List.of(),
        trace,
        Path.of(""),
        false,
        List.of("Expecting the harness to run scenario '" + scenario.id() + "', but: " + message),
        latencies);
  }

  /** Seed the workspace; return how the run ended when it could not be, or null to go on. */
  private static AgentLoop.@Nullable End seed(Scenario scenario, Workspace workspace) {
    try {
      workspace.seed(scenario.seeds());
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return new AgentLoop.End(Outcome.ERROR, "Cannot seed the workspace: " + e.getMessage(), 0);
    }
  }

  /**
   * Analyse the trial's recovery from its trace and egress log, adding the findings to {@code
   * findings}; return the failed {@code expect.recovery} checks other than findings.
   */
  private static List<String> judgeRecovery(
      Scenario scenario,
      Path trace,
      @Nullable RecoveryExpectation expectation,
      List<Finding> findings) {
    RecoverySpec policy = scenario.recovery();
    try {
      RecoveryReport report =
          RecoveryAnalysis.analyse(
              trace,
              trace.resolveSibling("egress.jsonl"),
              policy == null ? RecoverySpec.DEFAULT : policy);
      findings.addAll(report.findings());
      return RecoveryChecks.check("the run", expectation, report);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Scenario '{}': cannot analyse its recovery", scenario.id(), e);
      return List.of(
          "Expecting the recovery of scenario '"
              + scenario.id()
              + "' to be analysed from "
              + trace
              + ", but: "
              + e);
    }
  }

  private AgentLoop.End runLoop(
      Scenario scenario, AgentLoop loop, long seed, @Nullable ModelTransport modelTransport) {
    try (Agent agent =
        Agents.create(
            scenario.agent(), scenario.recovery(), seed, loop.toolNames(), modelTransport)) {
      return loop.run(agent, scenario.budget());
    } catch (AgentException e) {
      return new AgentLoop.End(Outcome.ERROR, "The agent could not start: " + e.getMessage(), 0);
    } catch (RuntimeException e) {
      LOG.warn("Scenario '{}' could not run to its end", scenario.id(), e);
      return new AgentLoop.End(Outcome.ERROR, "The harness failed: " + e, 0, true);
    }
  }

  private static void close(Workspace workspace) {
    try {
      workspace.close();
    } catch (IOException e) {
      LOG.warn("Cannot delete the workspace {}: {}", workspace.root(), e.toString());
    }
  }
}
