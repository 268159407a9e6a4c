package dev.gauntlet.sandbox.shell;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Summarise a workspace tree cheaply: every entry's path, kind, size and modification time, without
 * reading contents or following links. Two fingerprints differ when an entry was added, removed,
 * resized or touched. A tree of more than {@link #MAX_ENTRIES} entries, or one that could not be
 * walked, gives an incomplete fingerprint, which is never taken as unchanged.
 */
final class WorkspaceFingerprint {

  static final int MAX_ENTRIES = 50_000;

  private final Map<Path, String> entries;
  private final boolean complete;

  private WorkspaceFingerprint(Map<Path, String> entries, boolean complete) {
    this.entries = entries;
    this.complete = complete;
  }

  static WorkspaceFingerprint of(Path root) {
    Map<Path, String> entries = new HashMap<>();
    boolean[] complete = {true};
    try {
      Files.walkFileTree(
          root,
          EnumSet.noneOf(FileVisitOption.class),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(
                Path directory, BasicFileAttributes attributes) {
              return record(directory, attributes);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              return record(file, attributes);
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
              complete[0] = false;
              return FileVisitResult.CONTINUE;
            }

            private FileVisitResult record(Path path, BasicFileAttributes attributes) {
              if (entries.size() >= MAX_ENTRIES) {
                complete[0] = false;
                return FileVisitResult.TERMINATE;
              }
              entries.put(root.relativize(path), describe(attributes));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      complete[0] = false;
    }
    return new WorkspaceFingerprint(entries, complete[0]);
  }

  private static String describe(BasicFileAttributes attributes) {
    String kind =
        attributes.isDirectory()
            ? "d"
            : attributes.isSymbolicLink() ? "l" : attributes.isRegularFile() ? "f" : "o";
    // A directory's size and time change with its entries, which are compared on their own.
    return attributes.isDirectory()
        ? kind
        : kind + attributes.size() + "@" + attributes.lastModifiedTime();
  }

  /**
   * Return whether nothing in the tree was added, removed, resized or touched since {@code before}.
   */
  boolean sameAs(@Nullable WorkspaceFingerprint before) {
    return before != null && complete && before.complete && entries.equals(before.entries);
  }
}
