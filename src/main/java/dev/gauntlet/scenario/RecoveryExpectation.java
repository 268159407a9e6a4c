package dev.gauntlet.scenario;

import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * State how a run's failed requests must have been handled, from {@code expect.recovery}. Giving it
 * at all turns the recovery analysis on; any recovery finding it does not name fails the scenario.
 *
 * @param retried true when at least one request must have been attempted again, false when none may
 *     be, null to leave it unchecked
 * @param findings the recovery findings the analysis must report, e.g. {@code retry_after_ignored}
 *     at steps 52 to 61
 * @param origin where the expectation is written
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RecoveryExpectation(
    @Nullable Boolean retried, List<FindingExpectation> findings, Origin origin) {

  public RecoveryExpectation {
    findings = List.copyOf(findings);
  }
}
