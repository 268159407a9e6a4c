package dev.gauntlet.recovery;

import dev.gauntlet.scenario.RecoverySpec;
import dev.gauntlet.time.Seeds;
import java.time.Duration;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * Decide, after a failed attempt, whether an agent tries again and after how long. The agents
 * Gauntlet drives itself (the scripted agent, model-backed agents) all decide through this one
 * policy, configured by a scenario's {@code recovery} section; waiting is the caller's, through the
 * run's clock, so that backoff is simulated time in a virtual run.
 *
 * <p>The rules, in order: a failure that is never retried (a policy denial, a 4xx other than 408
 * and 429) is {@linkplain NotRetried not retried}, and what follows is the agent's to decide: a
 * scripted agent goes on with its script. A context-length error gives up at once, since no later
 * call from the same conversation would fit either; so does the last allowed attempt. Otherwise the
 * wait is exponential backoff, {@code initial × factor^(attempt−1)}, drawn within the jitter from
 * the seed and capped at {@code max}; a {@code Retry-After} longer than that is waited instead. A
 * wait that would end past the request's time budget gives up at once, naming the wait.
 *
 * <p>Immutable, and deterministic: the same seed gives the same waits.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RecoveryPolicy {

  private final RecoverySpec spec;
  private final long seed;

  private RecoveryPolicy(RecoverySpec spec, long seed) {
    this.spec = spec;
    this.seed = seed;
  }

  /**
   * Return the policy of {@code spec}, drawing its jitter from {@code seed}: give each request its
   * own seed (e.g. the seed of the step that first made it) so that requests do not share waits.
   */
  public static RecoveryPolicy of(RecoverySpec spec, long seed) {
    return new RecoveryPolicy(spec, seed);
  }

  /** Return the settings this policy decides by. */
  public RecoverySpec spec() {
    return spec;
  }

  /** What to do after a failed attempt. */
  public sealed interface Decision permits Retry, NotRetried, GiveUp {}

  /**
   * Wait, then attempt again.
   *
   * @param after how long to wait on the run's clock
   */
  public record Retry(Duration after) implements Decision {}

  /**
   * Do not attempt this request again: it failed in a way that asking again cannot change (a
   * denial, a 404). The failure is the request's answer, and the run goes on if the agent can: a
   * scripted agent takes its next action, while a model agent, left without the model's reply,
   * gives up with this reason.
   *
   * @param reason one sentence naming the failure and the attempts
   */
  public record NotRetried(String reason) implements Decision {}

  /**
   * Stop trying; the agent ends its run with outcome {@code gave_up} and this reason.
   *
   * @param reason one sentence naming the failure and the attempts
   */
  public record GiveUp(String reason) implements Decision {}

  /**
   * Decide what follows a failed attempt.
   *
   * @param attempt how many attempts have been made, the failed one included (1 after the first)
   * @param failure why the last attempt failed
   * @param spent the time on the run's clock from the first attempt to the failure
   */
  public Decision decide(int attempt, Failure failure, Duration spent) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, not " + attempt);
    }
    if (!failure.retryable()) {
      String reason =
          failure.description()
              + " is never retried ("
              + failure.kind().key()
              + "); "
              + made(attempt)
              + ".";
      // A conversation too long for the model's context window makes every later call fail too,
      // so the agent cannot go on; a denial or another 4xx answers only the request that got it.
      return failure.kind() == Failure.Kind.CONTEXT_LENGTH
          ? new GiveUp(reason)
          : new NotRetried(reason);
    }
    if (attempt >= spec.attempts()) {
      return new GiveUp(
          made(attempt)
              + ", the policy's limit; the last failed with "
              + failure.description()
              + ".");
    }
    Duration left = spec.budget().minus(spent);
    Duration asked = failure.retryAfter();
    if (asked != null && asked.compareTo(left) > 0) {
      return new GiveUp(
          failure.description()
              + " asks to wait beyond the "
              + Waits.format(left.isNegative() ? Duration.ZERO : left)
              + " left of the recovery budget of "
              + Waits.format(spec.budget())
              + "; "
              + made(attempt)
              + ".");
    }
    Duration backoff = backoff(attempt);
    Duration after = asked != null && asked.compareTo(backoff) > 0 ? asked : backoff;
    if (after.compareTo(left) > 0) {
      return new GiveUp(
          "the next wait of "
              + Waits.format(after)
              + " would pass the recovery budget of "
              + Waits.format(spec.budget())
              + "; "
              + made(attempt)
              + ", the last failed with "
              + failure.description()
              + ".");
    }
    return new Retry(after);
  }

  /**
   * Return the backoff after the {@code attempt}-th attempt, jitter drawn and cap applied: {@code
   * min(max, initial × factor^(attempt−1) × (1 ± jitter))}.
   */
  public Duration backoff(int attempt) {
    double base = nominal(spec, attempt);
    double u = new SplittableRandom(Seeds.step(seed, attempt)).nextDouble();
    double drawn = base * (1 + spec.jitter() * (2 * u - 1));
    return Duration.ofNanos(Math.round(Math.min(drawn, spec.max().toNanos())));
  }

  /** Return the backoff before jitter, in nanoseconds, capped at {@code max}. */
  static double nominal(RecoverySpec spec, int attempt) {
    double base = spec.initial().toNanos() * Math.pow(spec.factor(), attempt - 1);
    return Math.min(base, spec.max().toNanos());
  }

  private static String made(int attempt) {
    return attempt == 1 ? "1 attempt made" : attempt + " attempts made";
  }

  @Override
  public String toString() {
    return "recovery policy: "
        + spec.attempts()
        + " attempts, backoff "
        + Waits.format(spec.initial())
        + " × "
        + spec.factor()
        + " up to "
        + Waits.format(spec.max())
        + " ± "
        + Math.round(spec.jitter() * 100)
        + " %, budget "
        + Waits.format(spec.budget());
  }
}
