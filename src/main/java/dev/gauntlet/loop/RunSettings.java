package dev.gauntlet.loop;

import dev.gauntlet.network.Policy;
import dev.gauntlet.scenario.RecoverySpec;
import dev.gauntlet.time.RunClock;
import dev.gauntlet.time.Seeds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Configure one run of many scenarios: where reports go, whether passing runs keep their
 * workspaces, the base seed every random choice derives from, and whether waits take virtual or
 * real time.
 *
 * @param reportsDir the folder that holds one subfolder per run, {@code reports} by default
 * @param runId names this run's folder under {@code reportsDir}
 * @param keepWorkspaces keep every workspace, not only those of failed scenarios
 * @param seed the run's base seed; a rerun with the same seed makes the same random choices and
 *     writes the same traces, apart from real-time measurements
 * @param virtualTime whether waits advance a virtual clock at once (the default) instead of really
 *     waiting (for latency benchmarks)
 * @param policy the network policy that replaces the own policy of every scenario with a network,
 *     or null to keep each scenario's
 * @param recovery the recovery settings that replace those of every scenario with a {@code
 *     recovery} section, or null to keep each scenario's
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RunSettings(
    Path reportsDir,
    String runId,
    boolean keepWorkspaces,
    long seed,
    boolean virtualTime,
    @Nullable Policy policy,
    @Nullable RecoverySpec recovery) {

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  /** How a run id is written, so that it names one folder under the reports folder. */
  public static final String RUN_ID_RULE =
      "one folder name: letters, digits, '.', '_' or '-', not starting with '.'";

  private static final Pattern RUN_ID_PATTERN = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

  /** Return whether {@code runId} follows {@link #RUN_ID_RULE}. */
  public static boolean isRunId(String runId) {
    return RUN_ID_PATTERN.matcher(runId).matches();
  }

  /** Settings under which every scenario keeps its own network policy and recovery settings. */
  public RunSettings(
      Path reportsDir, String runId, boolean keepWorkspaces, long seed, boolean virtualTime) {
    this(reportsDir, runId, keepWorkspaces, seed, virtualTime, null, null);
  }

  /** Settings with a fresh seed and virtual time. */
  public RunSettings(Path reportsDir, String runId, boolean keepWorkspaces) {
    this(reportsDir, runId, keepWorkspaces, Seeds.fresh(), true);
  }

  /** Settings with a run id made from the current time, e.g. {@code 20261203-164012-123}. */
  public static RunSettings of(Path reportsDir, boolean keepWorkspaces) {
    return new RunSettings(reportsDir, RUN_ID.format(Clock.systemUTC().instant()), keepWorkspaces);
  }

  /** Return these settings with another base seed. */
  public RunSettings withSeed(long seed) {
    return new RunSettings(reportsDir, runId, keepWorkspaces, seed, virtualTime, policy, recovery);
  }

  /** Return these settings with waits that really wait. */
  public RunSettings withRealTime() {
    return new RunSettings(reportsDir, runId, keepWorkspaces, seed, false, policy, recovery);
  }

  /** Return these settings with one network policy for every scenario that has a network. */
  public RunSettings withPolicy(Policy policy) {
    return new RunSettings(reportsDir, runId, keepWorkspaces, seed, virtualTime, policy, recovery);
  }

  /** Return these settings with one set of recovery settings for every scenario that has some. */
  public RunSettings withRecovery(RecoverySpec recovery) {
    return new RunSettings(reportsDir, runId, keepWorkspaces, seed, virtualTime, policy, recovery);
  }

  /** This run's folder: {@code <reportsDir>/<runId>}. */
  public Path runDir() {
    return reportsDir.resolve(runId);
  }

  /** Return a new clock for one trial: virtual from a pinned instant, or real; UTC either way. */
  public RunClock newClock() {
    return virtualTime ? RunClock.virtual() : RunClock.real(ZoneOffset.UTC);
  }
}
