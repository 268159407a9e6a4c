package dev.gauntlet.sandbox;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.READ;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Set;

/**
 * Read a file as UTF-8 text. A file larger than the limit is shown as its head and its tail with a
 * marker saying how many bytes were cut between them, so the agent always knows that it did not see
 * everything.
 */
final class ReadTool extends FileTool {

  /** The most bytes of a file the agent is shown. */
  static final int DEFAULT_LIMIT = 64 * 1024;

  private final int limit;

  ReadTool() {
    this(DEFAULT_LIMIT);
  }

  ReadTool(int limit) {
    super("read", "path");
    if (limit < 2) {
      throw new IllegalArgumentException("The read limit must be at least 2 bytes, not " + limit);
    }
    this.limit = limit;
  }

  @Override
  Execution run(Resolution.Inside path, Arguments arguments, Workspace workspace)
      throws IOException {
    Path target = path.target();
    BasicFileAttributes attributes =
        Files.readAttributes(target, BasicFileAttributes.class, NOFOLLOW_LINKS);
    if (attributes.isDirectory()) {
      return Performed.nothing(
          error(
              "is_a_directory",
              WorkspacePaths.quote(path.given()) + " is a directory; list it to see what it holds.",
              path.given()));
    }
    if (!attributes.isRegularFile()) {
      return Performed.nothing(
          error(
              "not_a_file",
              WorkspacePaths.quote(path.given()) + " is not a regular file.",
              path.given()));
    }
    try (SeekableByteChannel channel = Files.newByteChannel(target, Set.of(READ, NOFOLLOW_LINKS))) {
      long size = channel.size();
      ToolResult result;
      if (size <= limit) {
        result = ToolResult.ok(text(readAt(channel, 0, (int) size)));
      } else {
        byte[] head = wholeCharactersAtStart(readAt(channel, 0, limit / 2));
        byte[] tail = wholeCharactersAtEnd(readAt(channel, size - limit / 2, limit / 2));
        long cut = size - head.length - tail.length;
        result =
            ToolResult.ok(text(head) + "\n[… " + cut + " bytes cut …]\n" + text(tail))
                .with("cut", cut);
      }
      return Performed.readOnly(result.with("path", path.given()).with("bytes", size));
    }
  }

  private static byte[] readAt(SeekableByteChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    channel.position(position);
    while (buffer.hasRemaining() && channel.read(buffer) > 0) {
      // Keep reading: a channel may return fewer bytes than asked.
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Drop a character whose bytes the cut split at the end of the head. */
  static byte[] wholeCharactersAtStart(byte[] head) {
    int start = head.length - 1;
    while (start >= 0 && start > head.length - 4 && isContinuation(head[start])) {
      start--;
    }
    if (start < 0) {
      return head;
    }
    int lead = head[start] & 0xFF;
    int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return head.length - start < needed ? Arrays.copyOf(head, start) : head;
  }

  /** Drop the continuation bytes of a character the cut split at the start of the tail. */
  static byte[] wholeCharactersAtEnd(byte[] tail) {
    int start = 0;
    while (start < tail.length && start < 3 && isContinuation(tail[start])) {
      start++;
    }
    return Arrays.copyOfRange(tail, start, tail.length);
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
