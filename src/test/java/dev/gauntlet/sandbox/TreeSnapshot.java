package dev.gauntlet.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Record every entry under a directory, without following links: a file's content, a directory, or
 * a link's target. Two snapshots are equal when nothing was created, changed or deleted in between.
 */
final class TreeSnapshot {

  private TreeSnapshot() {}

  static Map<String, String> of(Path top) {
    Map<String, String> entries = new TreeMap<>();
    try {
      Files.walkFileTree(
          top,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(
                Path directory, BasicFileAttributes attributes) {
              entries.put(top.relativize(directory).toString(), "directory");
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              String name = top.relativize(file).toString();
              if (attributes.isSymbolicLink()) {
                entries.put(name, "link to " + Files.readSymbolicLink(file));
              } else {
                entries.put(name, "file: " + Files.readString(file, StandardCharsets.UTF_8));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, @Nullable IOException e) {
              entries.put(top.relativize(file).toString(), "unreadable");
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }
}
