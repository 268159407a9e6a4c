package dev.gauntlet.scenario;

import java.util.List;
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
 * @param findings the findings the detectors must report ({@code loops}, {@code stalls} and {@code
 *     deadlines}); any other finding fails the scenario, so an empty list means none may fire
 * @param network checks of the run's requests, judged from its egress log, or null
 * @param latency per-stage latency budgets, checked against real time; empty for none
 * @param errors steps that must have failed, each for its named reason
 * @param recovery how failed requests must have been handled, judged by the recovery analysis, or
 *     null
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ExpectSpec(
    Outcome outcome,
    @Nullable StepBounds steps,
    Map<String, FileExpectation> files,
    List<FindingExpectation> findings,
    @Nullable NetworkExpectation network,
    List<LatencyBudget> latency,
    @Nullable RecoveryExpectation recovery,
    List<StepErrorExpectation> errors) {

  public ExpectSpec {
    files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
    findings = List.copyOf(findings);
    latency = List.copyOf(latency);
    errors = List.copyOf(errors);
  }

  /** Expect an outcome, steps and files, and that no detector fires. */
  public ExpectSpec(
      Outcome outcome, @Nullable StepBounds steps, Map<String, FileExpectation> files) {
    this(outcome, steps, files, List.of(), null, List.of(), null, List.of());
  }
}
