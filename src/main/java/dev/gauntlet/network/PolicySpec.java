package dev.gauntlet.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describe a policy as written in YAML: everything is denied except what an {@code allow} rule
 * permits, and a {@code deny} rule wins over every allow rule. Compile one with {@link
 * Policy#compile}.
 *
 * <pre>{@code
 * allow:
 *   - {host: example.com, methods: [GET, POST], rate: 10/s, burst: 10}
 *   - {host: "*.api.example.com"}
 * deny:
 *   - {host: files.example.com}
 * }</pre>
 *
 * @param allow the allow rules, in order; the first that matches a request sets its rate limit
 * @param deny the deny rules
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PolicySpec(
    @JsonProperty("allow") @Nullable List<RuleSpec> allow,
    @JsonProperty("deny") @Nullable List<RuleSpec> deny) {

  /** Bind a policy from YAML. */
  @JsonCreator
  public PolicySpec {}

  /** Return the allow rules, none when the key is absent. */
  public List<RuleSpec> allowRules() {
    return allow == null ? List.of() : allow;
  }

  /** Return the deny rules, none when the key is absent. */
  public List<RuleSpec> denyRules() {
    return deny == null ? List.of() : deny;
  }
}
