package dev.gauntlet.report;

import java.util.Collection;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * Compute how reliably a scenario passes over repeated trials, as τ-bench defines it: of {@code n}
 * counted trials, {@code c} passed.
 *
 * <ul>
 *   <li>pass^k ({@link #passHat}) = C(c, k) / C(n, k): the chance that k trials drawn from the n
 *       all pass. It falls as k grows for an agent that is not fully reliable.
 *   <li>pass@k ({@link #passAt}) = 1 − C(n − c, k) / C(n, k): the chance that at least one of k
 *       passes.
 * </ul>
 *
 * <p>Trials that ended in the harness's own failure say nothing about the agent: they are not among
 * the n, and are reported apart as {@code excluded}.
 *
 * @param trials n, the trials counted
 * @param passed c, those that passed
 * @param excluded trials left out because the harness failed
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PassRate(int trials, int passed, int excluded) {

  public PassRate {
    if (trials < 0 || passed < 0 || passed > trials || excluded < 0) {
      throw new IllegalArgumentException(
          "A pass rate needs 0 <= passed <= trials and excluded >= 0, not passed "
              + passed
              + " of "
              + trials
              + " with "
              + excluded
              + " excluded");
    }
  }

  /**
   * Return pass^k = C(c, k) / C(n, k).
   *
   * @throws IllegalArgumentException when k is not between 1 and n
   */
  public double passHat(int k) {
    checkK(k);
    return ratio(passed, k);
  }

  /**
   * Return pass@k = 1 − C(n − c, k) / C(n, k).
   *
   * @throws IllegalArgumentException when k is not between 1 and n
   */
  public double passAt(int k) {
    checkK(k);
    return 1 - ratio(trials - passed, k);
  }

  /**
   * Return pass^k averaged over scenarios, each counting once; scenarios with fewer than k counted
   * trials are left out. Empty when none has k.
   */
  public static OptionalDouble passHat(Collection<PassRate> scenarios, int k) {
    return scenarios.stream()
        .filter(rate -> rate.trials >= k)
        .mapToDouble(r -> r.passHat(k))
        .average();
  }

  /** Return pass@k averaged over scenarios, as {@link #passHat(Collection, int)} does. */
  public static OptionalDouble passAt(Collection<PassRate> scenarios, int k) {
    return scenarios.stream()
        .filter(rate -> rate.trials >= k)
        .mapToDouble(r -> r.passAt(k))
        .average();
  }

  /** Return C(m, k) / C(n, k), as a product that never forms the large binomials. */
  private double ratio(int m, int k) {
    double ratio = 1;
    for (int i = 0; i < k; i++) {
      if (m - i <= 0) {
        return 0;
      }
      ratio *= (double) (m - i) / (trials - i);
    }
    return ratio;
  }

  private void checkK(int k) {
    if (k < 1 || k > trials) {
      throw new IllegalArgumentException(
          "k is " + k + "; it must be between 1 and the " + trials + " trials counted");
    }
  }
}
