package dev.gauntlet.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describe one allow or deny rule of a policy as written in YAML, before it is checked and
 * compiled.
 *
 * <p>Host patterns: {@code example.com} matches that name only; {@code *.example.com} matches its
 * subdomains at any depth but not {@code example.com} itself; {@code **.example.com} matches the
 * name and its subdomains. An IP address matches that exact literal ({@code [::1]} for IPv6).
 *
 * @param host the host pattern; required
 * @param schemes {@code https} and/or {@code http}; an allow rule without it allows {@code https}
 *     only, a deny rule without it denies every scheme
 * @param ports ports from 1 to 65535; an allow rule without it allows the default port of each of
 *     its schemes (443, 80), a deny rule without it denies every port
 * @param methods HTTP methods; without it, every method
 * @param rate a per-host limit such as {@code 10/s}, {@code 100/m} or {@code 1000/h}; allow rules
 *     only
 * @param burst how many requests may come at once before the rate applies; defaults to the rate's
 *     count
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RuleSpec(
    @JsonProperty("host") @Nullable String host,
    @JsonProperty("schemes") @Nullable List<String> schemes,
    @JsonProperty("ports") @Nullable List<Integer> ports,
    @JsonProperty("methods") @Nullable List<String> methods,
    @JsonProperty("rate") @Nullable String rate,
    @JsonProperty("burst") @Nullable Integer burst) {

  /** Bind a rule from YAML. */
  @JsonCreator
  public RuleSpec {}

  /** Return a rule for {@code host} with every other field at its default. */
  public static RuleSpec host(String host) {
    return new RuleSpec(host, null, null, null, null, null);
  }
}
