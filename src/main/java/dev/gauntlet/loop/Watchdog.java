package dev.gauntlet.loop;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Run a stage's work on a thread of its own and stop waiting for it when its deadline passes, so
 * that a stage that hangs is flagged at its deadline rather than never. Work abandoned this way is
 * interrupted; work that ignores the interrupt keeps its thread, never the next stage's. One
 * watchdog serves one run.
 *
 * <p>Work run {@linkplain #until until a stop} is also interrupted when the run is stopped from
 * outside, so that a stop never waits for a long command, wait or request to end by itself.
 */
final class Watchdog implements AutoCloseable {

  /** How often work run until a stop checks whether the run was stopped. */
  private static final long STOP_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /**
   * What became of work run until a stop.
   *
   * @param value what the work returned, or null when it was abandoned
   * @param stopped whether the run was stopped while the work ran, and the work interrupted
   */
  record Ending<T>(@Nullable T value, boolean stopped) {}

  private @Nullable ExecutorService executor;

  /**
   * Return what the work returned, or null when it was still running at {@code limit} (it is then
   * interrupted and abandoned).
   *
   * @throws RuntimeException what the work threw
   */
  <T> @Nullable T within(Duration limit, Callable<T> work) throws InterruptedException {
    Future<T> future = executor().submit(work);
    try {
      return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Run the work until it ends, until {@code limit} passes (when there is one), or until {@code
   * stop} says the run was stopped. At the limit the work is interrupted and abandoned; on a stop
   * it is interrupted and given up to {@code grace} to return what it has, such as a command killed
   * with its processes, before it is abandoned too.
   *
   * @throws RuntimeException what the work threw
   */
  <T> Ending<T> until(
      @Nullable Duration limit, BooleanSupplier stop, Duration grace, Callable<T> work)
      throws InterruptedException {
    Interruptible<T> task = new Interruptible<>(work);
    executor().execute(task);
    long deadline = limit == null ? 0 : System.nanoTime() + limit.toNanos();
    while (true) {
      long wait = STOP_POLL_NANOS;
      if (limit != null) {
        wait = Math.min(wait, Math.max(0, deadline - System.nanoTime()));
      }
      try {
        return new Ending<>(task.result.get(wait, TimeUnit.NANOSECONDS), false);
      } catch (TimeoutException e) {
        // Still running: check the stop and the limit.
      } catch (ExecutionException e) {
        throw unwrap(e);
      }
      if (stop.getAsBoolean() && !task.result.isDone()) {
        task.interrupt();
        try {
          return new Ending<>(task.result.get(grace.toNanos(), TimeUnit.NANOSECONDS), true);
        } catch (TimeoutException e) {
          return new Ending<>(null, true);
        } catch (ExecutionException e) {
          throw unwrap(e);
        }
      }
      if (limit != null && System.nanoTime() - deadline >= 0) {
        task.interrupt();
        return new Ending<>(null, false);
      }
    }
  }

  private static RuntimeException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }

  /**
   * Work that can be interrupted only while it runs: an interrupt that comes as it ends must not be
   * left on the pool's thread for the next stage's work.
   */
  private static final class Interruptible<T> implements Runnable {

    final CompletableFuture<T> result = new CompletableFuture<>();
    private final Callable<T> work;
    private @Nullable Thread thread;
    private boolean interrupted;

    Interruptible(Callable<T> work) {
      this.work = work;
    }

    @Override
    public void run() {
      synchronized (this) {
        thread = Thread.currentThread();
        if (interrupted) {
          thread.interrupt();
        }
      }
      try {
        result.complete(work.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      } finally {
        synchronized (this) {
          thread = null;
          Thread.interrupted();
        }
      }
    }

    synchronized void interrupt() {
      interrupted = true;
      Thread running = thread;
      if (running != null) {
        running.interrupt();
      }
    }
  }

  private ExecutorService executor() {
    ExecutorService running = executor;
    if (running == null) {
      running =
          Executors.newCachedThreadPool(
              work -> {
                Thread thread = new Thread(work, "gauntlet-stage");
                thread.setDaemon(true);
                return thread;
              });
      executor = running;
    }
    return running;
  }

  @Override
  public void close() {
    ExecutorService running = executor;
    if (running != null) {
      running.shutdownNow();
    }
  }
}
