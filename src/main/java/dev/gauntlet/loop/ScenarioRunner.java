package dev.gauntlet.loop;

import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.Agents;
import dev.gauntlet.expect.Expectations;
import dev.gauntlet.sandbox.Toolbox;
import dev.gauntlet.sandbox.Workspace;
import dev.gauntlet.sandbox.shell.ShellTool;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.trace.TraceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run one scenario end to end: a fresh workspace, the agent loop, the trace, and the expectations.
 * Thread-safe: one runner serves every scenario of a run.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

  private final RunSettings settings;
  private final Toolbox toolbox;

  public ScenarioRunner(RunSettings settings) {
    this.settings = settings;
    this.toolbox = Toolbox.files().with(ShellTool.sandboxed());
  }

  /** The settings this runner was made with. */
  public RunSettings settings() {
    return settings;
  }

  /**
   * Run the scenario and check its expectations. Never throws for anything the agent or the scenario does;
   * such failures are in the result.
   */
  public ScenarioResult run(Scenario scenario) {
    Path trace = settings.runDir().resolve(scenario.id()).resolve("trace.jsonl");
    StageLatencies latencies = new StageLatencies();
    Workspace workspace = createWorkspace(scenario);

    long start = System.nanoTime();
    AgentLoop.End end;
    try (TraceWriter writer = TraceWriter.open(trace)) {
      AgentLoop.End seedFailure = seed(scenario, workspace);
      end = seedFailure != null ? seedFailure : runLoop(scenario, workspace, writer, latencies);
      writer.finish(end.outcome(), end.message());
    }
    Duration wallTime = Duration.ofNanos(System.nanoTime() - start);

    List<String> failures =
        Expectations.check(
            scenario.expect(),
            new Expectations.Ending(end.outcome(), end.message(), end.steps()),
            workspace);
    boolean keep = !failures.isEmpty() || settings.keepWorkspaces() || scenario.keepWorkspace();
    if (keep) {
      workspace.keep();
    }
    close(workspace);
    return new ScenarioResult(
        scenario,
        end.outcome(),
        end.message(),
        end.steps(),
        wallTime,
        trace,
        workspace.root(),
        keep,
        failures,
        latencies);
  }

  /** Create the workspace; a machine that cannot is the harness's failure, not the scenario's. */
  private static Workspace createWorkspace(Scenario scenario) {
    try {
      return Workspace.create(scenario.id());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the workspace of scenario '" + scenario.id() + "'", e);
    }
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

  private AgentLoop.End runLoop(
      Scenario scenario, Workspace workspace, TraceWriter trace, StageLatencies latencies) {
    try (Agent agent = Agents.create(scenario.agent())) {
      return new AgentLoop(agent, toolbox, workspace, trace, latencies).run(scenario.budget());
    } catch (RuntimeException e) {
      LOG.warn("Scenario '{}' could not run to its end", scenario.id(), e);
      return new AgentLoop.End(Outcome.ERROR, "The harness failed: " + e, 0);
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
