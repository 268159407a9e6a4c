package dev.gauntlet.agent.model;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describe a model-backed agent: which server and model, where its key is, what it is told and
 * which of Gauntlet's tools it may call.
 *
 * @param api the wire protocol
 * @param model the model's name, e.g. {@code gpt-4o}
 * @param baseUrl where the API lives, without the endpoint, e.g. {@code https://api.openai.com/v1}
 * @param keyVariable the environment variable holding the API key, or null to send none; the key's
 *     value is never written anywhere
 * @param system the system prompt, possibly empty
 * @param task the first user message: what the agent is asked to do
 * @param tools the Gauntlet tools offered to the model, by name
 * @param stream whether to ask for a server-sent event stream
 * @param maxTokens the most tokens the model may write per reply; 0 leaves it to the server where
 *     the API allows (Anthropic's requires one and gets 4096)
 * @param timeout the most time one exchange may take, from sending to the reply's last byte
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ModelSettings(
    ModelApi api,
    String model,
    URI baseUrl,
    @Nullable String keyVariable,
    String system,
    String task,
    List<String> tools,
    boolean stream,
    int maxTokens,
    Duration timeout) {

  /** The tools offered when a scenario names none: every tool but {@code wait}. */
  public static final List<String> DEFAULT_TOOLS =
      List.of("read", "write", "append", "list", "delete", "mkdir", "shell", "http", "finish");

  /** Check every value; the messages name the setting and the rule. */
  public ModelSettings {
    if (model.isBlank()) {
      throw new IllegalArgumentException("agent.model.name must not be blank");
    }
    if (task.isBlank()) {
      throw new IllegalArgumentException(
          "agent.model.task must not be blank: the model needs something to do");
    }
    if (maxTokens < 0) {
      throw new IllegalArgumentException(
          "agent.model.maxTokens must be 0 or more, not " + maxTokens);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("agent.model.timeout must be positive, not " + timeout);
    }
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "agent.model.baseUrl must be an http or https URL, not '" + baseUrl + "'");
    }
    for (int i = 0; i < tools.size(); i++) {
      if (tools.get(i) == null) {
        throw new IllegalArgumentException(
            "agent.model.tools[" + i + "] has no value; name a tool such as read");
      }
    }
    tools = List.copyOf(tools);
  }

  /**
   * Return settings for a task with the provider's defaults: its own base URL and key variable, no
   * system prompt, the default tools, no streaming, and a 60-second timeout.
   */
  public static ModelSettings of(ModelApi api, String model, String task) {
    return new ModelSettings(
        api,
        model,
        api.defaultBaseUrl(),
        api.defaultKeyVariable(),
        "",
        task,
        DEFAULT_TOOLS,
        false,
        0,
        Duration.ofSeconds(60));
  }

  /** Return these settings with another base URL. */
  public ModelSettings withBaseUrl(URI value) {
    return new ModelSettings(
        api, model, value, keyVariable, system, task, tools, stream, maxTokens, timeout);
  }

  /** Return these settings with another key variable, or none. */
  public ModelSettings withKeyVariable(@Nullable String value) {
    return new ModelSettings(
        api, model, baseUrl, value, system, task, tools, stream, maxTokens, timeout);
  }

  /** Return these settings with another system prompt. */
  public ModelSettings withSystem(String value) {
    return new ModelSettings(
        api, model, baseUrl, keyVariable, value, task, tools, stream, maxTokens, timeout);
  }

  /** Return these settings offering other tools. */
  public ModelSettings withTools(List<String> value) {
    return new ModelSettings(
        api, model, baseUrl, keyVariable, system, task, value, stream, maxTokens, timeout);
  }

  /** Return these settings with streaming on or off. */
  public ModelSettings withStream(boolean value) {
    return new ModelSettings(
        api, model, baseUrl, keyVariable, system, task, tools, value, maxTokens, timeout);
  }

  /** Return these settings with another token limit per reply. */
  public ModelSettings withMaxTokens(int value) {
    return new ModelSettings(
        api, model, baseUrl, keyVariable, system, task, tools, stream, value, timeout);
  }

  /** Return these settings with another timeout per exchange. */
  public ModelSettings withTimeout(Duration value) {
    return new ModelSettings(
        api, model, baseUrl, keyVariable, system, task, tools, stream, maxTokens, value);
  }
}
