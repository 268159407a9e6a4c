package dev.gauntlet.scenario;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Name one finding a run must produce, from {@code expect.loops}, {@code expect.stalls} or {@code
 * expect.deadlines}. Unset parts match anything.
 *
 * @param kind what must be found
 * @param firstStep the first step of the finding's evidence, or null for any
 * @param lastStep the last step of the finding's evidence, or null for any
 * @param stage for a deadline, the stage that ran over (e.g. {@code act}), or null for any
 * @param origin where the expectation is written
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FindingExpectation(
    FindingKind kind,
    @Nullable Integer firstStep,
    @Nullable Integer lastStep,
    @Nullable String stage,
    Origin origin) {

  /** Describe the expectation as a message quotes it, e.g. {@code cycle at steps 4..9}. */
  public String describe() {
    StringBuilder text = new StringBuilder(kind.key());
    if (stage != null) {
      text.append(" of the ").append(stage).append(" stage");
    }
    if (firstStep != null && lastStep != null) {
      text.append(
          firstStep.equals(lastStep)
              ? " at step " + firstStep
              : " at steps " + firstStep + ".." + lastStep);
    } else if (firstStep != null) {
      text.append(" from step ").append(firstStep);
    }
    return text.toString();
  }
}
