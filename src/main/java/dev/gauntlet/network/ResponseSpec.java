package dev.gauntlet.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describe one answer in a mock's response sequence: a response, or a {@link Fault}.
 *
 * @param status the status, 200 when absent
 * @param headers response headers
 * @param body the body as text
 * @param json the body as JSON; sets {@code Content-Type: application/json} unless a header does
 * @param bodyFile a file holding the body, relative to the scenario's folder
 * @param delayMs how long to wait before answering, in milliseconds
 * @param fault instead of a response: {@code connection_reset}, {@code empty_response}, {@code
 *     malformed_chunk}, {@code random_data_then_close} or {@code timeout}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ResponseSpec(
    @JsonProperty("status") @Nullable Integer status,
    @JsonProperty("headers") @Nullable Map<String, String> headers,
    @JsonProperty("body") @Nullable String body,
    @JsonProperty("json") @Nullable JsonNode json,
    @JsonProperty("bodyFile") @Nullable String bodyFile,
    @JsonProperty("delayMs") @Nullable Integer delayMs,
    @JsonProperty("fault") @Nullable String fault) {

  /** Bind an answer from YAML. */
  @JsonCreator
  public ResponseSpec {}

  /** Return a response with {@code status} and a text body. */
  public static ResponseSpec status(int status, String body) {
    return new ResponseSpec(status, null, body, null, null, null, null);
  }

  /** Return a fault instead of a response. */
  public static ResponseSpec fault(Fault fault) {
    return new ResponseSpec(null, null, null, null, null, null, fault.key());
  }
}
