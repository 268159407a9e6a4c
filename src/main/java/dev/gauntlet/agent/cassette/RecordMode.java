package dev.gauntlet.agent.cassette;

import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Say when a cassette is recorded against the real endpoint and when it is replayed. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum RecordMode {
  /** Replay only; a missing cassette is an error. The default, and what CI runs. */
  NONE,
  /** Replay the cassette when it exists; record one when it does not. */
  ONCE,
  /** Record always, replacing the cassette. */
  ALL;

  /**
   * The system property that overrides every cassette's record mode for a run: {@code none}, {@code
   * once} or {@code all}.
   */
  public static final String PROPERTY = "gauntlet.record";

  /**
   * Return the record mode the run imposes on every cassette through {@link #PROPERTY}, or null to
   * keep each scenario's.
   *
   * @throws IllegalArgumentException when the property names no record mode
   */
  public static @Nullable RecordMode override() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return null;
    }
    RecordMode mode = byKey(value.strip().toLowerCase(Locale.ROOT));
    if (mode == null) {
      throw new IllegalArgumentException(
          "The system property "
              + PROPERTY
              + " is '"
              + value
              + "'; the record modes are none, once and all.");
    }
    return mode;
  }

  /** Return the name as written in scenarios and on the command line, e.g. {@code once}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Return the mode written as {@code key}, or null when there is none. */
  public static @Nullable RecordMode byKey(String key) {
    for (RecordMode mode : values()) {
      if (mode.key().equals(key)) {
        return mode;
      }
    }
    return null;
  }

  /** Return whether a run in this mode records, given whether the cassette exists. */
  public boolean records(boolean cassetteExists) {
    return switch (this) {
      case NONE -> false;
      case ONCE -> !cassetteExists;
      case ALL -> true;
    };
  }
}
