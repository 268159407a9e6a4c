package dev.gauntlet.scenario;

import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * State what must hold after the run. Every expectation is checked and all failures are reported
 * together.
 *
 * @param outcome the outcome the run must end with; {@code success} when the scenario does not say
 * @param steps bounds on the number of steps, or null
 * @param files workspace paths mapped to their checks, in file order
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ExpectSpec(
    Outcome outcome, @Nullable StepBounds steps, Map<String, FileExpectation> files) {

  public ExpectSpec {
    files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
  }
}
