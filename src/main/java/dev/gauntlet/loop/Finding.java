package dev.gauntlet.loop;

import dev.gauntlet.scenario.FindingKind;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Report what a detector found while the run went on, with the steps as evidence.
 *
 * @param kind what was found
 * @param firstStep the first step of the evidence (1-based)
 * @param lastStep the last step of the evidence; a loop that goes on extends it
 * @param stage the stage that ran over, for a deadline; null otherwise
 * @param evidence one line for people: the actions and results involved, e.g. {@code shell
 *     {"command":"make"} → error exit_code}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Finding(
    FindingKind kind, int firstStep, int lastStep, @Nullable Stage stage, String evidence) {

  /** Return the number of steps the evidence spans. */
  public int length() {
    return lastStep - firstStep + 1;
  }

  /** Describe it as messages quote it: {@code cycle at steps 4..9: read a.md, read b.md}. */
  @Override
  public String toString() {
    String where =
        firstStep == lastStep ? "step " + firstStep : "steps " + firstStep + ".." + lastStep;
    String of = stage == null ? "" : " of the " + stage.key() + " stage";
    return kind.key() + of + " at " + where + ": " + evidence;
  }

  Finding through(int step) {
    return new Finding(kind, firstStep, step, stage, evidence);
  }
}
