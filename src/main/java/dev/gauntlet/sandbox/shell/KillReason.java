package dev.gauntlet.sandbox.shell;

import java.util.Locale;

/** Say why the shell tool ended a command before it finished on its own. */
enum KillReason {
  /** The command was still running at its wall-clock limit. */
  TIMEOUT,
  /** The command sat blocked reading a stdin that no one will write to. */
  WAITING_FOR_INPUT,
  /** The command printed more than the hard output limit. */
  OUTPUT_LIMIT,
  /** The command ran more processes at once than allowed. */
  PROCESS_LIMIT;

  /** The code written in results and traces, e.g. {@code waiting_for_input}. */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
