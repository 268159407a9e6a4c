package dev.gauntlet.agent.model;

import java.net.URI;
import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Name the wire protocol a model server speaks. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ModelApi {
  /** OpenAI's chat completions ({@code POST /chat/completions}), spoken by many other servers. */
  OPENAI("https://api.openai.com/v1", "OPENAI_API_KEY"),
  /** OpenAI's Responses API ({@code POST /responses}). */
  OPENAI_RESPONSES("https://api.openai.com/v1", "OPENAI_API_KEY"),
  /** Anthropic's Messages API ({@code POST /messages}). */
  ANTHROPIC("https://api.anthropic.com/v1", "ANTHROPIC_API_KEY");

  private final String baseUrl;
  private final String keyVariable;

  ModelApi(String baseUrl, String keyVariable) {
    this.baseUrl = baseUrl;
    this.keyVariable = keyVariable;
  }

  /** Return the name as written in scenarios, e.g. {@code openai-responses}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Return the provider's own base URL, used when a scenario names none. */
  public URI defaultBaseUrl() {
    return URI.create(baseUrl);
  }

  /** Return the environment variable that conventionally holds this provider's key. */
  public String defaultKeyVariable() {
    return keyVariable;
  }

  /** Return the API written as {@code key} in a scenario, or null when there is none. */
  public static @Nullable ModelApi byKey(String key) {
    for (ModelApi api : values()) {
      if (api.key().equals(key)) {
        return api;
      }
    }
    return null;
  }
}
