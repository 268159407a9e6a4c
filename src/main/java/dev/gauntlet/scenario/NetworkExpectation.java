package dev.gauntlet.scenario;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * State what a run's requests must look like, judged from its egress log. Every check that is set
 * must hold.
 *
 * @param denied the number of denied requests, or null to leave it unchecked
 * @param deniedBy reason codes (e.g. {@code not_allowlisted}) mapped to the number denied for each
 * @param onlyHosts the hosts that may be contacted (denied requests count as contacts), or null
 * @param atMostPerHost hosts mapped to the most requests each may receive
 * @param everyMockUsed every mock of the scenario answered at least once
 * @param noUnmatched no allowed request went without a matching mock; true unless a scenario says
 *     {@code noUnmatched: false}, since a request no mock answers is a gap in the scenario
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NetworkExpectation(
    @Nullable Integer denied,
    Map<String, Integer> deniedBy,
    @Nullable List<String> onlyHosts,
    Map<String, Integer> atMostPerHost,
    boolean everyMockUsed,
    boolean noUnmatched,
    Origin origin) {

  public NetworkExpectation {
    deniedBy = Map.copyOf(deniedBy);
    onlyHosts = onlyHosts == null ? null : List.copyOf(onlyHosts);
    atMostPerHost = Map.copyOf(atMostPerHost);
  }
}
