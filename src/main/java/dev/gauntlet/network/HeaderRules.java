package dev.gauntlet.network;

import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The rules HTTP sets for header names and values (RFC 9110, section 5), checked when a mock or a
 * scripted request is loaded: the server refuses a header that breaks them only when it answers, as
 * an I/O error the agent would be blamed for.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class HeaderRules {

  /** A token: one or more of the characters RFC 9110 allows in a header's name. */
  private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private static final String NAME_RULE =
      "a header name is one or more letters, digits and !#$%&'*+-.^_`|~, with no space or colon";

  private HeaderRules() {}

  /** Whether {@code name} can be a header's name. */
  public static boolean isName(String name) {
    return NAME.matcher(name).matches();
  }

  /** Say why {@code name} cannot be a header's name, or nothing when it can. */
  static Optional<String> whyNotName(String name) {
    if (name.isEmpty()) {
      return Optional.of("the header name is empty; " + NAME_RULE);
    }
    if (!isName(name)) {
      return Optional.of("the header name '" + name + "' is not valid HTTP; " + NAME_RULE);
    }
    return Optional.empty();
  }

  /** Say why {@code value} cannot be a header's value, or nothing when it can. */
  static Optional<String> whyNotValue(String name, @Nullable String value) {
    if (value == null) {
      return Optional.of(
          "the header '" + name + "' has no value; write one, or \"\" for an empty value");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return Optional.of(
            String.format(
                "the value of the header '%s' holds the control character U+%04X at index %d;"
                    + " a header value is one line of text",
                name, (int) c, i));
      }
    }
    return Optional.empty();
  }
}
