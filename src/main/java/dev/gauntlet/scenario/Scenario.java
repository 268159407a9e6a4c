package dev.gauntlet.scenario;

import java.util.List;
import org.apiguardian.api.API;

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
    Origin origin) {

  public Scenario {
    tags = List.copyOf(tags);
    seeds = List.copyOf(seeds);
  }
}
