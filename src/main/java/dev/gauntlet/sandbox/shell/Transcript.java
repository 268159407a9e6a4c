package dev.gauntlet.sandbox.shell;

import org.jspecify.annotations.Nullable;

/**
 * Render what a command did as the agent reads it: the exit code or why it was killed, then each
 * stream that printed anything under its name.
 *
 * <pre>
 * exit code 1
 * [stdout]
 * building…
 * [stderr]
 * error: missing semicolon
 * </pre>
 */
final class Transcript {

  private Transcript() {}

  static String render(int exitCode, String stdout, String stderr, @Nullable String killed) {
    StringBuilder text = new StringBuilder();
    text.append(killed == null ? "exit code " + exitCode : "killed: " + killed);
    if (stdout.isEmpty() && stderr.isEmpty()) {
      text.append("\n(no output)");
    }
    section(text, "[stdout]", stdout);
    section(text, "[stderr]", stderr);
    return text.toString();
  }

  private static void section(StringBuilder text, String title, String content) {
    if (content.isEmpty()) {
      return;
    }
    if (text.charAt(text.length() - 1) != '\n') {
      text.append('\n');
    }
    text.append(title).append('\n').append(content);
  }
}
