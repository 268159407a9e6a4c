package dev.gauntlet.scenario;

import dev.gauntlet.network.Network;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describe one scenario: an agent, the workspace it starts with, its budget, and what must hold at
 * the end. Build one with {@link ScenarioLoader}, which validates every part.
 *
 * @param id stable and unique across a run; unique ids of tests derive from it, so reruns survive
 *     edits
 * @param name a sentence for people
 * @param tags free labels; they become JUnit tags
 * @param seeds the files the workspace starts with
 * @param keepWorkspace keep the workspace after a passing run too (a failing run's is always kept)
 * @param network the network policy and mocks of the {@code http} tool, or null for no network
 * @param detect the detectors' settings
 * @param trials how many times the scenario runs ({@code repeat}), each trial with its own seed
 * @param recovery how the agent recovers from failed requests, and what the recovery analysis
 *     judges its retries by; null when the scenario has no {@code recovery} section
 * @param faults the tool failures the harness injects during the run ({@code faults}); empty for
 *     none
 * @param exclusive the names of shared resources ({@code exclusive}) the scenario must hold alone:
 *     in a parallel run, no two scenarios naming the same resource run at the same time
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Scenario(
    String id,
    String name,
    List<String> tags,
    Budget budget,
    List<SeedFile> seeds,
    boolean keepWorkspace,
    AgentSpec agent,
    ExpectSpec expect,
    Origin origin,
    @Nullable Network network,
    DetectSpec detect,
    int trials,
    @Nullable RecoverySpec recovery,
    List<ToolFault> faults,
    List<String> exclusive) {

  public Scenario {
    tags = List.copyOf(tags);
    seeds = List.copyOf(seeds);
    faults = List.copyOf(faults);
    exclusive = List.copyOf(exclusive);
    if (trials < 1) {
      throw new IllegalArgumentException("A scenario runs at least once, not " + trials + " times");
    }
  }

  /**
   * Describe a scenario with the defaults for everything else: no network, the default detectors,
   * one trial, no recovery policy, no injected faults, no exclusive resources. Handy for scenarios
   * built in Java.
   */
  public Scenario(
      String id,
      String name,
      List<String> tags,
      Budget budget,
      List<SeedFile> seeds,
      boolean keepWorkspace,
      AgentSpec agent,
      ExpectSpec expect,
      Origin origin) {
    this(
        id,
        name,
        tags,
        budget,
        seeds,
        keepWorkspace,
        agent,
        expect,
        origin,
        null,
        DetectSpec.DEFAULT,
        1,
        null,
        List.of(),
        List.of());
  }

  /** Return this scenario with other recovery settings, everything else the same. */
  public Scenario withRecovery(RecoverySpec other) {
    return new Scenario(
        id,
        name,
        tags,
        budget,
        seeds,
        keepWorkspace,
        agent,
        expect,
        origin,
        network,
        detect,
        trials,
        other,
        faults,
        exclusive);
  }
}
