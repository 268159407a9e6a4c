package dev.gauntlet.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Create a user's class implementing {@code Agent}, as {@code agent.java} names it.
 *
 * @param className the class's binary name, loaded from the test class path
 * @param config the settings passed to a constructor that takes a map: strings, numbers, booleans,
 *     lists and maps, as YAML wrote them
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record JavaAgentSpec(String className, Map<String, Object> config) implements AgentSpec {

  /** Copy the settings, keeping their order. */
  public JavaAgentSpec {
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }
}
