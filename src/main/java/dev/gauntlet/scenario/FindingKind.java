package dev.gauntlet.scenario;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Name what a detector found. The YAML and JSON spelling is the lower-case name, e.g. {@code
 * identical_failing_action}.
 *
 * <p>Detectors report the first five kinds while the run goes on; the recovery analysis reports the
 * others from the trace and the egress log once it has ended.
 *
 * <p>Two steps are <em>identical</em> when the agent took the same action (the tool and its
 * arguments, compared as canonical JSON) and observed the same result (status, reason code and the
 * text it read). Polling a job whose status text changes is therefore never a loop.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum FindingKind {
  /** A succeeding action repeated, identically, several times in a row. */
  IDENTICAL_ACTION,
  /** A failing action repeated, identically, several times in a row. */
  IDENTICAL_FAILING_ACTION,
  /** A sequence of 2 or more different steps repeated several times in a row (A, B, A, B, …). */
  CYCLE,
  /** Several actions in a row that changed nothing and observed nothing new. */
  STALL,
  /** A stage that ran past its deadline. */
  DEADLINE,
  /** A request failed with a retryable error and was never attempted again. */
  NOT_RETRIED,
  /** A request was attempted again sooner than its Retry-After asked. */
  RETRY_AFTER_IGNORED,
  /** A request was attempted again after an error that is never retried. */
  NON_RETRYABLE_RETRIED,
  /** A request was attempted more often than the recovery policy allows. */
  BEYOND_ATTEMPTS,
  /** The waits between attempts did not grow by the policy's factor. */
  FLAT_BACKOFF,
  /** A request was attempted after the policy's time budget for it had run out. */
  AFTER_GIVE_UP,
  /** A request failed for good, but the run ended as if nothing had gone wrong. */
  ERROR_HIDDEN;

  /** The name as written in scenarios, traces and summaries. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Return whether this is a finding of the recovery analysis, not of a detector. */
  public boolean isRecovery() {
    return ordinal() >= NOT_RETRIED.ordinal();
  }

  /** Return whether this is one of the kinds of loop: identical actions or a cycle. */
  public boolean isLoop() {
    return this == IDENTICAL_ACTION || this == IDENTICAL_FAILING_ACTION || this == CYCLE;
  }
}
