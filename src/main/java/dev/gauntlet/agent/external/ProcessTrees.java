package dev.gauntlet.agent.external;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * End a process and everything it started. The descendants are listed while the process still lives
 * (once it dies they are re-parented and can no longer be found from it), killed first, and waited
 * for. A descendant that detached itself into another session before the listing is beyond reach;
 * the javadoc of {@link ExternalAgents} says so.
 */
final class ProcessTrees {

  private static final long WAIT_SECONDS = 5;

  private ProcessTrees() {}

  /** Return the process's descendants that are alive now. */
  static List<ProcessHandle> descendants(Process process) {
    return process.toHandle().descendants().filter(ProcessHandle::isAlive).toList();
  }

  static void kill(Process process, Collection<ProcessHandle> seen) {
    List<ProcessHandle> killed = new ArrayList<>();
    // A handle is alive only while its process id still names the process it was taken from.
    for (ProcessHandle handle : seen) {
      if (handle.isAlive()) {
        handle.destroyForcibly();
        killed.add(handle);
      }
    }
    for (int round = 0; round < 3; round++) {
      List<ProcessHandle> alive =
          process.toHandle().descendants().filter(ProcessHandle::isAlive).toList();
      if (alive.isEmpty()) {
        break;
      }
      alive.forEach(ProcessHandle::destroyForcibly);
      killed.addAll(alive);
    }
    process.destroyForcibly();
    killed.add(process.toHandle());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    // A process that will not die within seconds of SIGKILL is the kernel's business.
    while (killed.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
