package dev.gauntlet.network;

import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Name a way a mocked server can fail to answer properly. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Fault {
  /** Close the connection with a TCP reset. */
  CONNECTION_RESET("reset"),
  /** Close the connection without sending a byte. */
  EMPTY_RESPONSE("empty"),
  /** Send a status and headers, then a broken chunk of body. */
  MALFORMED_CHUNK("malformed"),
  /** Send garbage, then close the connection. */
  RANDOM_DATA_THEN_CLOSE("malformed"),
  /** Send nothing within the client's timeout. */
  TIMEOUT("timeout");

  private final String errorKind;

  Fault(String errorKind) {
    this.errorKind = errorKind;
  }

  /** Return the name as written in YAML, e.g. {@code connection_reset}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Return what the client sees: {@code reset}, {@code empty}, {@code malformed} or {@code
   * timeout}.
   */
  public String errorKind() {
    return errorKind;
  }

  /** Return the fault named {@code key}, e.g. {@code connection_reset}, or null when none is. */
  public static @Nullable Fault ofKey(String key) {
    for (Fault fault : values()) {
      if (fault.key().equals(key)) {
        return fault;
      }
    }
    return null;
  }
}
