package dev.gauntlet.network;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Read and classify IP literals. Only canonical dotted-quad IPv4 is accepted: other forms (decimal,
 * octal, hexadecimal, shortened) are read differently by different parsers, so they are refused
 * rather than guessed.
 */
final class IpAddresses {

  /** Where a literal points. */
  enum Locality {
    PUBLIC,
    LOCAL,
    METADATA
  }

  private static final Set<String> METADATA_V4 =
      Set.of(
          "169.254.169.254", // AWS, Azure, GCP, OCI, DigitalOcean, OpenStack
          "169.254.170.2", // AWS ECS task metadata
          "169.254.169.123", // AWS time sync
          "100.100.100.200", // Alibaba Cloud
          "168.63.129.16", // Azure wire server, a public address
          "192.0.0.192"); // Oracle Cloud Classic

  private static final Set<String> METADATA_V6 = Set.of("fd00:ec2::254", "fd00:ec2::23");

  private IpAddresses() {}

  /**
   * Whether {@code host} (ASCII, lower case, no trailing dot) is meant as an IPv4 address: its last
   * label is a number, as URL parsers decide it.
   */
  static boolean looksLikeIpv4(String host) {
    String last = host.substring(host.lastIndexOf('.') + 1);
    if (last.isEmpty()) {
      return false;
    }
    if (last.startsWith("0x")) {
      return isHex(last, 2);
    }
    return isDigits(last);
  }

  /** Return the four bytes of a canonical dotted quad, or null when {@code host} is not one. */
  static byte @Nullable [] canonicalIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !isDigits(part)) {
        return null;
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        return null;
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return null;
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  /**
   * Return what a lenient parser (browsers, curl, {@code inet_aton}) reads a non-canonical IPv4
   * host as, e.g. {@code 127.0.0.1} for {@code 0x7f.1}, or null when even they would not read it.
   */
  static @Nullable String lenientIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Long value = lenientNumber(parts[i]);
      if (value == null) {
        return null;
      }
      values[i] = value;
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        return null;
      }
      address |= values[i] << (8 * (3 - i));
    }
    long last = values[values.length - 1];
    if (last >= 1L << (8 * (5 - values.length))) {
      return null;
    }
    address |= last;
    return ((address >> 24) & 255)
        + "."
        + ((address >> 16) & 255)
        + "."
        + ((address >> 8) & 255)
        + "."
        + (address & 255);
  }

  private static @Nullable Long lenientNumber(String part) {
    try {
      if (part.startsWith("0x") || part.startsWith("0X")) {
        return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        return Long.parseLong(part.substring(1), 8);
      }
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Return the sixteen bytes of an IPv6 literal (without brackets), or null when it is not one. */
  static byte @Nullable [] ipv6(String text) {
    if (text.isEmpty() || text.indexOf('%') >= 0) {
      return null;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head;
    int[] tail;
    if (gap >= 0) {
      head = groups(text.substring(0, gap), false);
      tail = groups(text.substring(gap + 2), true);
    } else {
      head = groups(text, true);
      tail = new int[0];
    }
    if (head == null || tail == null) {
      return null;
    }
    int total = head.length + tail.length;
    if (gap < 0 ? total != 8 : total > 7) {
      return null;
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < head.length; i++) {
      bytes[2 * i] = (byte) (head[i] >> 8);
      bytes[2 * i + 1] = (byte) head[i];
    }
    for (int i = 0; i < tail.length; i++) {
      int at = 8 - tail.length + i;
      bytes[2 * at] = (byte) (tail[i] >> 8);
      bytes[2 * at + 1] = (byte) tail[i];
    }
    return bytes;
  }

  /** Read colon-separated groups; the last may be a dotted quad when {@code quadAllowed}. */
  private static int @Nullable [] groups(String text, boolean quadAllowed) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] parts = text.split(":", -1);
    int count = parts.length;
    String last = parts[count - 1];
    boolean quad = quadAllowed && last.indexOf('.') >= 0;
    int[] groups = new int[quad ? count + 1 : count];
    for (int i = 0; i < (quad ? count - 1 : count); i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 4 || !isHex(part, 0)) {
        return null;
      }
      groups[i] = Integer.parseInt(part, 16);
    }
    if (quad) {
      byte[] v4 = canonicalIpv4(last);
      if (v4 == null) {
        return null;
      }
      groups[count - 1] = ((v4[0] & 255) << 8) | (v4[1] & 255);
      groups[count] = ((v4[2] & 255) << 8) | (v4[3] & 255);
    }
    return groups;
  }

  /** Format an IPv6 address as RFC 5952 prescribes, e.g. {@code ::ffff:127.0.0.1}. */
  static String ipv6Text(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 255) << 8) | (bytes[2 * i + 1] & 255);
    }
    boolean mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0;
    mapped = mapped && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xffff;
    int end = mapped ? 6 : 8;
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < end; ) {
      int j = i;
      while (j < end && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < end; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    if (mapped) {
      if (text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(ipv4Text(bytes, 12));
    }
    return text.toString();
  }

  static String ipv4Text(byte[] bytes, int offset) {
    return (bytes[offset] & 255)
        + "."
        + (bytes[offset + 1] & 255)
        + "."
        + (bytes[offset + 2] & 255)
        + "."
        + (bytes[offset + 3] & 255);
  }

  static Locality classifyIpv4(byte[] bytes, int offset) {
    if (METADATA_V4.contains(ipv4Text(bytes, offset))) {
      return Locality.METADATA;
    }
    int a = bytes[offset] & 255;
    int b = bytes[offset + 1] & 255;
    int c = bytes[offset + 2] & 255;
    boolean local =
        a == 0 // "this network", 0.0.0.0 reaches loopback on Linux
            || a == 10
            || a == 127
            || (a == 100 && b >= 64 && b < 128) // shared address space (CGNAT)
            || (a == 169 && b == 254)
            || (a == 172 && b >= 16 && b < 32)
            || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
            || (a == 192 && b == 168)
            || (a == 198 && (b == 18 || b == 19)) // benchmarking
            || a >= 224; // multicast, reserved, broadcast
    return local ? Locality.LOCAL : Locality.PUBLIC;
  }

  static Locality classifyIpv6(byte[] bytes) {
    if (METADATA_V6.contains(ipv6Text(bytes))) {
      return Locality.METADATA;
    }
    int first = ((bytes[0] & 255) << 8) | (bytes[1] & 255);
    int second = ((bytes[2] & 255) << 8) | (bytes[3] & 255);
    boolean zeroPrefix = allZero(bytes, 0, 10);
    int group5 = ((bytes[10] & 255) << 8) | (bytes[11] & 255);
    if (zeroPrefix && group5 == 0xffff) {
      return classifyIpv4(bytes, 12); // IPv4-mapped
    }
    if (zeroPrefix && group5 == 0) {
      // ::, ::1 and the deprecated IPv4-compatible form all stay on this machine or reach IPv4.
      return allZero(bytes, 12, 14) ? Locality.LOCAL : worst(classifyIpv4(bytes, 12));
    }
    if (allZero(bytes, 0, 8) && ((bytes[8] & 255) << 8 | (bytes[9] & 255)) == 0xffff) {
      return classifyIpv4(bytes, 12); // IPv4-translated
    }
    if (first == 0x64 && second == 0xff9b) {
      return allZero(bytes, 4, 12) ? classifyIpv4(bytes, 12) : Locality.LOCAL; // NAT64
    }
    if (first == 0x2002) {
      return classifyIpv4(bytes, 2); // 6to4
    }
    boolean local =
        (first == 0x2001 && second == 0) // Teredo tunnels reach whatever they embed
            || (first == 0x100 && second == 0) // discard prefix
            || (first & 0xfe00) == 0xfc00 // unique local
            || (first & 0xffc0) == 0xfe80 // link-local
            || (first & 0xffc0) == 0xfec0 // site-local, deprecated
            || (first & 0xff00) == 0xff00; // multicast
    return local ? Locality.LOCAL : Locality.PUBLIC;
  }

  private static Locality worst(Locality embedded) {
    return embedded == Locality.PUBLIC ? Locality.LOCAL : embedded;
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0 || text.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }
}
