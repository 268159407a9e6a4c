package dev.gauntlet.sandbox.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Run one command line to its end or to a limit, reading its output as it comes. The calling thread
 * watches the limits; a thread per stream reads, and one writes the stdin text when there is any.
 *
 * <p>Without {@code stdin} the command's stdin is a pipe that stays open and empty, never the
 * harness's own. A command that reads it is waiting for input no one will give; when the whole
 * process tree has sat asleep with one of its processes blocked reading that pipe, and nothing was
 * printed, for the input timeout, the command is ended as {@code waiting_for_input}. With {@code
 * stdin} the text is written and the pipe closed, so a command reads it to its end as usual.
 *
 * <p>The spawning thread waits for the command, which matters in a sandbox: bubblewrap's {@code
 * --die-with-parent} fires when the thread that started it ends, not only when the JVM does.
 */
final class CommandRun {

  private static final long POLL_MILLIS = 100;
  private static final long READER_GRACE_MILLIS = 2_000;

  /**
   * What a command did.
   *
   * @param exitCode the exit status; for a killed command what the JVM reports, e.g. 137
   * @param killReason why the command was ended, or null when it ended on its own
   */
  record Completion(
      int exitCode,
      CappedOutput stdout,
      CappedOutput stderr,
      long durationMillis,
      @Nullable KillReason killReason) {}

  /** How the command line is started and cleaned up after. */
  record Launch(
      List<String> commandLine,
      Map<String, String> environment,
      Path directory,
      int helperProcesses,
      boolean ownProcessGroup) {}

  private final Launch launch;
  private final ShellRequest request;
  private final Limits limits;
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong lastOutput = new AtomicLong();
  private final AtomicBoolean overflow = new AtomicBoolean();

  CommandRun(Launch launch, ShellRequest request, Limits limits) {
    this.launch = launch;
    this.request = request;
    this.limits = limits;
  }

  Completion run() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(launch.commandLine()).directory(launch.directory().toFile());
    builder.environment().clear();
    builder.environment().putAll(launch.environment());
    CappedOutput stdout = new CappedOutput(limits.outputLimit());
    CappedOutput stderr = new CappedOutput(limits.outputLimit());
    long start = System.nanoTime();
    lastOutput.set(start);
    Process process = builder.start();
    Thread out = reader(process.getInputStream(), stdout, "stdout");
    Thread err = reader(process.getErrorStream(), stderr, "stderr");
    String stdinText = request.stdin();
    if (stdinText != null) {
      writer(process.getOutputStream(), stdinText);
    }
    String pipe = stdinText == null ? ProcessTree.stdin(process.pid()) : null;

    KillReason reason;
    try {
      reason = watch(process, start, pipe);
    } finally {
      ProcessTree.kill(process);
      if (launch.ownProcessGroup()) {
        ProcessTree.killGroup(process.pid());
      }
    }
    long duration = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    finish(process, out, err);
    return new Completion(
        process.isAlive() ? -1 : process.exitValue(), stdout, stderr, duration, reason);
  }

  private @Nullable KillReason watch(Process process, long start, @Nullable String pipe)
      throws InterruptedException {
    long deadline = start + request.timeout().toNanos();
    long inputNanos = request.inputTimeout().toNanos();
    long blockedSince = -1;
    while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      long now = System.nanoTime();
      if (overflow.get()) {
        return KillReason.OUTPUT_LIMIT;
      }
      if (ProcessTree.descendants(process.toHandle()).size() - launch.helperProcesses()
          > limits.processLimit()) {
        return KillReason.PROCESS_LIMIT;
      }
      boolean blocked = pipe != null && ProcessTree.waitingOn(pipe, process.toHandle());
      if (!blocked) {
        blockedSince = -1;
      } else if (blockedSince < 0) {
        blockedSince = now;
      }
      if (blocked && now - blockedSince >= inputNanos && now - lastOutput.get() >= inputNanos) {
        return KillReason.WAITING_FOR_INPUT;
      }
      if (now - deadline >= 0) {
        return blocked ? KillReason.WAITING_FOR_INPUT : KillReason.TIMEOUT;
      }
    }
    // A reader that stops at the hard limit closes its pipe, which usually ends the command first.
    return overflow.get() ? KillReason.OUTPUT_LIMIT : null;
  }

  private Thread reader(InputStream stream, CappedOutput capture, String name) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (stream) {
                int n;
                while ((n = stream.read(buffer)) > 0) {
                  capture.write(buffer, 0, n);
                  lastOutput.set(System.nanoTime());
                  if (bytesRead.addAndGet(n) > limits.outputHardLimit()) {
                    overflow.set(true);
                    return;
                  }
                }
              } catch (IOException e) {
                // The stream was closed under the reader: the command is over.
              }
            },
            "gauntlet-shell-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void writer(OutputStream stdin, String text) {
    Thread thread =
        new Thread(
            () -> {
              try (stdin) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
              } catch (IOException e) {
                // The command ended or closed its stdin without reading it all, as `true` does.
              }
            },
            "gauntlet-shell-stdin");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Let the readers take what is left in the pipes. A process that escaped the tree could hold a
   * pipe open for ever, so the wait is bounded and the pipes are then closed from this side.
   */
  private static void finish(Process process, Thread out, Thread err) throws InterruptedException {
    out.join(READER_GRACE_MILLIS);
    err.join(READER_GRACE_MILLIS);
    closeQuietly(process.getOutputStream());
    closeQuietly(process.getInputStream());
    closeQuietly(process.getErrorStream());
    out.join(READER_GRACE_MILLIS);
    err.join(READER_GRACE_MILLIS);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed, or the process is gone: either way there is nothing left to release.
    }
  }
}
