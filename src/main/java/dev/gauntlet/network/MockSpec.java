package dev.gauntlet.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describe one mock as written in YAML: which requests it answers, and its answers in order.
 *
 * <pre>{@code
 * - host: api.example.com
 *   method: GET
 *   path: /items/{id}
 *   responses:
 *     - {status: 503, headers: {Retry-After: "2"}}
 *     - {fault: connection_reset}
 *     - {status: 200, json: {id: 1}}
 * }</pre>
 *
 * @param host the host, exactly as a policy names it (no wildcard); required
 * @param method the method; any method when absent
 * @param path the path exactly, or a template such as {@code /items/{id}}; the query is not
 *     compared
 * @param pathPattern instead of {@code path}: a regular expression the whole path matches
 * @param query query parameters that must match
 * @param headers request headers that must match
 * @param body how the request body must match
 * @param responses the answers in order; the last repeats; required
 * @param faults faults that replace answers on a schedule
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MockSpec(
    @JsonProperty("host") @Nullable String host,
    @JsonProperty("method") @Nullable String method,
    @JsonProperty("path") @Nullable String path,
    @JsonProperty("pathPattern") @Nullable String pathPattern,
    @JsonProperty("query") @Nullable Map<String, MatchSpec> query,
    @JsonProperty("headers") @Nullable Map<String, MatchSpec> headers,
    @JsonProperty("body") @Nullable MatchSpec body,
    @JsonProperty("responses") @Nullable List<ResponseSpec> responses,
    @JsonProperty("faults") @Nullable List<FaultScheduleSpec> faults) {

  /** Bind a mock from YAML. */
  @JsonCreator
  public MockSpec {}

  /** Return a mock of {@code method host path} answering with {@code responses} in order. */
  public static MockSpec of(String method, String host, String path, ResponseSpec... responses) {
    return new MockSpec(host, method, path, null, null, null, null, List.of(responses), null);
  }
}
