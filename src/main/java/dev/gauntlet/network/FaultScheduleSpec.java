package dev.gauntlet.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Schedule a {@link Fault} that replaces a mock's answer: on given requests to the mock (counted
 * from 1), on given steps of the loop, or with a probability drawn from a seed. The draw for a
 * request depends only on the seed and the request's number, so a rerun with the same seed faults
 * the same requests.
 *
 * @param fault the fault's key, e.g. {@code connection_reset}
 * @param requests numbers of requests to the mock, from 1
 * @param steps steps of the loop
 * @param probability from 0 to 1
 * @param seed the seed of the draw; 0 when absent
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FaultScheduleSpec(
    @JsonProperty("fault") @Nullable String fault,
    @JsonProperty("requests") @Nullable List<Integer> requests,
    @JsonProperty("steps") @Nullable List<Integer> steps,
    @JsonProperty("probability") @Nullable Double probability,
    @JsonProperty("seed") @Nullable Long seed) {

  /** Bind a schedule from YAML. */
  @JsonCreator
  public FaultScheduleSpec {}
}
