package dev.gauntlet.loop;

import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.Agents;
import dev.gauntlet.expect.Expectations;
import dev.gauntlet.expect.LatencyChecks;
import dev.gauntlet.network.MockServer;
import dev.gauntlet.sandbox.Toolbox;
import dev.gauntlet.sandbox.Workspace;
import dev.gauntlet.sandbox.shell.ShellTool;
import dev.gauntlet.scenario.Outcome;
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
                scenario.network(),
                this::mockServer,
                scope,
                trace.resolveSibling("egress.jsonl"))) {
      AgentLoop.End seedFailure = seed(scenario, workspace);
      if (seedFailure != null) {
        end = seedFailure;
      } else {
        AgentLoop loop =
            new AgentLoop(
                network.tools(toolbox),
                workspace,
                writer,
                latencies,
                clock,
                seed,
                scenario.detect());
        end = runLoop(scenario, loop);
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

    failures.addAll(
        0,
        Expectations.check(
            scenario.expect(),
            new Expectations.Ending(end.outcome(), end.message(), end.steps(), findings),
            workspace));
    failures.addAll(LatencyChecks.check(scenario.expect().latency(), latencies));
    boolean keep = !failures.isEmpty() || settings.keepWorkspaces() || scenario.keepWorkspace();
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
        findings,
        trace,
        workspace.root(),
        keep,
        failures,
        latencies);
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

  private AgentLoop.End runLoop(Scenario scenario, AgentLoop loop) {
    try (Agent agent = Agents.create(scenario.agent())) {
      return loop.run(agent, scenario.budget());
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
