package dev.gauntlet.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Record one request the egress gateway judged: one line of {@code egress.jsonl}. Every request
 * gets a line, denied ones included, and so does every redirect hop. The JSON field names are
 * stable:
 *
 * <pre>{@code
 * {"time":"2025-01-01T10:00:00.123Z","scope":"checkout","step":3,"hop":0,"method":"GET",
 *  "url":"https://api.example.com/items","host":"api.example.com","decision":"allow","reason":null,
 *  "status":200,"error":null,"latencyMillis":1.734,"mock":"GET api.example.com /items"}
 * }</pre>
 *
 * @param time when the request was judged, ISO-8601 in UTC
 * @param scope the scope (scenario run) it belongs to
 * @param step the loop's step when the agent made it
 * @param hop 0 for the request the agent made, 1 and up for redirects the gateway followed
 * @param method the method
 * @param url the URL in normal form, or as the agent wrote it when it could not be read
 * @param host the host in normal form, or null when the URL could not be read
 * @param decision {@code allow} or {@code deny}
 * @param reason the {@link Reason} code of a denial, else null
 * @param status the status the agent received (403 for a denial), or null when no response came
 * @param error why no response came: {@code reset}, {@code empty}, {@code malformed}, {@code
 *     timeout}, {@code no_mock} or {@code io}; else null
 * @param latencyMs time from judging to the end of the response, in milliseconds
 * @param mock the label of the mock that answered, or null
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "time",
  "scope",
  "step",
  "hop",
  "method",
  "url",
  "host",
  "decision",
  "reason",
  "status",
  "error",
  "latencyMillis",
  "mock"
})
public record EgressRecord(
    @JsonProperty("time") String time,
    @JsonProperty("scope") String scope,
    @JsonProperty("step") int step,
    @JsonProperty("hop") int hop,
    @JsonProperty("method") String method,
    @JsonProperty("url") String url,
    @JsonProperty("host") @Nullable String host,
    @JsonProperty("decision") String decision,
    @JsonProperty("reason") @Nullable String reason,
    @JsonProperty("status") @Nullable Integer status,
    @JsonProperty("error") @Nullable String error,
    @JsonProperty("latencyMillis") double latencyMs,
    @JsonProperty("mock") @Nullable String mock) {

  /** Bind a line read back from {@code egress.jsonl}. */
  @JsonCreator
  public EgressRecord {}

  /** Whether the gateway denied the request. */
  public boolean denied() {
    return "deny".equals(decision);
  }

  /**
   * Return the line in a short form for failure messages, e.g. {@code step 3 GET https://x/ deny
   * …}.
   */
  public String describe() {
    String outcome =
        denied() ? "deny " + reason : status != null ? "allow " + status : "allow, " + error;
    return "step "
        + step
        + (hop > 0 ? " hop " + hop : "")
        + " "
        + method
        + " "
        + url
        + " → "
        + outcome;
  }
}
