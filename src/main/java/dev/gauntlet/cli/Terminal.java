package dev.gauntlet.cli;

import java.io.Console;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Say whether output goes to a person at a terminal, which gets colours and a progress bar, or to a
 * log, which gets plain lines: a terminal is a console ({@link System#console()}) outside CI (the
 * environment variable {@code CI} is not {@code true}).
 */
final class Terminal {

  /** Go back to the start of the line and clear it, to draw the progress bar again. */
  static final String CLEAR_LINE = "\r\u001b[2K";

  private static final String RESET = "\u001b[0m";

  private final boolean interactive;

  private Terminal(boolean interactive) {
    this.interactive = interactive;
  }

  /** Return plain output: no colours, no progress bar. */
  static Terminal plain() {
    return new Terminal(false);
  }

  /** Return the terminal this process writes to, judged from its console and environment. */
  static Terminal detect() {
    return of(isTerminal(System.console()), System.getenv());
  }

  /**
   * Whether the console is a terminal. Up to Java 21 a console exists only for a terminal; from
   * Java 22 on one always exists, and {@code Console.isTerminal()} tells, so it is asked where the
   * running Java has it.
   */
  @SuppressWarnings("SystemConsoleNull") // the check is right on the Java 17 baseline; see above
  private static boolean isTerminal(@Nullable Console console) {
    if (console == null) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  static Terminal of(boolean console, Map<String, String> environment) {
    return new Terminal(console && !"true".equalsIgnoreCase(environment.get("CI")));
  }

  /** Whether a person is watching: colours and a progress bar. */
  boolean interactive() {
    return interactive;
  }

  String green(String text) {
    return colour("32", text);
  }

  String red(String text) {
    return colour("31", text);
  }

  String yellow(String text) {
    return colour("33", text);
  }

  private String colour(String code, String text) {
    return interactive ? "\u001b[" + code + "m" + text + RESET : text;
  }
}
