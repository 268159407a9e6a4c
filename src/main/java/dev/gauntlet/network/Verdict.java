package dev.gauntlet.network;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Say whether the egress gateway lets a request through, and if not, why.
 *
 * @param allowed whether the request may go to the mocks
 * @param reason why it may not; null when allowed
 * @param message one sentence for the agent and the log, naming the offending part of the request
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Verdict(boolean allowed, @Nullable Reason reason, String message) {

  static final Verdict ALLOW = new Verdict(true, null, "allowed");

  static Verdict deny(Reason reason, String message) {
    return new Verdict(false, reason, message);
  }

  /** Return {@code allow} or {@code deny}, as the egress log writes it. */
  public String decision() {
    return allowed ? "allow" : "deny";
  }

  /** Return the reason's code, or null when allowed. */
  public @Nullable String code() {
    return reason == null ? null : reason.code();
  }
}
