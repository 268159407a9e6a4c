package dev.gauntlet.agent.model;

import dev.gauntlet.agent.AgentException;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Create model-backed agents. They speak the API over the JDK's HTTP client with Jackson rather
 * than through a provider's SDK, because the harness must see every attempt: an SDK retries 429s
 * and 5xx answers by itself and hides the stream's chunks and usage, while Gauntlet's recovery
 * policy is what retries, and each attempt is measured and recorded. The JDK client never retries
 * on its own. A {@link ModelTransport} given at creation carries the requests instead, e.g. through
 * a scenario's egress gateway.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModelAgents {

  private ModelAgents() {}

  /** Create an agent for one run, reading its key from the process's environment. */
  public static MeteredAgent create(ModelSettings settings) {
    return create(settings, System::getenv);
  }

  /**
   * Create an agent for one run, reading its key through {@code environment}.
   *
   * @throws AgentException when the settings name a key variable that is unset or blank
   * @throws IllegalArgumentException when the settings offer a tool Gauntlet does not have
   */
  public static MeteredAgent create(
      ModelSettings settings, Function<String, @Nullable String> environment) {
    return create(settings, environment, null);
  }

  /**
   * Create an agent for one run, reading its key through {@code environment} and sending its
   * requests through {@code transport}, or with its own HTTP client when that is null.
   *
   * @throws AgentException when the settings name a key variable that is unset or blank
   * @throws IllegalArgumentException when the settings offer a tool Gauntlet does not have
   */
  public static MeteredAgent create(
      ModelSettings settings,
      Function<String, @Nullable String> environment,
      @Nullable ModelTransport transport) {
    String variable = settings.keyVariable();
    String key = null;
    if (variable != null) {
      key = environment.apply(variable);
      if (key == null || key.isBlank()) {
        throw new AgentException(
            "The environment variable "
                + variable
                + " named by agent.model.key is not set; set it, or replay a cassette.");
      }
    }
    return new ModelAgent(settings, key, transport);
  }
}
