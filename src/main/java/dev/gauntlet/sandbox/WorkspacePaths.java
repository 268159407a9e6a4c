package dev.gauntlet.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Judge a path an agent or a scenario names, by its text alone, before it touches the file system.
 * The same rules guard seed files at load time and agent actions at run time.
 *
 * <p>A workspace path is relative, uses {@code /} between names and never climbs above the root.
 * The rules are the same on every operating system, so a scenario that passes on Linux cannot
 * escape on Windows: backslashes, drive letters, UNC paths, {@code :} (an NTFS data stream) and
 * names that Windows would silently shorten (a trailing dot or space) are refused everywhere. Text
 * is judged as given and once more after one round of percent-decoding, so that a tool or server
 * further down that decodes URLs cannot be led out of the workspace; it is never decoded twice, and
 * the file opened is always the one named by the text as given.
 *
 * <p>Reason codes: {@code empty_path}, {@code nul_byte}, {@code control_character}, {@code
 * windows_path}, {@code absolute_path}, {@code reserved_character}, {@code path_escape} and {@code
 * percent_encoded}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class WorkspacePaths {

  private static final String RESERVED = "<>\"|?*";

  private WorkspacePaths() {}

  /**
   * Return why a workspace-relative path is refused, as a reason code, or null when its text is
   * acceptable. Acceptable text can still be refused later, e.g. when a symbolic link leads out of
   * the workspace.
   */
  public static @Nullable String violation(String path) {
    Violation violation = judge(path);
    return violation == null ? null : violation.reason();
  }

  /**
   * Return one sentence saying why a workspace-relative path is refused and what the rule is, or
   * null when its text is acceptable.
   */
  public static @Nullable String explanation(String path) {
    Violation violation = judge(path);
    return violation == null ? null : violation.message();
  }

  /** A refused path's reason code and the sentence that explains it. */
  record Violation(String reason, String message) {}

  static @Nullable Violation judge(String path) {
    Violation asGiven = judgeText(path);
    if (asGiven != null || path.indexOf('%') < 0) {
      return asGiven;
    }
    String decoded = decodeOnce(path);
    Violation afterDecoding = judgeText(decoded);
    if (afterDecoding == null) {
      return null;
    }
    return new Violation(
        "percent_encoded",
        "Path "
            + quote(path)
            + " decodes to "
            + quote(decoded)
            + ", which is refused ("
            + afterDecoding.reason()
            + "); paths are judged as given and once percent-decoded.");
  }

  /**
   * Return the names a path walks through after removing {@code .} and empty names and applying
   * {@code ..}, for a path that {@link #judge} accepted; an empty list names the root.
   */
  static List<String> names(String path) {
    List<String> names = new ArrayList<>();
    for (String name : path.split("/", -1)) {
      if (name.equals("..")) {
        names.remove(names.size() - 1);
      } else if (!name.isEmpty() && !name.equals(".")) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * Quote a path for a message, showing control characters as escapes so that the text stays on one
   * line.
   */
  static String quote(String path) {
    StringBuilder quoted = new StringBuilder("'");
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\0') {
        quoted.append("\\0");
      } else if (Character.isISOControl(c)) {
        quoted.append(String.format("\\u%04X", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('\'').toString();
  }

  private static @Nullable Violation judgeText(String path) {
    if (path.isEmpty()) {
      return new Violation(
          "empty_path",
          "The path is empty; name a file or directory inside the workspace, e.g. 'notes.md'.");
    }
    if (path.indexOf('\0') >= 0) {
      return new Violation(
          "nul_byte",
          "Path "
              + quote(path)
              + " contains a NUL character, where file systems would cut the name short.");
    }
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        return new Violation(
            "control_character",
            "Path " + quote(path) + " contains a control character; names must be printable.");
      }
    }
    if (path.indexOf('\\') >= 0) {
      return new Violation(
          "windows_path",
          "Path "
              + quote(path)
              + " contains a backslash; separate names with '/' (backslashes, drive letters and UNC"
              + " paths are refused on every operating system).");
    }
    if (path.indexOf(':') >= 0) {
      return new Violation(
          "windows_path",
          "Path "
              + quote(path)
              + " contains ':', which Windows reads as a drive letter or a data stream; names must not"
              + " contain it on any operating system.");
    }
    if (path.startsWith("/")) {
      return new Violation(
          "absolute_path",
          "Path "
              + quote(path)
              + " is absolute; name it relative to the workspace root, e.g. 'notes.md'.");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (RESERVED.indexOf(c) >= 0) {
        return new Violation(
            "reserved_character",
            "Path "
                + quote(path)
                + " contains '"
                + c
                + "', one of the characters Windows forbids in names ("
                + RESERVED
                + "); they are refused on every operating system.");
      }
    }
    return judgeNames(path);
  }

  private static @Nullable Violation judgeNames(String path) {
    int depth = 0;
    for (String name : path.split("/", -1)) {
      if (name.equals("..")) {
        depth--;
      } else if (name.endsWith(".") || name.endsWith(" ")) {
        if (!name.equals(".")) {
          return new Violation(
              "windows_path",
              "Path "
                  + quote(path)
                  + " has the name '"
                  + name
                  + "', ending in a dot or a space, which Windows silently strips.");
        }
      } else if (!name.isEmpty()) {
        depth++;
      }
      if (depth < 0) {
        return new Violation(
            "path_escape",
            "Path "
                + quote(path)
                + " climbs out of the workspace through '..'; paths must stay inside it.");
      }
    }
    return null;
  }

  /**
   * Decode {@code %XX} escapes once, as a URL decoder would, reading the bytes as UTF-8. A {@code
   * %} not followed by two hex digits stays as it is, and {@code +} stays a plus: this is a path,
   * not a form.
   */
  static String decodeOnce(String text) {
    StringBuilder decoded = new StringBuilder(text.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '%' && i + 2 < text.length() && isEscape(text, i)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 3;
        continue;
      }
      flush(bytes, decoded);
      decoded.append(text.charAt(i));
      i++;
    }
    flush(bytes, decoded);
    return decoded.toString();
  }

  private static boolean isEscape(String text, int percent) {
    return Character.digit(text.charAt(percent + 1), 16) >= 0
        && Character.digit(text.charAt(percent + 2), 16) >= 0;
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder decoded) {
    if (bytes.size() > 0) {
      decoded.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
      bytes.reset();
    }
  }
}
