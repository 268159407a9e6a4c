package dev.gauntlet.loop;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Run a stage's work on a thread of its own and stop waiting for it when its deadline passes, so
 * that a stage that hangs is flagged at its deadline rather than never. Work abandoned this way is
 * interrupted; work that ignores the interrupt keeps its thread, never the next stage's. One
 * watchdog serves one run; threads are created only when a stage has a deadline.
 */
final class Watchdog implements AutoCloseable {

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
