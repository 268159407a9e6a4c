package dev.gauntlet.cli;

import dev.gauntlet.engine.GauntletTestEngine;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import sun.misc.Signal;

/**
 * Turn the options that shape how a suite runs ({@code --parallel}, {@code --shard}, {@code
 * --fail-fast}, the tag filters) into the engine's request, and stop a run cleanly on Ctrl-C.
 */
final class Execution {

  private static final Pattern SHARD = Pattern.compile("[1-9][0-9]{0,5}/[1-9][0-9]{0,5}");

  /**
   * How long an interrupted run may take to cut short its running steps and write its reports. The
   * loop interrupts a running action at once, so this bounds only a tool that ignores it.
   */
  private static final long WIND_DOWN_SECONDS = 60;

  /** The exit status of a run ended by a second interrupt, as a shell reports SIGINT's. */
  private static final int FORCED_EXIT = 130;

  /**
   * The most scenarios a run may hold at once: each holds a workspace, a trace and perhaps
   * processes, and far beyond the machine's cores more only wait for each other.
   */
  static final int MOST_AT_A_TIME = 1024;

  private Execution() {}

  /**
   * Add the parameters for the options to a request.
   *
   * @throws ParameterException for a parallelism below 1 or a shard not written as i/n
   */
  static void configure(
      LauncherDiscoveryRequestBuilder request,
      CommandLine command,
      int parallel,
      @Nullable String shard,
      boolean failFast) {
    if (parallel < 1 || parallel > MOST_AT_A_TIME) {
      throw new ParameterException(
          command,
          "--parallel must be from 1 to "
              + MOST_AT_A_TIME
              + " scenarios at a time, but was "
              + parallel);
    }
    if (parallel > 1) {
      request
          .configurationParameter(GauntletTestEngine.PARALLEL_ENABLED_PROPERTY_NAME, "true")
          .configurationParameter(GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "strategy", "fixed")
          .configurationParameter(
              GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "fixed.parallelism",
              Integer.toString(parallel))
          // Without saturation the pool may grow past N threads while one waits for a lock.
          .configurationParameter(
              GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "fixed.saturate", "true");
    }
    if (shard != null) {
      String[] parts = shard.strip().split("/", -1);
      if (!SHARD.matcher(shard.strip()).matches()
          || Integer.parseInt(parts[0]) > Integer.parseInt(parts[1])) {
        throw new ParameterException(
            command, "--shard must be I/N with 1 <= I <= N, such as 2/3, but was '" + shard + "'");
      }
      request.configurationParameter(GauntletTestEngine.SHARD_PROPERTY_NAME, shard.strip());
    }
    if (failFast) {
      request.configurationParameter(GauntletTestEngine.FAIL_FAST_PROPERTY_NAME, "true");
    }
  }

  /**
   * Keep only the scenarios whose tags match, by JUnit's tag expressions ({@code network & !long}).
   *
   * @throws ParameterException for an expression JUnit cannot parse
   */
  static void filterTags(
      LauncherDiscoveryRequestBuilder request,
      CommandLine command,
      List<String> include,
      List<String> exclude) {
    try {
      if (!include.isEmpty()) {
        request.filters(TagFilter.includeTags(include));
      }
      if (!exclude.isEmpty()) {
        request.filters(TagFilter.excludeTags(exclude));
      }
    } catch (PreconditionViolationException e) {
      throw new ParameterException(command, "A tag expression is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Stop the run on an interrupt (Ctrl-C, SIGINT or SIGTERM) instead of dropping it: the hook asks
   * the engine to stop, which cuts short the running steps, and then holds the JVM's exit until the
   * run has flushed its traces and printed what it has, for at most a minute. A second interrupt
   * meanwhile exits at once, without the results.
   */
  static Interrupts stopOnInterrupt(PrintWriter out) {
    Interrupts interrupts = new Interrupts(out);
    Runtime.getRuntime().addShutdownHook(interrupts.hook);
    return interrupts;
  }

  /** The shutdown hook of one run; closing it says the run has reported everything. */
  static final class Interrupts implements AutoCloseable {

    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;

    Interrupts(PrintWriter out) {
      this.hook =
          new Thread(
              () -> {
                out.println();
                out.println(
                    "Interrupted: stopping the running scenarios and writing the results"
                        + " (interrupt again to exit at once)...");
                out.flush();
                exitOnNextInterrupt(out);
                GauntletTestEngine.stopRunning("interrupted");
                try {
                  reported.await(WIND_DOWN_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "gauntlet-interrupt");
    }

    /**
     * Exit at once on the next SIGINT or SIGTERM. Without this they would do nothing: the JVM is
     * already shutting down, and a second shutdown waits for the first.
     */
    private static void exitOnNextInterrupt(PrintWriter out) {
      for (String name : List.of("INT", "TERM")) {
        try {
          Signal.handle(
              new Signal(name),
              signal -> {
                out.println();
                out.println("Interrupted again: exiting now, without the results.");
                out.flush();
                Runtime.getRuntime().halt(FORCED_EXIT);
              });
        } catch (IllegalArgumentException e) {
          // The platform has no such signal, or the JVM keeps it (-Xrs): the minute still ends it.
        }
      }
    }

    @Override
    public void close() {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down: the hook is running and now lets it finish.
      }
    }
  }
}
