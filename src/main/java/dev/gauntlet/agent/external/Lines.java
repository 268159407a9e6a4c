package dev.gauntlet.agent.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Read a program's output line by line on a thread of its own, so that the harness can wait for a
 * line with a deadline. A line longer than {@link #MAX_LINE} characters is cut and marked, so that
 * output without newlines cannot fill the memory.
 */
final class Lines {

  static final int MAX_LINE = 1 << 20;

  /** One line, or the end of the output ({@code end}). */
  record Line(String text, boolean cut, boolean end) {}

  private static final Line END = new Line("", false, true);

  private final BlockingQueue<Line> queue = new LinkedBlockingQueue<>();

  private Lines() {}

  static Lines follow(InputStream stream, String name) {
    Lines lines = new Lines();
    Thread thread = new Thread(() -> lines.pump(stream), name);
    thread.setDaemon(true);
    thread.start();
    return lines;
  }

  /** Return the next line, or null when none came within the time. */
  @Nullable Line next(long nanos) throws InterruptedException {
    return queue.poll(nanos, TimeUnit.NANOSECONDS);
  }

  private void pump(InputStream stream) {
    try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      boolean cut = false;
      int c;
      while ((c = reader.read()) >= 0) {
        if (c == '\n') {
          queue.add(new Line(strip(line), cut, false));
          line.setLength(0);
          cut = false;
        } else if (line.length() < MAX_LINE) {
          line.append((char) c);
        } else {
          cut = true;
        }
      }
      if (line.length() > 0) {
        queue.add(new Line(strip(line), cut, false));
      }
    } catch (IOException e) {
      // The process went away; the end below says so.
    }
    queue.add(END);
  }

  private static String strip(StringBuilder line) {
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }
}
