package dev.gauntlet.time;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.apiguardian.api.API;

/**
 * Derive every seed of a run from its one base seed, so that a rerun with the same base seed makes
 * the same random choices: per scenario, per trial and per step, independent of the order in which
 * scenarios run.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Seeds {

  private Seeds() {}

  /**
   * Return a fresh base seed for a run that was given none; print it so the run can be repeated.
   */
  public static long fresh() {
    return new SecureRandom().nextLong();
  }

  /** Return the seed of one scenario's trial (1-based), derived from the run's base seed. */
  public static long trial(long base, String scenarioId, int trial) {
    long id = 0;
    for (byte b : scenarioId.getBytes(StandardCharsets.UTF_8)) {
      id = mix(id ^ b);
    }
    return mix(mix(base ^ id) + trial);
  }

  /** Return the seed of one step (1-based) of a trial, for the tools' random choices. */
  public static long step(long trialSeed, int step) {
    return mix(trialSeed + 0x9E3779B97F4A7C15L * step);
  }

  /** Scramble the bits of a value (SplitMix64's finaliser), so that close inputs give far seeds. */
  static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
