package dev.gauntlet.sandbox;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.READ;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Capture one entry of the workspace cheaply enough to take before every action: its kind, and for
 * a file its size and a hash of its content. Only the entry an action names is captured, never the
 * tree.
 *
 * @param kind what the entry is
 * @param size the file's size in bytes, 0 for anything else
 * @param hash the SHA-256 of the file's content, null for anything else
 */
record FileState(Kind kind, long size, @Nullable String hash) {

  enum Kind {
    MISSING,
    FILE,
    DIRECTORY,
    LINK,
    OTHER,
    /** The file system could not be asked; such a state equals no other. */
    UNKNOWN
  }

  private static final FileState MISSING = new FileState(Kind.MISSING, 0, null);

  static FileState of(Path path) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return MISSING;
    } catch (IOException e) {
      return new FileState(Kind.UNKNOWN, 0, null);
    }
    if (attributes.isSymbolicLink()) {
      return new FileState(Kind.LINK, 0, null);
    }
    if (attributes.isDirectory()) {
      return new FileState(Kind.DIRECTORY, 0, null);
    }
    if (!attributes.isRegularFile()) {
      return new FileState(Kind.OTHER, 0, null);
    }
    try {
      return new FileState(Kind.FILE, attributes.size(), hash(path));
    } catch (IOException e) {
      return new FileState(Kind.UNKNOWN, 0, null);
    }
  }

  boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }

  boolean exists() {
    return kind != Kind.MISSING;
  }

  /** Return whether the entry is known to be the same in both states. */
  boolean sameAs(FileState other) {
    return kind != Kind.UNKNOWN && equals(other);
  }

  private static String hash(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[8192];
    try (InputStream in =
        Channels.newInputStream(Files.newByteChannel(file, Set.of(READ, NOFOLLOW_LINKS)))) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
