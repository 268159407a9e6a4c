package dev.gauntlet.recovery;

import dev.gauntlet.loop.Finding;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.Outcome;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Report how a run's failed requests were handled: every logical request with its attempts, and the
 * findings of the {@linkplain RecoveryAnalysis analysis}.
 *
 * @param requests every logical request, in order: attempts of the same method and URL in a row,
 *     until one succeeds
 * @param findings what the analysis found wrong, each with the steps of its attempts
 * @param outcome how the run ended, or null when the trace does not say
 * @param message why the run ended, as the trace gives it
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RecoveryReport(
    List<Request> requests, List<Finding> findings, @Nullable Outcome outcome, String message) {

  public RecoveryReport {
    requests = List.copyOf(requests);
    findings = List.copyOf(findings);
  }

  /** Return the findings of one kind. */
  public List<Finding> findings(FindingKind kind) {
    return findings.stream().filter(finding -> finding.kind() == kind).toList();
  }

  /** Return the requests that were attempted more than once. */
  public List<Request> retried() {
    return requests.stream().filter(request -> request.attempts().size() > 1).toList();
  }

  /**
   * One logical request: the same method and URL attempted in a row until an attempt succeeded.
   *
   * @param method the HTTP method
   * @param url the URL in normal form
   * @param attempts every attempt, in order
   */
  public record Request(String method, String url, List<Attempt> attempts) {

    public Request {
      attempts = List.copyOf(attempts);
    }

    /** Return whether the last attempt succeeded. */
    public boolean succeeded() {
      return attempts.get(attempts.size() - 1).failure() == null;
    }

    /** Return the first and last attempts' steps, for findings. */
    int firstStep() {
      return attempts.get(0).step();
    }

    int lastStep() {
      return attempts.get(attempts.size() - 1).step();
    }

    /** Describe the request and each attempt on its own line, as failure messages show them. */
    public String describe() {
      StringBuilder text =
          new StringBuilder(method)
              .append(' ')
              .append(url)
              .append(", ")
              .append(attempts.size())
              .append(attempts.size() == 1 ? " attempt:" : " attempts:");
      for (Attempt attempt : attempts) {
        text.append("\n    ").append(attempt.describe());
      }
      return text.toString();
    }
  }

  /**
   * One attempt of a request.
   *
   * @param step the step that made it
   * @param at when it was made, on the run's clock, from the run's start (simulated time in a
   *     virtual run)
   * @param gap the time since the attempt before, or null for the first
   * @param failure why it failed, or null when it succeeded
   * @param status the HTTP status received, or null when no answer came
   */
  public record Attempt(
      int step,
      Duration at,
      @Nullable Duration gap,
      @Nullable Failure failure,
      @Nullable Integer status) {

    /**
     * Describe the attempt: {@code step 54 at 2.100 s (+0.100 s): HTTP 429, Retry-After 2.000 s}.
     */
    public String describe() {
      Duration before = gap;
      Failure failed = failure;
      return "step "
          + step
          + " at "
          + Waits.format(at)
          + (before == null ? "" : " (+" + Waits.format(before) + ")")
          + ": "
          + (failed != null ? failed.description() : "HTTP " + status);
    }
  }
}
