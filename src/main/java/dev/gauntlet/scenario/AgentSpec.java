package dev.gauntlet.scenario;

import org.apiguardian.api.API;

/** Describe the agent under test, as the scenario's {@code agent} section names it. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface AgentSpec
    permits ScriptedAgentSpec, ModelAgentSpec, ReplayAgentSpec, ExternalAgentSpec, JavaAgentSpec {}
