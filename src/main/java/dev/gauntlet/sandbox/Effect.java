package dev.gauntlet.sandbox;

import java.util.Locale;
import org.apiguardian.api.API;

/** Say what an action changed, as the verify stage found it. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Effect {
  /** The action changed the workspace (or the world it reaches). */
  CHANGED,
  /**
   * The action was meant to change something and changed nothing, e.g. writing identical content.
   */
  NO_EFFECT,
  /** The action only reads; there was nothing to change. */
  READ_ONLY,
  /** The action failed or was refused, so nothing was done. */
  NONE;

  /** The name as written in traces, e.g. {@code no_effect}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
