package dev.gauntlet.agent.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** Drain a program's standard error, keeping its last characters for messages. */
final class Tail {

  private static final int KEPT = 2000;

  private final StringBuilder kept = new StringBuilder();

  private Tail() {}

  static Tail follow(InputStream stream, String name) {
    Tail tail = new Tail();
    Thread thread = new Thread(() -> tail.pump(stream), name);
    thread.setDaemon(true);
    thread.start();
    return tail;
  }

  private void pump(InputStream stream) {
    char[] buffer = new char[4096];
    try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
      int n;
      while ((n = reader.read(buffer)) >= 0) {
        synchronized (kept) {
          kept.append(buffer, 0, n);
          if (kept.length() > 2 * KEPT) {
            kept.delete(0, kept.length() - KEPT);
          }
        }
      }
    } catch (IOException e) {
      // The process went away.
    }
  }

  /** Return the last characters written, at most 2000. */
  String text() {
    synchronized (kept) {
      int from = Math.max(0, kept.length() - KEPT);
      return kept.substring(from).strip();
    }
  }
}
