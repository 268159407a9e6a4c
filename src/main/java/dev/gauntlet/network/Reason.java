package dev.gauntlet.network;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Name why the egress gateway refused a request. The code, e.g. {@code not_allowlisted}, is what
 * the agent sees in the {@code X-Gauntlet-Denied} header and what the egress log records.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Reason {
  /** No allow rule names the host. */
  NOT_ALLOWLISTED,
  /** A deny rule matches; deny rules win over allow rules. */
  DENYLISTED,
  /** The scheme is not one the matching rules allow (HTTPS only unless a rule says otherwise). */
  SCHEME,
  /** The port is not one the matching rules allow. */
  PORT,
  /** The method is not one the matching rules allow. */
  METHOD,
  /**
   * The host is an IP address that no rule names, or one written in a form no rule can name:
   * decimal, octal, hexadecimal or shortened IPv4, or an IPv6 zone.
   */
  IP_LITERAL,
  /**
   * The host is loopback, link-local, private, unspecified, shared (CGNAT), unique-local, multicast
   * or cloud metadata, or a name such as {@code localhost} or a single label; metadata is always
   * refused.
   */
  LOCAL_ADDRESS,
  /** The URL cannot be read unambiguously: userinfo, blanks, control characters, backslashes, … */
  MALFORMED_URL,
  /**
   * A redirect leads to a target the request could not have named itself, or there were too many.
   */
  REDIRECT_DENIED,
  /** The host's rate limit is spent. */
  RATE_LIMITED;

  /** Return the code as written in headers and logs, e.g. {@code not_allowlisted}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Return the reason whose {@link #code()} is {@code code}. */
  public static Reason ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /** Whether the reason is about where a request goes, rather than how it goes there. */
  boolean concernsTarget() {
    return this == NOT_ALLOWLISTED
        || this == DENYLISTED
        || this == IP_LITERAL
        || this == LOCAL_ADDRESS
        || this == MALFORMED_URL;
  }
}
