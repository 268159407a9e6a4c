package dev.gauntlet.network;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One checked, compiled rule of a {@link Policy}.
 *
 * @param label how problems and denials name the rule, e.g. {@code allow[1] (*.api.example.com)}
 * @param index the rule's position among rules of its kind
 * @param pattern which hosts it covers
 * @param schemes bit 1 for http, bit 2 for https
 * @param ports the ports, or null for every port
 * @param methods the methods, or null for every method
 * @param rate the limit, or null for none
 */
record Rule(
    String label,
    int index,
    HostPattern pattern,
    int schemes,
    int @Nullable [] ports,
    @Nullable Set<String> methods,
    @Nullable Rate rate) {

  static final int HTTP = 1;
  static final int HTTPS = 2;

  /** How a pattern covers hosts. */
  enum Coverage {
    EXACT,
    SUBDOMAINS,
    NAME_AND_SUBDOMAINS
  }

  /**
   * A host pattern, compiled.
   *
   * @param coverage which names it covers relative to {@code base}
   * @param base the name or address, in the form the URL front door produces
   */
  record HostPattern(Coverage coverage, String base) {}

  /**
   * A rate limit: {@code tokens} per {@code period}, with {@code burst} available at once.
   *
   * @param tokens how many requests each period allows
   * @param period the period
   * @param burst the bucket's capacity
   */
  record Rate(long tokens, Duration period, long burst) {}

  static int schemeBit(String scheme) {
    return switch (scheme) {
      case "http" -> HTTP;
      case "https" -> HTTPS;
      default -> 0;
    };
  }

  boolean allowsScheme(String scheme) {
    return (schemes & schemeBit(scheme)) != 0;
  }

  boolean allowsPort(int port) {
    if (ports == null) {
      return true;
    }
    for (int allowed : ports) {
      if (allowed == port) {
        return true;
      }
    }
    return false;
  }

  boolean allowsMethod(String method) {
    return methods == null || methods.contains(method);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return label;
  }
}
