package dev.gauntlet.scenario;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Report one thing wrong with a scenario or policy file: where, under which key, and what.
 *
 * @param file the file
 * @param line 1-based line, or 0 when the problem belongs to the file as a whole
 * @param column 1-based column, or 0 with line 0
 * @param keyPath the key path in the document, e.g. {@code agent.scripted[3].write.path}; empty at
 *     the top
 * @param message one sentence: the offending value and the rule, with a suggestion where one helps
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Problem(Path file, int line, int column, String keyPath, String message) {

  /**
   * Escape whatever does not print in the key path and the message, so that no value quoted from a
   * file can drive the terminal that shows the problem, whichever reader wrote the message.
   */
  public Problem {
    keyPath = Describe.printable(keyPath);
    message = Describe.printable(message);
  }

  /** Format as {@code file:line:column keyPath: message}, the layout of compilers and linters. */
  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line + ":" + column : file.toString();
    return keyPath.isEmpty() ? where + ": " + message : where + " " + keyPath + ": " + message;
  }
}
