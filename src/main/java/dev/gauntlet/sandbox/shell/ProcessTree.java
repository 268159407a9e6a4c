package dev.gauntlet.sandbox.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Look at and end the processes a command started, through the JDK's process handles and Linux's
 * {@code /proc}. Everything here degrades to "cannot tell" where {@code /proc} is missing or
 * unreadable.
 */
final class ProcessTree {

  private static final Path PROC = Path.of("/proc");

  /** The numbers of read(2), pread64(2) and readv(2) on the running architecture, or none. */
  private static final Set<Long> READ_CALLS = readCalls(System.getProperty("os.arch", ""));

  private ProcessTree() {}

  private static Set<Long> readCalls(String arch) {
    return switch (arch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> Set.of(0L, 17L, 19L);
      case "aarch64", "arm64", "riscv64" -> Set.of(63L, 65L, 67L);
      default -> Set.of();
    };
  }

  /** Return the descendants of a process that are alive now. */
  static List<ProcessHandle> descendants(ProcessHandle root) {
    return root.descendants().filter(ProcessHandle::isAlive).toList();
  }

  /**
   * Return what a process's stdin is, e.g. {@code pipe:[18015]}, or null when it cannot be read.
   */
  static @Nullable String stdin(long pid) {
    try {
      return Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("fd/0")).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * Return whether every process in the tree is asleep and at least one of them is blocked reading
   * the given stdin pipe: the command waits for input that no one will write. A process that runs,
   * or waits on the disk, means the command is still working.
   */
  static boolean waitingOn(String pipe, ProcessHandle root) {
    List<ProcessHandle> members = new ArrayList<>(descendants(root));
    members.add(root);
    boolean reading = false;
    for (ProcessHandle member : members) {
      Path proc = PROC.resolve(Long.toString(member.pid()));
      char state = state(proc);
      if (state == 'R' || state == 'D') {
        return false;
      }
      if (!reading && pipe.equals(stdin(member.pid())) && readingStdin(proc)) {
        reading = true;
      }
    }
    return reading;
  }

  private static char state(Path proc) {
    String stat = read(proc.resolve("stat"));
    int end = stat.lastIndexOf(')');
    return end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
  }

  private static boolean readingStdin(Path proc) {
    String[] call = read(proc.resolve("syscall")).trim().split(" ");
    if (call.length >= 2 && !READ_CALLS.isEmpty()) {
      try {
        return READ_CALLS.contains(Long.parseLong(call[0])) && Long.decode(call[1]) == 0;
      } catch (NumberFormatException e) {
        // "running", or a kernel that words it differently: ask wchan instead.
      }
    }
    return read(proc.resolve("wchan")).contains("pipe_read");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * Kill a process and everything it started, and wait until the process is gone. In a sandbox,
   * killing the PID namespace's first process makes the kernel kill every other process in it,
   * orphans included.
   */
  static void kill(Process process) throws InterruptedException {
    for (int round = 0; round < 3; round++) {
      List<ProcessHandle> members = descendants(process.toHandle());
      if (members.isEmpty()) {
        break;
      }
      members.forEach(ProcessHandle::destroyForcibly);
    }
    // Through the handle, not Process.destroyForcibly(): that also closes the output pipes, and
    // a command that has just exited would lose what the readers have not taken yet.
    if (process.isAlive()) {
      process.toHandle().destroyForcibly();
    }
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * Kill every process left in a process group, e.g. background children of an unconfined command
   * that outlived it. Returns quietly when {@code kill} cannot be run.
   */
  static void killGroup(long group) throws InterruptedException {
    try {
      Process kill =
          new ProcessBuilder("/bin/kill", "-KILL", "--", "-" + group)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      // Nothing more can be done from here; the unconfined mode's javadoc says so.
    }
  }
}
