package com.example.agents;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/** Run every scenario under src/test/resources/scenarios through the Gauntlet engine. */
@Suite
@IncludeEngines("gauntlet")
@SelectDirectories("src/test/resources/scenarios")
@ConfigurationParameter(key = "gauntlet.allure.enabled", value = "false")
class AgentScenariosTest {}
