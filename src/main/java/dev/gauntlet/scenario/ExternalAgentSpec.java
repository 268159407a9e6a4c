package dev.gauntlet.scenario;

import dev.gauntlet.agent.external.ExternalSettings;
import org.apiguardian.api.API;

/**
 * Run a program of the user's that speaks Gauntlet's JSON-lines protocol, as {@code agent.external}
 * describes it.
 *
 * @param settings the command, run in the scenario's folder, and its deadlines
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ExternalAgentSpec(ExternalSettings settings) implements AgentSpec {}
