package dev.gauntlet.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Read the {@code ${…}} expressions of a script's string the way the scripted agent substitutes
 * them: an expression runs from {@code ${} to the first {@code }}, blanks inside are ignored, and
 * {@code $${} stands for a literal {@code ${} that starts none. Inside is a variable's name or
 * {@code count(name)}.
 */
final class Expressions {

  static final String NAME_RULE = "[A-Za-z_][A-Za-z0-9_]*";

  private static final Pattern NAME = Pattern.compile(NAME_RULE);
  private static final Pattern CALL =
      Pattern.compile("(" + NAME_RULE + ")\\(.*\\)", Pattern.DOTALL);
  private static final Pattern OPEN_CALL = Pattern.compile(NAME_RULE + "\\s*\\(.*", Pattern.DOTALL);
  private static final String COUNT = "count(";

  private Expressions() {}

  /**
   * One expression as written.
   *
   * @param written the expression with its braces, e.g. {@code ${count(notes)}}
   * @param name the variable it reads, or null when it is malformed
   * @param malformed why no variable can be read from it, or null when one can
   */
  record Expression(String written, @Nullable String name, @Nullable String malformed) {}

  /** Return the expressions of a string, in order; an unclosed one is the last. */
  static List<Expression> in(String text) {
    List<Expression> found = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      if (text.startsWith("$${", at)) {
        at += 3;
      } else if (text.startsWith("${", at)) {
        int end = text.indexOf('}', at + 2);
        if (end < 0) {
          found.add(unclosed(text.substring(at)));
          return found;
        }
        found.add(read(text.substring(at, end + 1)));
        at = end + 1;
      } else {
        at++;
      }
    }
    return found;
  }

  /** Return the text a string without expressions becomes when substituted: {@code $${} is {@code ${}. */
  static String literal(String text) {
    return text.replace("$${", "${");
  }

  private static Expression unclosed(String rest) {
    return new Expression(
        rest,
        null,
        "expression '"
            + Describe.shorten(rest)
            + "' is never closed; every '${' needs a matching '}'");
  }

  private static Expression read(String written) {
    String inside = written.substring(2, written.length() - 1).strip();
    if (inside.isEmpty()) {
      return new Expression(
          written,
          null,
          "empty expression '"
              + Describe.shorten(written)
              + "'; write a variable such as ${n} or a call such as ${count(n)} inside the braces");
    }
    inside = inside.replaceFirst("^count\\s+\\(", COUNT);
    boolean count = inside.startsWith(COUNT) && inside.endsWith(")");
    String name = count ? inside.substring(COUNT.length(), inside.length() - 1).strip() : inside;
    if (NAME.matcher(name).matches()) {
      return new Expression(written, name, null);
    }
    Matcher call = CALL.matcher(inside);
    String shown = Describe.shorten(written);
    if (OPEN_CALL.matcher(inside).matches() && !inside.endsWith(")")) {
      return new Expression(
          written,
          null,
          "the call in '"
              + shown
              + "' is not closed: add ')' before '}', as in ${"
              + Describe.shorten(inside)
              + ")}");
    }
    if (!count && call.matches()) {
      return new Expression(
          written,
          null,
          "unknown function '"
              + Describe.shorten(call.group(1))
              + "' in '"
              + shown
              + "'; the only function is count(name)");
    }
    return new Expression(
        written,
        null,
        "expression '" + shown + "' does not name a variable: a name matches " + NAME_RULE);
  }
}
