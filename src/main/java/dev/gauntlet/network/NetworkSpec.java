package dev.gauntlet.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describe a scenario's {@code network:} section as written in YAML. Compile one with {@link
 * Network#compile}.
 *
 * <pre>{@code
 * network:
 *   policy: policies/shop.yaml        # a file beside the scenario, or inline:
 *   # policy: {allow: [{host: api.example.com, methods: [GET]}]}
 *   mocks:
 *     - {host: api.example.com, method: GET, path: /items, responses: [{status: 200, json: []}]}
 * }</pre>
 *
 * @param policy a path relative to the scenario's folder, or a policy written inline; deny-all when
 *     absent
 * @param mocks the mocks
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NetworkSpec(
    @JsonProperty("policy") @Nullable JsonNode policy,
    @JsonProperty("mocks") @Nullable List<MockSpec> mocks) {

  /** Bind a network section from YAML. */
  @JsonCreator
  public NetworkSpec {}
}
