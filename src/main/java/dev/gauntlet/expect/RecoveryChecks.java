package dev.gauntlet.expect;

import dev.gauntlet.loop.Finding;
import dev.gauntlet.recovery.RecoveryReport;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.RecoveryExpectation;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Judge a run's recovery from its {@link RecoveryReport}: the one implementation behind {@code
 * expect.recovery} and the recovery checks of the AssertJ entry point. Messages follow AssertJ's
 * layout and give every attempt of the requests concerned, with its time on the run's clock, the
 * gap before it and its status.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RecoveryChecks {

  private RecoveryChecks() {}

  /**
   * Return one message per failed check of {@code expect.recovery} other than its findings, which
   * are judged with the detectors' (a finding nobody named fails the run there).
   */
  public static List<String> check(
      String subject, @Nullable RecoveryExpectation expectation, RecoveryReport report) {
    List<String> failures = new ArrayList<>();
    if (expectation == null) {
      return failures;
    }
    Boolean retried = expectation.retried();
    if (retried != null) {
      String failure = retried(subject, report, retried);
      if (failure != null) {
        failures.add(failure + " (" + expectation.origin() + ")");
      }
    }
    return failures;
  }

  /** Return the failure when some request was (or none was) attempted again, or null. */
  static @Nullable String retried(String subject, RecoveryReport report, boolean wanted) {
    List<RecoveryReport.Request> retried = report.retried();
    if (wanted && retried.isEmpty()) {
      return "Expecting "
          + subject
          + " to attempt a failed request again\nbut no request was attempted more than once:"
          + requests(report.requests().stream().filter(r -> !r.succeeded()).toList());
    }
    if (!wanted && !retried.isEmpty()) {
      return "Expecting " + subject + " to attempt no request again\nbut:" + requests(retried);
    }
    return null;
  }

  /**
   * Return the failure when some request was retried after retryable failures until it succeeded,
   * with backoff that grew and Retry-After honoured, or null.
   */
  static @Nullable String recoveredWithBackoff(String subject, RecoveryReport report) {
    List<Finding> wrong = new ArrayList<>();
    wrong.addAll(report.findings(FindingKind.FLAT_BACKOFF));
    wrong.addAll(report.findings(FindingKind.RETRY_AFTER_IGNORED));
    wrong.addAll(report.findings(FindingKind.NON_RETRYABLE_RETRIED));
    wrong.addAll(report.findings(FindingKind.BEYOND_ATTEMPTS));
    if (!wrong.isEmpty()) {
      return "Expecting "
          + subject
          + " to recover with growing backoff\nbut the recovery analysis found:"
          + findings(wrong);
    }
    boolean recovered = report.retried().stream().anyMatch(RecoveryReport.Request::succeeded);
    if (!recovered) {
      return "Expecting "
          + subject
          + " to recover with growing backoff: a failed request retried until it succeeded\n"
          + "but none was:"
          + requests(
              report.requests().stream()
                  .filter(r -> r.attempts().size() > 1 || !r.succeeded())
                  .toList());
    }
    return null;
  }

  /** Return the failure when a finding of {@code kind} was reported, or null when none was. */
  static @Nullable String none(
      String subject, String expected, FindingKind kind, RecoveryReport report) {
    List<Finding> found = report.findings(kind);
    if (found.isEmpty()) {
      return null;
    }
    return "Expecting "
        + subject
        + " to "
        + expected
        + "\nbut the recovery analysis found:"
        + findings(found);
  }

  /** Return the failure when no answer asked for a wait, so honouring one cannot be shown. */
  static @Nullable String someRetryAfter(String subject, RecoveryReport report) {
    boolean asked =
        report.requests().stream()
            .flatMap(request -> request.attempts().stream())
            .anyMatch(a -> a.failure() != null && a.failure().retryAfter() != null);
    if (asked) {
      return null;
    }
    return "Expecting "
        + subject
        + " to honour a Retry-After\nbut no answer carried one; the requests were:"
        + requests(report.requests());
  }

  /** Return the failure when no request failed, so that no error could be surfaced, or null. */
  static @Nullable String someFailure(String subject, RecoveryReport report) {
    if (report.requests().stream().anyMatch(request -> !request.succeeded())) {
      return null;
    }
    return "Expecting "
        + subject
        + " to surface a failed request's error\nbut every request succeeded in the end:"
        + requests(report.requests());
  }

  /** Return the failure when no finding of {@code kind} was reported, or null. */
  static @Nullable String some(String subject, FindingKind kind, RecoveryReport report) {
    if (!report.findings(kind).isEmpty()) {
      return null;
    }
    return "Expecting "
        + subject
        + " to report:\n  "
        + kind.key()
        + "\n"
        + (report.findings().isEmpty()
            ? "but the recovery analysis found nothing; the requests were:"
                + requests(report.requests())
            : "but the recovery analysis found only:" + findings(report.findings()));
  }

  private static String requests(List<RecoveryReport.Request> requests) {
    if (requests.isEmpty()) {
      return "\n  (no request)";
    }
    StringBuilder text = new StringBuilder();
    for (RecoveryReport.Request request : requests) {
      text.append("\n  ").append(request.describe());
    }
    return text.toString();
  }

  private static String findings(List<Finding> findings) {
    StringBuilder text = new StringBuilder();
    for (Finding finding : findings) {
      text.append("\n  ").append(finding);
    }
    return text.toString();
  }
}
