package dev.gauntlet.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gauntlet.loop.Finding;
import dev.gauntlet.network.EgressLog;
import dev.gauntlet.network.EgressRecord;
import dev.gauntlet.scenario.FindingKind;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.RecoverySpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Judge how an agent handled failed requests, from the evidence a run leaves: the egress log (every
 * request, its time on the run's clock and its status) and the trace (the Retry-After each answer
 * carried, the body, how the run ended). Model calls are judged as {@code http} requests are, when
 * they went through the egress gateway; their Retry-After is the one Gauntlet's model agent read
 * from the answer, traced at the failed call's step. The agent's own account plays no part.
 *
 * <p>A <em>logical request</em> is the same method and URL attempted in a row until one attempt
 * succeeds. For each, the analysis reports:
 *
 * <ul>
 *   <li>{@code non_retryable_retried}: an attempt after a failure that is never retried;
 *   <li>{@code retry_after_ignored}: an attempt sooner than the answer before it asked;
 *   <li>{@code flat_backoff}: waits that do not grow by the policy's factor, within its jitter (the
 *       first at least {@code initial × (1 − jitter)}, each next at least {@code factor × (1 −
 *       jitter) / (1 + jitter)} times the one before, or within the jitter of the cap);
 *   <li>{@code beyond_attempts}: more attempts than the policy allows;
 *   <li>{@code after_give_up}: an attempt after the request's time budget ran out, or after a
 *       Retry-After that asked for more than was left of it;
 *   <li>{@code not_retried}: a retryable failure that was never attempted again although the policy
 *       allowed another attempt;
 *   <li>{@code error_hidden}: a request that failed for good after a retryable failure or a retry,
 *       in a run that ended {@code success} or {@code budget_exhausted} instead of {@code failed},
 *       {@code gave_up} or {@code error}.
 * </ul>
 *
 * <p>Each finding spans the steps of its request's attempts and lists every attempt with its time
 * on the run's clock, its gap and its status.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RecoveryAnalysis {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The action a failed model call is traced under. */
  private static final String MODEL_ACTION = "model";

  private static final Set<Outcome> SURFACED =
      Set.of(Outcome.FAILED, Outcome.GAVE_UP, Outcome.ERROR);

  /** Clocks and formats round to the millisecond; a gap this much short still counts. */
  private static final Duration TOLERANCE = Duration.ofMillis(1);

  private RecoveryAnalysis() {}

  /**
   * Analyse one trial's trace and egress log against a policy.
   *
   * @param egressLog the egress log; a run without network has none, and no requests
   * @throws IOException when a file cannot be read
   */
  public static RecoveryReport analyse(Path trace, Path egressLog, RecoverySpec policy)
      throws IOException {
    TraceFacts facts = TraceFacts.read(trace);
    List<EgressRecord> records =
        Files.exists(egressLog) ? EgressLog.read(egressLog) : List.<EgressRecord>of();
    List<RecoveryReport.Request> requests = requests(records, facts);
    List<Finding> findings = new ArrayList<>();
    for (RecoveryReport.Request request : requests) {
      judge(request, policy, facts.outcome, findings);
    }
    return new RecoveryReport(requests, findings, facts.outcome, facts.message);
  }

  /** Group the agent's requests (redirect hops left out) into logical requests. */
  private static List<RecoveryReport.Request> requests(
      List<EgressRecord> records, TraceFacts facts) {
    List<RecoveryReport.Request> requests = new ArrayList<>();
    List<RecoveryReport.Attempt> attempts = new ArrayList<>();
    @Nullable EgressRecord previous = null;
    @Nullable Instant start = null;
    for (EgressRecord record : records) {
      if (record.hop() != 0) {
        continue;
      }
      Instant time = Instant.parse(record.time());
      if (start == null) {
        start = time;
      }
      boolean again =
          previous != null
              && previous.method().equals(record.method())
              && previous.url().equals(record.url())
              && !attempts.isEmpty()
              && attempts.get(attempts.size() - 1).failure() != null;
      if (!again && previous != null) {
        requests.add(new RecoveryReport.Request(previous.method(), previous.url(), attempts));
        attempts = new ArrayList<>();
      }
      Duration gap =
          attempts.isEmpty() || previous == null
              ? null
              : Duration.between(Instant.parse(previous.time()), time);
      Duration at = facts.simulated.getOrDefault(record.step(), Duration.between(start, time));
      attempts.add(
          new RecoveryReport.Attempt(
              record.step(), at, gap, failure(record, facts, time), record.status()));
      previous = record;
    }
    if (previous != null) {
      requests.add(new RecoveryReport.Request(previous.method(), previous.url(), attempts));
    }
    return requests;
  }

  private static @Nullable Failure failure(EgressRecord record, TraceFacts facts, Instant time) {
    if (record.denied()) {
      return Failure.denied(String.valueOf(record.reason()));
    }
    Integer status = record.status();
    if (status == null) {
      return Failure.unanswered(String.valueOf(record.error()));
    }
    return Failure.ofHttp(
        status,
        facts.retryAfter.get(record.step()),
        facts.bodies.getOrDefault(record.step(), ""),
        time);
  }

  private static void judge(
      RecoveryReport.Request request,
      RecoverySpec policy,
      @Nullable Outcome outcome,
      List<Finding> findings) {
    List<RecoveryReport.Attempt> attempts = request.attempts();
    List<Integer> nonRetryable = new ArrayList<>();
    List<Integer> tooSoon = new ArrayList<>();
    List<Integer> flat = new ArrayList<>();
    List<Integer> afterGiveUp = new ArrayList<>();
    Duration first = attempts.get(0).at();
    Duration previousBackoff = null;
    for (int i = 1; i < attempts.size(); i++) {
      RecoveryReport.Attempt before = attempts.get(i - 1);
      RecoveryReport.Attempt attempt = attempts.get(i);
      Failure failed = requireFailure(before);
      Duration gap = requireGap(attempt);
      Duration asked = failed.retryAfter();
      if (!failed.retryable()) {
        nonRetryable.add(attempt.step());
      } else if (asked != null) {
        if (gap.plus(TOLERANCE).compareTo(asked) < 0) {
          tooSoon.add(attempt.step());
        }
        if (before.at().minus(first).plus(asked).compareTo(policy.budget()) > 0) {
          afterGiveUp.add(attempt.step());
        }
        previousBackoff = null;
      } else {
        if (!grew(policy, i, gap, previousBackoff)) {
          flat.add(attempt.step());
        }
        previousBackoff = gap;
      }
      if (attempt.at().minus(first).compareTo(policy.budget()) > 0
          && !afterGiveUp.contains(attempt.step())) {
        afterGiveUp.add(attempt.step());
      }
    }
    add(
        findings,
        FindingKind.NON_RETRYABLE_RETRIED,
        request,
        nonRetryable,
        "attempted again after an error that is never retried");
    add(
        findings,
        FindingKind.RETRY_AFTER_IGNORED,
        request,
        tooSoon,
        "attempted sooner than the Retry-After of the answer before asked");
    add(
        findings,
        FindingKind.FLAT_BACKOFF,
        request,
        flat,
        "the wait did not grow ×"
            + policy.factor()
            + " (within "
            + Math.round(policy.jitter() * 100)
            + " % jitter, from "
            + Waits.format(policy.initial())
            + ", capped at "
            + Waits.format(policy.max())
            + ")");
    if (attempts.size() > policy.attempts()) {
      add(
          findings,
          FindingKind.BEYOND_ATTEMPTS,
          request,
          attempts.subList(policy.attempts(), attempts.size()).stream()
              .map(RecoveryReport.Attempt::step)
              .toList(),
          attempts.size() + " attempts where the policy allows " + policy.attempts());
    }
    add(
        findings,
        FindingKind.AFTER_GIVE_UP,
        request,
        afterGiveUp,
        "attempted after the recovery budget of "
            + Waits.format(policy.budget())
            + " ran out, or after a Retry-After that asked for more than was left of it");

    RecoveryReport.Attempt last = attempts.get(attempts.size() - 1);
    Failure finalFailure = last.failure();
    if (finalFailure == null) {
      return;
    }
    if (finalFailure.retryable()
        && mayRetry(policy, attempts.size(), finalFailure, last.at().minus(first))) {
      add(
          findings,
          FindingKind.NOT_RETRIED,
          request,
          List.of(),
          "no retry happened although "
              + finalFailure.description()
              + " is retryable and the policy allowed "
              + (policy.attempts() - attempts.size())
              + " more attempts");
    }
    boolean persistent = finalFailure.retryable() || attempts.size() > 1;
    if (persistent && (outcome == Outcome.SUCCESS || outcome == Outcome.BUDGET_EXHAUSTED)) {
      add(
          findings,
          FindingKind.ERROR_HIDDEN,
          request,
          List.of(),
          "the error never reached the outcome: the request failed for good with "
              + finalFailure.description()
              + ", but the run ended "
              + outcome.key()
              + ", not failed or gave_up with the reason");
    }
  }

  /**
   * Return whether a backoff gap grew as the policy says: the first at least the backoff minus the
   * jitter, each later one at least {@code factor × (1 − jitter) / (1 + jitter)} times the one
   * before, or within the jitter of the cap.
   */
  private static boolean grew(
      RecoverySpec policy, int attempt, Duration gap, @Nullable Duration previous) {
    double low = 1 - policy.jitter();
    double wanted =
        previous == null
            ? RecoveryPolicy.nominal(policy, attempt) * low
            : Math.min(
                previous.toNanos() * policy.factor() * low / (1 + policy.jitter()),
                policy.max().toNanos() * low);
    return gap.plus(TOLERANCE).toNanos() >= wanted;
  }

  /** Return whether the policy would have allowed another attempt after this failure. */
  private static boolean mayRetry(
      RecoverySpec policy, int attempts, Failure failure, Duration spent) {
    if (attempts >= policy.attempts()) {
      return false;
    }
    Duration left = policy.budget().minus(spent);
    Duration asked = failure.retryAfter();
    if (asked != null && asked.compareTo(left) > 0) {
      return false;
    }
    double shortest = RecoveryPolicy.nominal(policy, attempts) * (1 - policy.jitter());
    return shortest <= left.toNanos();
  }

  private static void add(
      List<Finding> findings,
      FindingKind kind,
      RecoveryReport.Request request,
      List<Integer> steps,
      String what) {
    if (steps.isEmpty() && kind != FindingKind.NOT_RETRIED && kind != FindingKind.ERROR_HIDDEN) {
      return;
    }
    String at =
        steps.isEmpty()
            ? ""
            : (steps.size() == 1 ? " at step " : " at steps ")
                + steps.stream().map(String::valueOf).collect(Collectors.joining(", "));
    String evidence = what + at + "\n    " + request.describe().replace("\n", "\n  ");
    findings.add(new Finding(kind, request.firstStep(), request.lastStep(), null, evidence));
  }

  private static Failure requireFailure(RecoveryReport.Attempt attempt) {
    Failure failure = attempt.failure();
    if (failure == null) {
      throw new IllegalStateException("a retried attempt had failed");
    }
    return failure;
  }

  private static Duration requireGap(RecoveryReport.Attempt attempt) {
    Duration gap = attempt.gap();
    if (gap == null) {
      throw new IllegalStateException("every attempt after the first has a gap");
    }
    return gap;
  }

  /**
   * What the analysis takes from the trace: per {@code http} step and failed model call, its
   * answer's facts; the ending.
   */
  private static final class TraceFacts {
    final Map<Integer, String> retryAfter = new HashMap<>();
    final Map<Integer, String> bodies = new HashMap<>();
    final Map<Integer, Duration> simulated = new HashMap<>();
    @Nullable Outcome outcome;
    String message = "";

    static TraceFacts read(Path trace) throws IOException {
      TraceFacts facts = new TraceFacts();
      if (!Files.exists(trace)) {
        return facts;
      }
      try (BufferedReader reader = Files.newBufferedReader(trace, StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (!line.isBlank()) {
            facts.add(JSON.readTree(line));
          }
        }
      }
      return facts;
    }

    private void add(JsonNode line) {
      int step = line.path("step").asInt();
      String tool = line.path("action").path("tool").asText();
      JsonNode result = line.path("result");
      if ("http".equals(tool)) {
        simulated.put(step, Duration.ofNanos(Math.round(line.path("simMillis").asDouble() * 1e6)));
        JsonNode retryAfterHeader = result.path("data").path("headers").path("retry-after");
        if (retryAfterHeader.isTextual()) {
          retryAfter.put(step, retryAfterHeader.textValue());
        }
        bodies.put(step, result.path("summary").asText(""));
      } else if (MODEL_ACTION.equals(tool)) {
        // The loop traces a failed model call with the Retry-After Gauntlet's model agent read.
        simulated.put(step, Duration.ofNanos(Math.round(line.path("simMillis").asDouble() * 1e6)));
        JsonNode millis = result.path("data").path("retryAfterMillis");
        if (millis.canConvertToLong()) {
          retryAfter.put(step, BigDecimal.valueOf(millis.asLong(), 3).toPlainString());
        }
        bodies.put(step, result.path("summary").asText(""));
      }
      JsonNode ending = line.get("outcome");
      if (ending != null && ending.isTextual()) {
        for (Outcome candidate : Outcome.values()) {
          if (candidate.key().equals(ending.textValue())) {
            outcome = candidate;
          }
        }
        message = line.path("message").asText("");
      }
    }
  }
}
