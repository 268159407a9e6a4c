package dev.gauntlet.engine;

import dev.gauntlet.loop.ScenarioRunner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Stop one execution: no scenario starts once it is stopped, and the runner ends each running one
 * at once, cutting short an action still running in its current step. Every execution in progress
 * is registered, so that an interrupt of the whole process (Ctrl-C) can stop them all.
 */
final class Cancellation {

  private static final Set<Cancellation> RUNNING = ConcurrentHashMap.newKeySet();

  private final ScenarioRunner runner;
  private final boolean failFast;
  private final AtomicReference<@Nullable String> reason = new AtomicReference<>();

  Cancellation(ScenarioRunner runner, boolean failFast) {
    this.runner = runner;
    this.failFast = failFast;
  }

  /** Stop every execution in progress in this JVM. */
  static void stopAll(String reason) {
    RUNNING.forEach(cancellation -> cancellation.stop(reason));
  }

  void register() {
    RUNNING.add(this);
  }

  void unregister() {
    RUNNING.remove(this);
  }

  /** Stop this execution, for a reason that skipped scenarios report; the first reason stays. */
  void stop(String why) {
    if (reason.compareAndSet(null, why)) {
      runner.stop();
    }
  }

  /** Stop this execution when it runs with fail-fast on. */
  void failed(String scenario) {
    if (failFast) {
      stop("fail-fast: scenario '" + scenario + "' failed");
    }
  }

  /** Why the execution was stopped, or null while it goes on. */
  @Nullable String reason() {
    return reason.get();
  }
}
