package dev.gauntlet.sandbox.shell;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.sandbox.Resolution;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.sandbox.Workspace;
import dev.gauntlet.sandbox.WorkspacePaths;
import dev.gauntlet.time.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run a command in the workspace, contained by bubblewrap: the action {@code shell}.
 *
 * <p>Arguments: {@code command} (text run by {@code /bin/sh -c}, or a list of words run directly;
 * required), {@code cwd} (a workspace-relative directory; default {@code .}), {@code env} (a map of
 * names to text, added to the scrubbed environment), {@code timeout} (e.g. {@code 5s}, {@code
 * 500ms}, {@code 1m30s}; default {@value #DEFAULT_TIMEOUT_TEXT}, at most {@value
 * #MAX_TIMEOUT_TEXT}), {@code inputTimeout} (default {@value #DEFAULT_INPUT_TIMEOUT_TEXT}) and
 * {@code stdin} (text written to the command, then closed).
 *
 * <p>The environment holds only {@code PATH} (the system directories), {@code LANG=C.UTF-8}, {@code
 * HOME} and {@code TMPDIR} (the workspace's {@code .home} and {@code .tmp}, created when first
 * needed), what a {@link SandboxNetwork} adds, and the action's {@code env}. Nothing of the
 * harness's own environment reaches a command.
 *
 * <p>The result's data holds {@code exitCode}, {@code stdout}, {@code stderr}, {@code
 * durationMillis}, {@code killed} and, when killed, {@code killReason}: {@code timeout}, {@code
 * waiting_for_input}, {@code output_limit} or {@code process_limit}. Each stream keeps its head and
 * tail, {@value #DEFAULT_OUTPUT_LIMIT} bytes in all by default, with a {@code [… N bytes cut …]}
 * line between them. A non-zero exit is an error with reason {@code exit_code}; a killed command an
 * error with the kill reason. The effect is {@code changed} when the workspace's entries (paths,
 * sizes, modification times) differ afterwards, else {@code read_only} for a command that exited 0
 * and {@code none} for one that failed.
 *
 * <p>Containment needs {@code /usr/bin/bwrap} (Debian package {@code bubblewrap}); without it the
 * tool refuses with reason {@code sandbox_unavailable}, unless built {@linkplain Builder#unconfined
 * unconfined}. Known limits: as root, the kernel does not apply {@code RLIMIT_NPROC}, so the
 * process limit is enforced by sampling the process tree every 100 ms and a fast fork bomb can
 * overshoot it briefly before the whole sandbox is killed; a command waiting on stdin through
 * {@code poll} or {@code select} rather than {@code read} is only ended at its timeout.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ShellTool implements Tool {

  /** The name actions use. */
  public static final String NAME = "shell";

  /** The wall-clock limit of a command whose action gives none. */
  public static final String DEFAULT_TIMEOUT_TEXT = "30s";

  /** The longest wall-clock limit an action may ask for. */
  public static final String MAX_TIMEOUT_TEXT = "10m";

  /**
   * How long a command may sit blocked reading its empty stdin, unless the action says otherwise.
   */
  public static final String DEFAULT_INPUT_TIMEOUT_TEXT = "2s";

  /**
   * The bytes of each stream the agent is shown by default, half from the head and half the tail.
   */
  public static final int DEFAULT_OUTPUT_LIMIT = 16 * 1024;

  /** The bytes of output read from both streams in all before a command is ended, by default. */
  public static final long DEFAULT_OUTPUT_HARD_LIMIT = 8L * 1024 * 1024;

  /** The processes a command may run at once by default. */
  public static final int DEFAULT_PROCESS_LIMIT = 256;

  /** Where bubblewrap is looked for by default. */
  public static final Path DEFAULT_BUBBLEWRAP = Path.of("/usr/bin/bwrap");

  /** The exit status of a command ended by SIGKILL, as a shell reports it. */
  private static final int KILLED_EXIT = 128 + 9;

  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private static final Logger LOG = LoggerFactory.getLogger(ShellTool.class);

  private final Bubblewrap bubblewrap;
  private final boolean unconfined;
  private final SandboxNetwork network;
  private final Limits limits;

  private ShellTool(Builder builder) {
    this.bubblewrap = new Bubblewrap(builder.bubblewrap);
    this.unconfined = builder.unconfined;
    this.network = builder.network;
    this.limits =
        new Limits(
            builder.timeout,
            builder.maxTimeout,
            builder.inputTimeout,
            builder.outputLimit,
            builder.outputHardLimit,
            builder.processLimit);
  }

  private ShellTool(ShellTool settings, SandboxNetwork network) {
    this.bubblewrap = settings.bubblewrap;
    this.unconfined = settings.unconfined;
    this.network = network;
    this.limits = settings.limits;
  }

  /**
   * Return a shell tool with this one's settings whose commands reach the network through {@code
   * network}, e.g. one scenario run's egress proxy.
   */
  public ShellTool withNetwork(SandboxNetwork network) {
    return new ShellTool(this, network);
  }

  /** Return a shell tool with every default: contained by bubblewrap, with no network. */
  public static ShellTool sandboxed() {
    return builder().build();
  }

  /** Return a builder starting from every default. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Execution execute(Action action, Workspace workspace) {
    return execute(action, workspace, Context.detached());
  }

  /**
   * Run the command; the act stage's deadline, when the context has one, bounds both the command's
   * timeout and its input timeout, so that a command never outlives the stage.
   */
  @Override
  public Execution execute(Action action, Workspace workspace, Context context) {
    ShellRequest parsed;
    try {
      parsed = ShellRequest.parse(action.arguments(), limits);
    } catch (ShellRequest.BadArgument bad) {
      return ShellExecution.nothing(
          ToolResult.error("bad_arguments", bad.sentence()).with("argument", bad.argument()));
    }
    ShellRequest request =
        new ShellRequest(
            parsed.command(),
            parsed.display(),
            parsed.cwd(),
            parsed.environment(),
            context.bounded(parsed.timeout()),
            context.bounded(parsed.inputTimeout()),
            parsed.stdin());
    try {
      return run(request, workspace, context.step());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ShellExecution.nothing(
          ToolResult.error(
                  "interrupted", "shell was interrupted before '" + request.display() + "' ended.")
              .with("command", request.display()));
    } catch (IOException e) {
      return ShellExecution.nothing(
          ToolResult.error(
                  "launch_failed",
                  "shell could not run '" + request.display() + "': " + e.getMessage() + ".")
              .with("command", request.display()));
    }
  }

  private Execution run(ShellRequest request, Workspace workspace, int step)
      throws IOException, InterruptedException {
    @Nullable String pathProblem = WorkspacePaths.violation(request.cwd());
    if (pathProblem != null) {
      String explanation = WorkspacePaths.explanation(request.cwd());
      return ShellExecution.nothing(
          ToolResult.refused(pathProblem, explanation == null ? pathProblem : explanation)
              .with("path", request.cwd()));
    }
    Resolution resolution = workspace.resolve(request.cwd());
    if (resolution instanceof Resolution.Refused refused) {
      return ShellExecution.nothing(refused.toResult());
    }
    Path cwd = ((Resolution.Inside) resolution).target();
    if (!Files.isDirectory(cwd)) {
      return ShellExecution.nothing(
          ToolResult.error(
                  "not_a_directory",
                  "shell's 'cwd' '" + request.cwd() + "' is not a directory in the workspace.")
              .with("path", request.cwd()));
    }
    if (!unconfined) {
      String unavailable = bubblewrap.unavailable();
      if (unavailable != null) {
        return ShellExecution.nothing(ToolResult.refused("sandbox_unavailable", unavailable));
      }
    } else {
      LOG.warn(
          "shell runs '{}' unconfined: it can read and write whatever the harness can, reach the"
              + " network, and leave processes behind",
          request.display());
    }

    Path root = workspace.root();
    Files.createDirectories(root.resolve(".home"));
    Files.createDirectories(root.resolve(".tmp"));
    WorkspaceFingerprint before = WorkspaceFingerprint.of(root);
    CommandRun.Completion completion =
        new CommandRun(launch(request, root, cwd, step), request, limits).run();
    return new ShellExecution(result(request, completion), root, before);
  }

  private CommandRun.Launch launch(ShellRequest request, Path root, Path cwd, int step) {
    SandboxNetwork.Attachment attachment = network.attach(root, step);
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", PATH);
    environment.put("LANG", "C.UTF-8");
    environment.put("HOME", root.resolve(".home").toString());
    environment.put("TMPDIR", root.resolve(".tmp").toString());
    environment.putAll(attachment.environment());
    environment.putAll(request.environment());
    if (unconfined) {
      List<String> line = new ArrayList<>();
      boolean setsid = Files.isExecutable(Path.of("/usr/bin/setsid"));
      if (setsid) {
        line.add("/usr/bin/setsid");
      }
      line.addAll(request.command());
      return new CommandRun.Launch(line, environment, cwd, 0, setsid);
    }
    List<String> line =
        bubblewrap.commandLine(root, cwd, attachment, limits.processLimit(), request.command());
    return new CommandRun.Launch(line, environment, cwd, 1, false);
  }

  /**
   * Return the result this tool would give had the command exited with {@code exitCode} after
   * printing {@code stderr}, without running it: an injected fault. Arguments it cannot read give
   * the same {@code bad_arguments} error as running would.
   */
  public ToolResult simulatedExit(Action action, int exitCode, String stderr) {
    try {
      ShellRequest request = ShellRequest.parse(action.arguments(), limits);
      return result(
          request, new CommandRun.Completion(exitCode, capped(""), capped(stderr), 0, null));
    } catch (ShellRequest.BadArgument bad) {
      return ToolResult.error("bad_arguments", bad.sentence()).with("argument", bad.argument());
    }
  }

  /**
   * Return the result this tool would give had the command been killed at its time limit, without
   * running it or waiting: an injected fault.
   */
  public ToolResult simulatedTimeout(Action action) {
    try {
      ShellRequest request = ShellRequest.parse(action.arguments(), limits);
      return result(
          request,
          new CommandRun.Completion(
              KILLED_EXIT,
              capped(""),
              capped(""),
              request.timeout().toMillis(),
              KillReason.TIMEOUT));
    } catch (ShellRequest.BadArgument bad) {
      return ToolResult.error("bad_arguments", bad.sentence()).with("argument", bad.argument());
    }
  }

  private CappedOutput capped(String text) {
    CappedOutput output = new CappedOutput(limits.outputLimit());
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    output.write(bytes, 0, bytes.length);
    return output;
  }

  private ToolResult result(ShellRequest request, CommandRun.Completion completion) {
    String stdout = completion.stdout().text();
    String stderr = completion.stderr().text();
    KillReason killed = completion.killReason();
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("command", request.display());
    data.put("cwd", request.cwd());
    data.put("exitCode", completion.exitCode());
    data.put("stdout", stdout);
    data.put("stderr", stderr);
    data.put("durationMillis", completion.durationMillis());
    data.put("killed", killed != null);
    if (killed != null) {
      data.put("killReason", killed.key());
    }
    String output =
        Transcript.render(completion.exitCode(), stdout, stderr, explain(killed, request));
    if (killed != null) {
      return new ToolResult(ToolResult.Status.ERROR, output, killed.key(), data);
    }
    if (completion.exitCode() != 0) {
      return new ToolResult(ToolResult.Status.ERROR, output, "exit_code", data);
    }
    return new ToolResult(ToolResult.Status.OK, output, null, data);
  }

  private @Nullable String explain(@Nullable KillReason reason, ShellRequest request) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case TIMEOUT ->
          "the command was still running at its "
              + Durations.format(request.timeout())
              + " limit and was killed, with every process it started";
      case WAITING_FOR_INPUT ->
          "the command was waiting for input on stdin, which no one will type, and was killed;"
              + " pass 'stdin' or use the program's non-interactive option (e.g. -y)";
      case OUTPUT_LIMIT ->
          "the command printed more than "
              + limits.outputHardLimit()
              + " bytes and was killed; only the head and tail are shown";
      case PROCESS_LIMIT ->
          "the command ran more than "
              + limits.processLimit()
              + " processes at once and was killed";
    };
  }

  @Override
  public String toString() {
    return NAME + (unconfined ? " (unconfined)" : " (bubblewrap " + bubblewrap.executable() + ")");
  }

  /** Configure a shell tool; every setting starts at its default. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {

    private Path bubblewrap = DEFAULT_BUBBLEWRAP;
    private boolean unconfined;
    private SandboxNetwork network = SandboxNetwork.none();
    private Duration timeout = parse(DEFAULT_TIMEOUT_TEXT);
    private Duration maxTimeout = parse(MAX_TIMEOUT_TEXT);
    private Duration inputTimeout = parse(DEFAULT_INPUT_TIMEOUT_TEXT);
    private int outputLimit = DEFAULT_OUTPUT_LIMIT;
    private long outputHardLimit = DEFAULT_OUTPUT_HARD_LIMIT;
    private int processLimit = DEFAULT_PROCESS_LIMIT;

    private Builder() {}

    private static Duration parse(String text) {
      Duration duration = Durations.parse(text);
      if (duration == null) {
        throw new IllegalStateException("Not a duration: " + text);
      }
      return duration;
    }

    /** Use the bubblewrap executable at this path instead of {@code /usr/bin/bwrap}. */
    public Builder bubblewrap(Path executable) {
      this.bubblewrap = executable;
      return this;
    }

    /**
     * Run commands without any sandbox when {@code true}: they can read and write whatever the
     * harness can, reach the network, and leave processes behind (a process that starts its own
     * session escapes the kill). Every command run this way logs a warning.
     */
    public Builder unconfined(boolean unconfined) {
      this.unconfined = unconfined;
      return this;
    }

    /** Give commands this route to the network instead of none. */
    public Builder network(SandboxNetwork network) {
      this.network = network;
      return this;
    }

    /** Set the wall-clock limit of a command whose action gives none. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Set the longest wall-clock limit an action may ask for. */
    public Builder maxTimeout(Duration maxTimeout) {
      this.maxTimeout = maxTimeout;
      return this;
    }

    /** Set how long a command may sit blocked reading its empty stdin, unless the action says. */
    public Builder inputTimeout(Duration inputTimeout) {
      this.inputTimeout = inputTimeout;
      return this;
    }

    /** Set the bytes of each stream the agent is shown, half from the head and half the tail. */
    public Builder outputLimit(int bytes) {
      this.outputLimit = bytes;
      return this;
    }

    /** Set the bytes of output, both streams together, after which a command is ended. */
    public Builder outputHardLimit(long bytes) {
      this.outputHardLimit = bytes;
      return this;
    }

    /** Set the processes a command may run at once. */
    public Builder processLimit(int processes) {
      this.processLimit = processes;
      return this;
    }

    /**
     * Return the tool.
     *
     * @throws IllegalArgumentException when a limit is out of range; the message names it
     */
    public ShellTool build() {
      return new ShellTool(this);
    }
  }
}
