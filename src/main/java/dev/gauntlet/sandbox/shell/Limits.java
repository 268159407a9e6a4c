package dev.gauntlet.sandbox.shell;

import java.time.Duration;

/**
 * Hold the limits every command of one shell tool runs under.
 *
 * @param timeout the wall-clock limit when an action gives none
 * @param maxTimeout the longest wall-clock limit an action may ask for
 * @param inputTimeout how long a command may sit blocked on an empty stdin, when an action gives
 *     none
 * @param outputLimit the bytes of each stream the agent is shown: half from the head, half from the
 *     tail
 * @param outputHardLimit the bytes of both streams read in all before the command is ended
 * @param processLimit the processes a command may run at once, itself included
 */
record Limits(
    Duration timeout,
    Duration maxTimeout,
    Duration inputTimeout,
    int outputLimit,
    long outputHardLimit,
    int processLimit) {

  Limits {
    positive("timeout", timeout);
    positive("maxTimeout", maxTimeout);
    positive("inputTimeout", inputTimeout);
    if (timeout.compareTo(maxTimeout) > 0) {
      throw new IllegalArgumentException(
          "The default timeout " + timeout + " is above the longest allowed, " + maxTimeout + ".");
    }
    if (outputLimit < 64) {
      throw new IllegalArgumentException(
          "The output limit is " + outputLimit + " bytes; it must be at least 64.");
    }
    if (outputHardLimit < outputLimit) {
      throw new IllegalArgumentException(
          "The hard output limit "
              + outputHardLimit
              + " is below the shown output limit "
              + outputLimit
              + ".");
    }
    if (processLimit < 1) {
      throw new IllegalArgumentException(
          "The process limit is " + processLimit + "; it must be at least 1.");
    }
  }

  private static void positive(String name, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(
          "The " + name + " is " + duration + "; it must be longer than zero.");
    }
  }
}
