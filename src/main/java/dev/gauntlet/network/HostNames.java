package dev.gauntlet.network;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turn host names into the one form that policies match: ASCII by UTS-46 (so {@code EXAMPLE.com},
 * {@code example。com} and {@code bücher.example} become {@code example.com} and {@code
 * xn--bcher-kva.example}), lower case, without a trailing dot.
 *
 * <p>ICU4J rather than {@link java.net.IDN}: the JDK implements IDNA 2003 on Unicode 3.2, which
 * refuses names registered under IDNA 2008 and maps some characters differently from browsers.
 */
final class HostNames {

  private static final IDNA UTS46 =
      IDNA.getUTS46Instance(
          IDNA.NONTRANSITIONAL_TO_ASCII
              | IDNA.CHECK_BIDI
              | IDNA.CHECK_CONTEXTJ
              | IDNA.CHECK_CONTEXTO
              | IDNA.USE_STD3_RULES);

  /** Names that cloud providers answer with instance metadata; always refused. */
  private static final Set<String> METADATA_NAMES =
      Set.of(
          "metadata",
          "metadata.google.internal",
          "metadata.goog",
          "instance-data",
          "instance-data.ec2.internal",
          "metadata.tencentyun.com");

  /** Suffixes that name this machine or a private network, never a public host. */
  private static final String[] LOCAL_SUFFIXES = {
    ".localhost", ".local", ".localdomain", ".internal", ".home.arpa", ".lan", ".intranet"
  };

  private HostNames() {}

  /** The outcome of normalising one name: the ASCII name, or why it has none. */
  record Normalized(@Nullable String ascii, @Nullable String problem) {}

  /** Return the ASCII form of {@code name}, or the problem that prevents one. */
  static Normalized toAscii(String name) {
    String ascii = fastAscii(name);
    if (ascii == null) {
      IDNA.Info info = new IDNA.Info();
      String mapped = UTS46.nameToASCII(name, new StringBuilder(), info).toString();
      EnumSet<IDNA.Error> errors = EnumSet.noneOf(IDNA.Error.class);
      errors.addAll(info.getErrors());
      // Real names such as r3---sn-x.googlevideo.com carry hyphens in the third and fourth place.
      errors.remove(IDNA.Error.HYPHEN_3_4);
      if (!errors.isEmpty()) {
        return new Normalized(
            null, "not a valid host name under UTS-46 (" + describe(errors) + ")");
      }
      ascii = mapped;
    }
    if (ascii.endsWith(".")) {
      ascii = ascii.substring(0, ascii.length() - 1);
    }
    if (ascii.isEmpty() || ascii.endsWith(".") || ascii.startsWith(".") || ascii.contains("..")) {
      return new Normalized(null, "a host name has an empty label");
    }
    return new Normalized(ascii, null);
  }

  /**
   * Lower-case a plain ASCII name that UTS-46 would leave as it is, saving ICU's cost on the common
   * path; return null for anything else, which ICU then judges.
   */
  private static @Nullable String fastAscii(String name) {
    int length = name.length();
    if (length == 0 || length > 254) {
      return null;
    }
    int labelStart = 0;
    for (int i = 0; i <= length; i++) {
      char c = i < length ? name.charAt(i) : '.';
      if (c == '.') {
        int labelLength = i - labelStart;
        if (labelLength == 0) {
          return i == length && i > 0 ? name.toLowerCase(Locale.ROOT) : null;
        }
        if (labelLength > 63
            || name.charAt(labelStart) == '-'
            || name.charAt(i - 1) == '-'
            || name.regionMatches(true, labelStart, "xn--", 0, 4)) {
          return null;
        }
        labelStart = i + 1;
      } else if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-')) {
        return null;
      }
    }
    return length > 253 ? null : name.toLowerCase(Locale.ROOT);
  }

  private static String describe(EnumSet<IDNA.Error> errors) {
    StringBuilder text = new StringBuilder();
    for (IDNA.Error error : errors) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(error.name().toLowerCase(Locale.ROOT));
    }
    return text.toString();
  }

  /** Whether {@code ascii} names cloud metadata. */
  static boolean isMetadata(String ascii) {
    return METADATA_NAMES.contains(ascii);
  }

  /**
   * Whether {@code ascii} names this machine or a private network: {@code localhost} and its
   * subdomains, private-use suffixes, and single-label names, which resolvers complete with the
   * local search domain.
   */
  static boolean isLocal(String ascii) {
    if (ascii.indexOf('.') < 0) {
      return true;
    }
    for (String suffix : LOCAL_SUFFIXES) {
      if (ascii.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
