package dev.gauntlet.loop;

import java.util.Locale;
import org.apiguardian.api.API;

/** Name the four stages of one step of the loop, in the order they run. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Stage {
  /** Build what the agent sees: the previous result and the budget left. */
  OBSERVE,
  /** Let the agent decide. */
  REASON,
  /** Carry out the decided action through a tool. */
  ACT,
  /** Check what the action changed. */
  VERIFY;

  /** The name as written in traces and summaries, e.g. {@code act}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
