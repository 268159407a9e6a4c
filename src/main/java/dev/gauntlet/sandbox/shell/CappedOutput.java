package dev.gauntlet.sandbox.shell;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keep the head and the tail of one output stream, and count everything in between. The text shows
 * a marker where bytes were cut, so the agent always knows that it did not see everything.
 */
final class CappedOutput {

  private final byte[] head;
  private final byte[] tail;
  private int headSize;
  private int tailStart;
  private int tailSize;
  private long total;

  /** Keep at most {@code limit} bytes: the first half and the last half of what is written. */
  CappedOutput(int limit) {
    this.head = new byte[limit / 2];
    this.tail = new byte[limit - limit / 2];
  }

  synchronized void write(byte[] bytes, int offset, int length) {
    total += length;
    int toHead = Math.min(length, head.length - headSize);
    System.arraycopy(bytes, offset, head, headSize, toHead);
    headSize += toHead;
    for (int i = offset + toHead; i < offset + length; i++) {
      tail[(tailStart + tailSize) % tail.length] = bytes[i];
      if (tailSize < tail.length) {
        tailSize++;
      } else {
        tailStart = (tailStart + 1) % tail.length;
      }
    }
  }

  /** Return how many bytes were written in all, shown or not. */
  synchronized long total() {
    return total;
  }

  /**
   * Return the output as UTF-8 text: all of it when it fits, else the head, a line {@code [… N
   * bytes cut …]} and the tail. A character split by the cut is cut whole and counted.
   */
  synchronized String text() {
    byte[] last = new byte[tailSize];
    for (int i = 0; i < tailSize; i++) {
      last[i] = tail[(tailStart + i) % tail.length];
    }
    long cut = total - headSize - tailSize;
    if (cut == 0) {
      ByteArrayOutputStream all = new ByteArrayOutputStream(headSize + tailSize);
      all.write(head, 0, headSize);
      all.write(last, 0, last.length);
      return all.toString(StandardCharsets.UTF_8);
    }
    int headEnd = completeEnd(head, headSize);
    int tailFrom = firstStart(last);
    cut += (headSize - headEnd) + tailFrom;
    return new String(head, 0, headEnd, StandardCharsets.UTF_8)
        + "\n[… "
        + cut
        + " bytes cut …]\n"
        + new String(last, tailFrom, last.length - tailFrom, StandardCharsets.UTF_8);
  }

  /** Return where the bytes end once an unfinished UTF-8 sequence at the end is dropped. */
  private static int completeEnd(byte[] bytes, int size) {
    for (int back = 1; back <= Math.min(4, size); back++) {
      int b = bytes[size - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue;
      }
      int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return length > back ? size - back : size;
    }
    return size;
  }

  /** Return where the first whole UTF-8 character starts, skipping the end of a cut one. */
  private static int firstStart(byte[] bytes) {
    int start = 0;
    while (start < Math.min(3, bytes.length) && (bytes[start] & 0xC0) == 0x80) {
      start++;
    }
    return start;
  }
}
