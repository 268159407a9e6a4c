package dev.gauntlet.network;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Read every URL the gateway sees, and every host a policy or mock names, in one place and one way,
 * so that what is judged is exactly what is forwarded. Anything two parsers could read differently
 * is refused instead of guessed: userinfo, blanks and control characters anywhere, backslashes,
 * percent signs in the host, and IP literals other than canonical dotted-quad IPv4 or bracketed
 * IPv6.
 */
final class UrlFrontDoor {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlFrontDoor() {}

  /** The outcome of reading one URL: the URL, or the reason and sentence that refuse it. */
  record Reading(@Nullable EgressUrl url, @Nullable Reason reason, String message) {

    static Reading refused(Reason reason, String message) {
      return new Reading(null, reason, message);
    }
  }

  /** The outcome of reading one host: its normal form and locality, or why it has none. */
  record HostReading(
      @Nullable String host,
      EgressUrl.HostKind kind,
      IpAddresses.Locality locality,
      @Nullable Reason reason,
      String message) {

    static HostReading refused(Reason reason, String message) {
      return new HostReading(
          null, EgressUrl.HostKind.NAME, IpAddresses.Locality.PUBLIC, reason, message);
    }
  }

  /** Read an absolute URL such as {@code https://example.com/x?y}. */
  static Reading read(String raw) {
    String blank = blankOrControl(raw);
    if (blank != null) {
      return Reading.refused(Reason.MALFORMED_URL, blank);
    }
    if (raw.indexOf('\\') >= 0) {
      return Reading.refused(
          Reason.MALFORMED_URL, "the URL holds a backslash, which parsers read differently");
    }
    int colon = raw.indexOf(':');
    if (colon <= 0 || !isScheme(raw, colon)) {
      return Reading.refused(Reason.MALFORMED_URL, "the URL has no scheme such as https://");
    }
    String scheme = raw.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!raw.startsWith("//", colon + 1)) {
      return Reading.refused(
          Reason.MALFORMED_URL, "the URL must be absolute, as in " + scheme + "://host/path");
    }
    int authorityStart = colon + 3;
    int authorityEnd = authorityStart;
    while (authorityEnd < raw.length() && "/?#".indexOf(raw.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = raw.substring(authorityStart, authorityEnd);
    if (authority.indexOf('@') >= 0) {
      return Reading.refused(
          Reason.MALFORMED_URL,
          "the URL holds userinfo (a name before '@'), which is refused outright");
    }
    String hostText;
    String portText = "";
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return Reading.refused(Reason.MALFORMED_URL, "the IPv6 address has no closing ']'");
      }
      hostText = authority.substring(0, close + 1);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return Reading.refused(Reason.MALFORMED_URL, "text follows the IPv6 address: " + rest);
      }
      portText = rest.isEmpty() ? "" : rest.substring(1);
    } else {
      int portColon = authority.indexOf(':');
      hostText = portColon < 0 ? authority : authority.substring(0, portColon);
      portText = portColon < 0 ? "" : authority.substring(portColon + 1);
    }
    int port = EgressUrl.defaultPort(scheme);
    if (!portText.isEmpty()) {
      port = port(portText);
      if (port < 0) {
        return Reading.refused(
            Reason.MALFORMED_URL, "the port '" + portText + "' is not a number from 1 to 65535");
      }
    }
    HostReading host = readHost(hostText);
    if (host.host() == null) {
      return Reading.refused(
          host.reason() != null ? host.reason() : Reason.MALFORMED_URL, host.message());
    }
    String target = target(raw.substring(authorityEnd));
    EgressUrl url = new EgressUrl(scheme, host.host(), host.kind(), host.locality(), port, target);
    return new Reading(url, null, "");
  }

  /**
   * Resolve a redirect's {@code Location} against the URL that answered, then read the result like
   * any other URL.
   */
  static Reading resolve(EgressUrl base, String location) {
    String blank = blankOrControl(location);
    if (blank != null) {
      return Reading.refused(Reason.MALFORMED_URL, blank);
    }
    int colon = location.indexOf(':');
    int slash = location.indexOf('/');
    if (colon > 0 && (slash < 0 || colon < slash) && isScheme(location, colon)) {
      return read(location);
    }
    String origin = base.scheme() + "://" + base.authorityHost() + ":" + base.port();
    if (location.startsWith("//")) {
      return read(base.scheme() + ":" + location);
    }
    if (location.startsWith("/")) {
      return read(origin + location);
    }
    String path = base.path();
    if (location.startsWith("?")) {
      return read(origin + path + location);
    }
    return read(origin + path.substring(0, path.lastIndexOf('/') + 1) + location);
  }

  /**
   * Read a host as written in a URL's authority or a policy rule: a name, a canonical IPv4 address,
   * or an IPv6 address in brackets.
   */
  static HostReading readHost(String text) {
    if (text.isEmpty()) {
      return HostReading.refused(Reason.MALFORMED_URL, "the URL has no host");
    }
    if (text.startsWith("[")) {
      if (!text.endsWith("]")) {
        return HostReading.refused(Reason.MALFORMED_URL, "the IPv6 address has no closing ']'");
      }
      String inner = text.substring(1, text.length() - 1);
      if (inner.indexOf('%') >= 0) {
        return HostReading.refused(
            Reason.IP_LITERAL, "the IPv6 address " + text + " names a zone, which is refused");
      }
      byte[] bytes = IpAddresses.ipv6(inner);
      if (bytes == null) {
        return HostReading.refused(
            Reason.MALFORMED_URL, "'" + text + "' is not a valid IPv6 address");
      }
      return new HostReading(
          IpAddresses.ipv6Text(bytes),
          EgressUrl.HostKind.IPV6,
          IpAddresses.classifyIpv6(bytes),
          null,
          "");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == ':' || c == '[' || c == ']' || c == '/' || c == '@') {
        return HostReading.refused(
            Reason.MALFORMED_URL, "the host '" + text + "' holds '" + c + "'");
      }
    }
    HostNames.Normalized normalized = HostNames.toAscii(text);
    String ascii = normalized.ascii();
    if (ascii == null) {
      return HostReading.refused(
          Reason.MALFORMED_URL, "the host '" + text + "' is " + normalized.problem());
    }
    if (IpAddresses.looksLikeIpv4(ascii)) {
      byte[] bytes = IpAddresses.canonicalIpv4(ascii);
      if (bytes == null) {
        String reading = IpAddresses.lenientIpv4(ascii);
        String as = reading == null ? "" : ", which some parsers read as " + reading;
        return HostReading.refused(
            Reason.IP_LITERAL,
            "the host '"
                + text
                + "' is an IPv4 address in a non-canonical form"
                + as
                + "; only a.b.c.d in decimal without leading zeros is accepted");
      }
      return new HostReading(
          ascii, EgressUrl.HostKind.IPV4, IpAddresses.classifyIpv4(bytes, 0), null, "");
    }
    IpAddresses.Locality locality =
        HostNames.isMetadata(ascii)
            ? IpAddresses.Locality.METADATA
            : HostNames.isLocal(ascii) ? IpAddresses.Locality.LOCAL : IpAddresses.Locality.PUBLIC;
    return new HostReading(ascii, EgressUrl.HostKind.NAME, locality, null, "");
  }

  /** Return a sentence naming the first blank or control character, or null when there is none. */
  static @Nullable String blankOrControl(String text) {
    if (text.isEmpty()) {
      return "the URL is empty";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean bad =
          c <= 0x20
              || (c >= 0x7f && c <= 0xa0)
              || Character.isWhitespace(c)
              || Character.isSpaceChar(c)
              || Character.getType(c) == Character.FORMAT
              || Character.getType(c) == Character.CONTROL;
      if (bad) {
        return String.format(
            Locale.ROOT,
            "the URL holds a blank or control character (U+%04X) at index %d",
            (int) c,
            i);
      }
    }
    return null;
  }

  private static boolean isScheme(String text, int end) {
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
      if (!(letter || (i > 0 && other))) {
        return false;
      }
    }
    return true;
  }

  private static int port(String text) {
    if (text.length() > 5) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535 ? port : -1;
  }

  /** Return the path and query, without the fragment, encoded and with dot segments removed. */
  private static String target(String rest) {
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    int question = rest.indexOf('?');
    String path = question < 0 ? rest : rest.substring(0, question);
    String query = question < 0 ? null : rest.substring(question + 1);
    String encodedPath = removeDotSegments(encode(path.isEmpty() ? "/" : path));
    return query == null ? encodedPath : encodedPath + "?" + encode(query);
  }

  private static String encode(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean keep =
          c > 0x20 && c < 0x7f && "\"<>^`{|}[]".indexOf(c) < 0 && (c != '%' || isEscape(text, i));
      if (keep) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
      for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(HEX[(b >> 4) & 15]).append(HEX[b & 15]);
      }
      i = end - 1;
    }
    return out == null ? text : out.toString();
  }

  private static boolean isEscape(String text, int at) {
    return at + 2 < text.length()
        && Character.digit(text.charAt(at + 1), 16) >= 0
        && Character.digit(text.charAt(at + 2), 16) >= 0;
  }

  private static String removeDotSegments(String path) {
    if (path.indexOf("/.") < 0) {
      return path;
    }
    Deque<String> kept = new ArrayDeque<>();
    String[] segments = path.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      if (segment.equals(".") || segment.equals("..")) {
        if (segment.equals("..") && !kept.isEmpty()) {
          kept.removeLast();
        }
        if (last) {
          kept.addLast("");
        }
      } else {
        kept.addLast(segment);
      }
    }
    return "/" + String.join("/", kept);
  }
}
