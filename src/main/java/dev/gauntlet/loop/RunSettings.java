package dev.gauntlet.loop;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apiguardian.api.API;

/**
 * Configure one run of many scenarios: where reports go and whether passing runs keep their workspaces.
 *
 * @param reportsDir the folder that holds one subfolder per run, {@code reports} by default
 * @param runId names this run's folder under {@code reportsDir}
 * @param keepWorkspaces keep every workspace, not only those of failed scenarios
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RunSettings(Path reportsDir, String runId, boolean keepWorkspaces) {

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  /** Settings with a run id made from the current time, e.g. {@code 20261203-164012-123}. */
  public static RunSettings of(Path reportsDir, boolean keepWorkspaces) {
    return new RunSettings(reportsDir, RUN_ID.format(Clock.systemUTC().instant()), keepWorkspaces);
  }

  /** This run's folder: {@code <reportsDir>/<runId>}. */
  public Path runDir() {
    return reportsDir.resolve(runId);
  }
}
