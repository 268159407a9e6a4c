package dev.gauntlet.sandbox.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Build the bubblewrap command line that contains one command: the host's file system read-only,
 * the workspace the only writable place, fresh {@code /dev}, {@code /proc} and {@code /tmp}, new
 * PID, network, IPC and UTS namespaces, no capabilities, and the places that hold secrets or host
 * sockets hidden.
 */
final class Bubblewrap {

  /**
   * Directories replaced by an empty read-only directory: home folders, and host sockets in /run.
   */
  static final List<String> HIDDEN_DIRECTORIES = List.of("/root", "/home", "/run", "/etc/ssh");

  /** Files replaced by {@code /dev/null}, which is either empty or unreadable inside. */
  static final List<String> HIDDEN_FILES = List.of("/etc/shadow", "/etc/gshadow", "/etc/sudoers");

  private static final String PRLIMIT = "/usr/bin/prlimit";

  private final Path executable;
  private volatile @Nullable String probed;

  Bubblewrap(Path executable) {
    this.executable = executable;
  }

  Path executable() {
    return executable;
  }

  /**
   * Return why bubblewrap cannot contain commands here, or null when it can. The first call tries a
   * sandbox once; the answer is kept, since it depends on the machine rather than on the command.
   */
  @Nullable String unavailable() throws InterruptedException {
    if (!Files.isExecutable(executable)) {
      return "The shell tool contains commands with bubblewrap, and '"
          + executable
          + "' is not an executable file; install the Debian package 'bubblewrap' (apt-get install"
          + " bubblewrap), or opt into unconfined mode to run commands without a sandbox.";
    }
    String answer = probed;
    if (answer == null) {
      answer = probe();
      probed = answer;
    }
    return answer.isEmpty() ? null : answer;
  }

  private String probe() throws InterruptedException {
    List<String> line = new ArrayList<>(List.of(executable.toString()));
    line.addAll(namespaces());
    line.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--", "true"));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] said = process.getInputStream().readNBytes(2_000);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "bubblewrap at '" + executable + "' did not start a sandbox within 30 seconds.";
      }
      if (process.exitValue() == 0) {
        return "";
      }
      return "bubblewrap at '"
          + executable
          + "' cannot create a sandbox on this machine (exit "
          + process.exitValue()
          + "): "
          + new String(said, StandardCharsets.UTF_8).strip()
          + "; it needs user namespaces, or to run as root.";
    } catch (IOException e) {
      return "bubblewrap at '" + executable + "' cannot be started: " + e.getMessage() + ".";
    }
  }

  private static List<String> namespaces() {
    return List.of(
        "--die-with-parent",
        "--new-session",
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--cap-drop",
        "ALL");
  }

  /**
   * Return the command line that runs the words in a sandbox whose only writable mount is the
   * workspace, starting in {@code cwd}, a directory inside it.
   */
  List<String> commandLine(
      Path workspace,
      Path cwd,
      SandboxNetwork.Attachment network,
      int processLimit,
      List<String> words) {
    List<String> line = new ArrayList<>(List.of(executable.toString()));
    line.addAll(namespaces());
    line.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"));
    line.addAll(List.of("--tmpfs", "/tmp"));
    List<String> hidden = new ArrayList<>();
    for (String directory : HIDDEN_DIRECTORIES) {
      if (Files.isDirectory(Path.of(directory), LinkOption.NOFOLLOW_LINKS)) {
        line.addAll(List.of("--tmpfs", directory));
        hidden.add(directory);
      }
    }
    for (String file : HIDDEN_FILES) {
      if (Files.exists(Path.of(file), LinkOption.NOFOLLOW_LINKS)) {
        line.addAll(List.of("--ro-bind", "/dev/null", file));
      }
    }
    // The workspace is bound after the hiding mounts, so that a workspace under /root or /run still
    // shows, and before they are made read-only, which would forbid creating its mount point.
    line.addAll(List.of("--bind", workspace.toString(), workspace.toString()));
    // The network's mounts, too, may land in a hidden directory (the proxy's socket goes to /run).
    line.addAll(network.bubblewrapArguments());
    for (String directory : hidden) {
      line.addAll(List.of("--remount-ro", directory));
    }
    line.addAll(List.of("--chdir", cwd.toString(), "--"));
    line.addAll(network.commandPrefix());
    if (Files.isExecutable(Path.of(PRLIMIT))) {
      line.addAll(List.of(PRLIMIT, "--nproc=" + processLimit, "--"));
    }
    line.addAll(words);
    return line;
  }
}
