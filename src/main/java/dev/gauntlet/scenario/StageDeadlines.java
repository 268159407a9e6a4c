package dev.gauntlet.scenario;

import java.time.Duration;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Limit how long each stage of a step may take; a stage without a deadline is not limited. The act
 * stage's deadline also bounds the tool (a command's timeout), so a step that hangs is stopped at
 * the deadline and marked timed out; the reason stage's is watched while the agent decides. The
 * observe and verify stages are checked when they end.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StageDeadlines(
    @Nullable Duration observe,
    @Nullable Duration reason,
    @Nullable Duration act,
    @Nullable Duration verify) {

  /** No deadlines at all. */
  public static final StageDeadlines NONE = new StageDeadlines(null, null, null, null);

  /** The stage names as written in scenarios, traces and messages. */
  public static final java.util.List<String> STAGES =
      java.util.List.of("observe", "reason", "act", "verify");

  /** Return the deadline of the stage named {@code stage} (e.g. {@code act}), or null. */
  public @Nullable Duration of(String stage) {
    return switch (stage) {
      case "observe" -> observe;
      case "reason" -> reason;
      case "act" -> act;
      case "verify" -> verify;
      default ->
          throw new IllegalArgumentException("No stage '" + stage + "'; the stages are " + STAGES);
    };
  }
}
