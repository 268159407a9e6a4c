package dev.gauntlet.network;

/**
 * A URL as the gateway judges and forwards it, after the {@link UrlFrontDoor} has read it once.
 *
 * @param scheme {@code http} or {@code https}, or another scheme that policy then refuses
 * @param host ASCII, lower case, no trailing dot; an IPv6 address without brackets
 * @param kind whether the host is a name or an address
 * @param locality whether the host is public, local or cloud metadata
 * @param port the port, the scheme's default when none is written
 * @param target the path and query, percent-encoded ASCII, dot segments removed; never empty
 */
record EgressUrl(
    String scheme,
    String host,
    HostKind kind,
    IpAddresses.Locality locality,
    int port,
    String target) {

  /** What the host is. */
  enum HostKind {
    NAME,
    IPV4,
    IPV6
  }

  static int defaultPort(String scheme) {
    return switch (scheme) {
      case "https" -> 443;
      case "http" -> 80;
      default -> -1;
    };
  }

  /** The host as written in a URL: IPv6 addresses in brackets. */
  String authorityHost() {
    return kind == HostKind.IPV6 ? "[" + host + "]" : host;
  }

  /** The path without the query. */
  String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  @Override
  public String toString() {
    String portText = port == defaultPort(scheme) ? "" : ":" + port;
    return scheme + "://" + authorityHost() + portText + target;
  }
}
