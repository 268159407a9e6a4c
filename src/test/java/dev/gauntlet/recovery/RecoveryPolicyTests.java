package dev.gauntlet.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.scenario.RecoverySpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Decide retries: classes never retried, attempts, backoff with seeded jitter, Retry-After. */
class RecoveryPolicyTests {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final RecoverySpec SPEC =
      new RecoverySpec(
          5, Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 0.2, Duration.ofMinutes(5));

  private final RecoveryPolicy policy = RecoveryPolicy.of(SPEC, 42);

  @Nested
  class NeverRetried {

    @Test
    void aPolicyDenialIsNotRetriedButLeavesTheRunToTheAgent() {
      RecoveryPolicy.Decision decision =
          policy.decide(1, Failure.denied("not_allowlisted"), Duration.ZERO);

      assertThat(decision)
          .isEqualTo(
              new RecoveryPolicy.NotRetried(
                  "denied (not_allowlisted) is never retried (denied); 1 attempt made."));
    }

    @Test
    void a404IsNotRetriedButLeavesTheRunToTheAgent() {
      RecoveryPolicy.Decision decision =
          policy.decide(1, Failure.ofHttp(404, null, "no such page", NOW), Duration.ZERO);

      assertThat(decision)
          .isEqualTo(
              new RecoveryPolicy.NotRetried(
                  "HTTP 404 is never retried (rejected); 1 attempt made."));
    }

    @Test
    void aContextLengthErrorGivesUpAtOnceSinceNoLaterCallWouldFitEither() {
      Failure failure =
          Failure.ofHttp(400, null, "{\"error\":{\"code\":\"context_length_exceeded\"}}", NOW);

      RecoveryPolicy.Decision decision = policy.decide(1, failure, Duration.ZERO);

      assertThat(failure.kind()).isEqualTo(Failure.Kind.CONTEXT_LENGTH);
      assertThat(decision)
          .isEqualTo(
              new RecoveryPolicy.GiveUp(
                  "HTTP 400 context_length_exceeded is never retried (context_length); 1 attempt"
                      + " made."));
    }

    @Test
    void a4xxOtherThan408And429IsNeverRetried() {
      assertThat(Failure.ofHttp(404, null, "", NOW).retryable()).isFalse();
      assertThat(Failure.ofHttp(408, null, "", NOW).retryable()).isTrue();
      assertThat(Failure.ofHttp(429, null, "", NOW).retryable()).isTrue();
      assertThat(Failure.ofHttp(503, null, "", NOW).retryable()).isTrue();
      assertThat(Failure.ofHttp(200, null, "", NOW)).isNull();
    }
  }

  @Test
  void theLastAllowedAttemptGivesUpNamingTheAttemptsAndTheFailure() {
    RecoveryPolicy.Decision decision =
        policy.decide(5, Failure.ofHttp(503, null, "", NOW), Duration.ofSeconds(20));

    assertThat(decision)
        .isEqualTo(
            new RecoveryPolicy.GiveUp(
                "5 attempts made, the policy's limit; the last failed with HTTP 503."));
  }

  @Test
  void backoffGrowsByTheFactorWithinTheJitterUpToTheCap() {
    for (int attempt = 1; attempt <= 8; attempt++) {
      double nominal = Math.min(1000 * Math.pow(2, attempt - 1), 30_000);

      long millis = policy.backoff(attempt).toMillis();

      assertThat(millis).as("attempt %d", attempt).isBetween((long) (nominal * 0.8), 30_000L);
      assertThat(millis).as("attempt %d", attempt).isLessThanOrEqualTo((long) (nominal * 1.2));
    }
  }

  @Test
  void theSameSeedDrawsTheSameJitterAndAnotherSeedAnother() {
    RecoveryPolicy same = RecoveryPolicy.of(SPEC, 42);
    RecoveryPolicy other = RecoveryPolicy.of(SPEC, 43);

    assertThat(same.backoff(3)).isEqualTo(policy.backoff(3));
    assertThat(other.backoff(3)).isNotEqualTo(policy.backoff(3));
  }

  @Nested
  class RetryAfter {

    @Test
    void secondsAreWaitedWhenLongerThanTheBackoff() {
      Failure failure = Failure.ofHttp(429, "7", "", NOW);

      assertThat(policy.decide(1, failure, Duration.ZERO))
          .isEqualTo(new RecoveryPolicy.Retry(Duration.ofSeconds(7)));
    }

    @Test
    void anHttpDateIsTakenRelativeToTheRunsClock() {
      Instant later = NOW.plusSeconds(60);

      Failure failure = Failure.ofHttp(503, "Tue, 01 Jan 2030 00:01:45 GMT", "", later);

      assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void anHttpDateAlreadyPastAsksForNoWait() {
      assertThat(Failure.retryAfter("Tue, 01 Jan 2030 00:00:00 GMT", NOW.plusSeconds(5)))
          .isEqualTo(Duration.ZERO);
    }

    @Test
    void aRetryAfterOfMoreSecondsThanALongHoldsStillEndsAtOnceBeyondTheBudget() {
      Failure failure = Failure.ofHttp(429, "9223372036854775", "", NOW);

      RecoveryPolicy.Decision decision = policy.decide(1, failure, Duration.ZERO);

      assertThat(failure.retryAfter()).isEqualTo(Duration.ofDays(36_500));
      assertThat(decision)
          .isInstanceOfSatisfying(
              RecoveryPolicy.GiveUp.class,
              giveUp -> assertThat(giveUp.reason()).contains("asks to wait beyond"));
    }

    @Test
    void aWaitBeyondTheRemainingBudgetEndsAtOnceWithAnExplicitError() {
      Failure failure = Failure.ofHttp(429, "600", "", NOW);

      RecoveryPolicy.Decision decision = policy.decide(2, failure, Duration.ofSeconds(10));

      assertThat(decision)
          .isEqualTo(
              new RecoveryPolicy.GiveUp(
                  "HTTP 429, Retry-After 600.000 s asks to wait beyond the 290.000 s left of the"
                      + " recovery budget of 300.000 s; 2 attempts made."));
    }
  }
}
