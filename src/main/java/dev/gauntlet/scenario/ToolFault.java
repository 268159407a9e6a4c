package dev.gauntlet.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Make a tool fail on purpose, to test how the agent recovers: one entry of a scenario's {@code
 * faults} list. The tool does nothing and returns the failure the real one would return, marked
 * {@code data.injected: true} in the trace.
 *
 * <pre>{@code
 * faults:
 *   - { step: 12, tool: shell, fault: exit_code, exitCode: 2 }
 *   - { step: 20, tool: write, fault: disk_full }
 *   - { tool: write, path: "out/*", fault: permission_denied, times: 2 }
 * }</pre>
 *
 * @param tool the tool's name
 * @param kind what goes wrong
 * @param step the only step at which the fault applies, or null for any step
 * @param path a glob the action's {@code path} must match (e.g. {@code out/*}), or null for any
 * @param times how many matching actions fail before the tool works again
 * @param exitCode the exit code of an {@code exit_code} fault; 1 unless the scenario says
 * @param origin where the entry is written, for messages
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ToolFault(
    String tool,
    Kind kind,
    @Nullable Integer step,
    @Nullable String path,
    int times,
    int exitCode,
    Origin origin) {

  /** Name a failure a tool can be made to return. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** A command exits with a non-zero code: an error with reason {@code exit_code}. */
    EXIT_CODE,
    /** A command is killed at its time limit: an error with reason {@code timeout}. */
    TIMEOUT,
    /** The disk is full: an error with reason {@code io_error} and ENOSPC. */
    DISK_FULL,
    /**
     * The file system or the command refuses access: {@code access_denied} for a file tool, exit
     * code 126 for a command.
     */
    PERMISSION_DENIED;

    /** Return the key as written in YAML and traces, e.g. {@code disk_full}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The faults each tool can take, by tool name; other tools take none. */
  public static final Map<String, List<Kind>> KINDS_BY_TOOL =
      Map.of(
          "shell", List.of(Kind.EXIT_CODE, Kind.TIMEOUT, Kind.PERMISSION_DENIED),
          "write", List.of(Kind.DISK_FULL, Kind.PERMISSION_DENIED),
          "append", List.of(Kind.DISK_FULL, Kind.PERMISSION_DENIED),
          "mkdir", List.of(Kind.DISK_FULL, Kind.PERMISSION_DENIED),
          "read", List.of(Kind.PERMISSION_DENIED),
          "list", List.of(Kind.PERMISSION_DENIED),
          "delete", List.of(Kind.PERMISSION_DENIED));

  /** Check the entry; the loader reports problems before a fault is ever made. */
  public ToolFault {
    if (times < 1) {
      throw new IllegalArgumentException("A fault applies at least once, not " + times + " times");
    }
  }
}
