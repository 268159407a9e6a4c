package dev.gauntlet.sandbox;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.gauntlet.scenario.SeedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Give one run its own directory: the agent's only writable place and its memory between steps.
 * Every path an agent names is resolved through {@link #resolve}, which confines it to the root.
 *
 * <p>Confinement is checked when a path is resolved, and the file is then opened without following
 * a link in its last name. A process outside the run that swaps a directory of the workspace for a
 * symbolic link between those two moments is not defended against: the agent itself has no tool
 * that makes links.
 *
 * <p>Closing deletes the directory unless {@link #keep} was called, so a run can keep a failed
 * workspace for a person to inspect at {@link #root}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Workspace implements AutoCloseable {

  private static final int PREFIX_LENGTH = 40;

  private final Path root;
  private boolean kept;

  private Workspace(Path root) {
    this.root = root;
  }

  /**
   * Create a fresh, empty workspace in a new temporary directory whose name starts with {@code
   * gauntlet-} and the prefix, typically the scenario's id. Characters other than letters, digits,
   * {@code .}, {@code _} and {@code -} become {@code -}, and the prefix is cut to 40 characters.
   */
  public static Workspace create(String prefix) throws IOException {
    return new Workspace(
        Files.createTempDirectory("gauntlet-" + sanitize(prefix) + "-").toRealPath());
  }

  /** Use an existing directory as the workspace, e.g. one a test has laid out next to a sibling. */
  static Workspace at(Path directory) throws IOException {
    return new Workspace(directory.toRealPath());
  }

  static String sanitize(String prefix) {
    String safe = prefix.replaceAll("[^A-Za-z0-9._-]", "-");
    if (safe.length() > PREFIX_LENGTH) {
      safe = safe.substring(0, PREFIX_LENGTH);
    }
    return safe.isEmpty() ? "scenario" : safe;
  }

  /** Return the workspace's directory, as a real path. */
  public Path root() {
    return root;
  }

  /**
   * Write the scenario's seed files, creating their directories. Each path goes through the same
   * confinement as an agent's; a later file with the same path replaces an earlier one.
   *
   * @throws IllegalArgumentException when a seed path is refused; the message names the path and
   *     the rule
   * @throws IOException when a file cannot be written
   */
  public void seed(List<SeedFile> files) throws IOException {
    for (SeedFile file : files) {
      Resolution resolution = resolve(file.path());
      if (resolution instanceof Resolution.Refused refused) {
        throw new IllegalArgumentException(
            "Seed file refused (" + refused.reason() + "): " + refused.message());
      }
      Path target = ((Resolution.Inside) resolution).target();
      if (target.equals(root)) {
        throw new IllegalArgumentException(
            "Seed file refused (workspace_root): path "
                + WorkspacePaths.quote(file.path())
                + " names the workspace root, not a file inside it.");
      }
      Files.createDirectories(Objects.requireNonNull(target.getParent()));
      Files.write(
          target,
          file.content().getBytes(StandardCharsets.UTF_8),
          CREATE,
          TRUNCATE_EXISTING,
          WRITE,
          NOFOLLOW_LINKS);
    }
  }

  /**
   * Resolve a workspace-relative path to the real place it names, or refuse it. The text is judged
   * first ({@link WorkspacePaths}); then each name is looked up without following links, and every
   * symbolic link on the way is followed only when its real target lies inside the root (compared
   * name by name, so a sibling {@code ws-evil} is not inside {@code ws}). A link that leads nowhere
   * is refused too, since creating a file through it would create its target.
   *
   * <p>Reason codes, besides those of {@link WorkspacePaths}: {@code symlink_escape}, {@code
   * broken_symlink} and {@code unverifiable_path} (the file system could not be asked, so the path
   * is refused rather than trusted).
   */
  public Resolution resolve(String path) {
    WorkspacePaths.Violation violation = WorkspacePaths.judge(path);
    if (violation != null) {
      return new Resolution.Refused(path, violation.reason(), violation.message());
    }
    List<String> names = WorkspacePaths.names(path);
    Path current = root;
    for (int i = 0; i < names.size(); i++) {
      Path next = current.resolve(names.get(i));
      boolean last = i == names.size() - 1;
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(next, BasicFileAttributes.class, NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return beyond(path, next, names, i + 1);
      } catch (IOException e) {
        return unverifiable(path, next, e);
      }
      if (!attributes.isSymbolicLink()) {
        if (!last && !attributes.isDirectory()) {
          // The rest cannot exist; the tool reports that the file is not a directory.
          return beyond(path, next, names, i + 1);
        }
        current = next;
        continue;
      }
      Path real;
      try {
        real = next.toRealPath();
      } catch (IOException e) {
        return brokenLink(path, next);
      }
      if (!real.startsWith(root)) {
        return new Resolution.Refused(
            path,
            "symlink_escape",
            "Path "
                + WorkspacePaths.quote(path)
                + " goes through the symbolic link '"
                + relative(next)
                + "', which points outside the workspace.");
      }
      if (last) {
        return new Resolution.Inside(path, real, next);
      }
      if (!Files.isDirectory(real, NOFOLLOW_LINKS)) {
        return beyond(path, real, names, i + 1);
      }
      current = real;
    }
    return new Resolution.Inside(path, current, current);
  }

  /** Return the place the remaining names lead to from a point past which nothing exists yet. */
  private static Resolution.Inside beyond(String path, Path start, List<String> names, int from) {
    Path target = start;
    for (String name : names.subList(from, names.size())) {
      target = target.resolve(name);
    }
    return new Resolution.Inside(path, target, target);
  }

  private Resolution brokenLink(String path, Path link) {
    @Nullable Path pointsTo = null;
    try {
      pointsTo = link.resolveSibling(Files.readSymbolicLink(link)).normalize();
    } catch (IOException | UnsupportedOperationException e) {
      // Leave it unknown: the link is refused either way.
    }
    if (pointsTo == null || !pointsTo.startsWith(root)) {
      return new Resolution.Refused(
          path,
          "symlink_escape",
          "Path "
              + WorkspacePaths.quote(path)
              + " goes through the symbolic link '"
              + relative(link)
              + "', which points outside the workspace to something that does not exist yet.");
    }
    return new Resolution.Refused(
        path,
        "broken_symlink",
        "Path "
            + WorkspacePaths.quote(path)
            + " goes through the symbolic link '"
            + relative(link)
            + "', which leads nowhere or in a loop; it is refused because creating through it would"
            + " create its target.");
  }

  private Resolution unverifiable(String path, Path at, IOException e) {
    return new Resolution.Refused(
        path,
        "unverifiable_path",
        "Path "
            + WorkspacePaths.quote(path)
            + " cannot be checked at '"
            + relative(at)
            + "' ("
            + e.getClass().getSimpleName()
            + "), so it is refused.");
  }

  /** Return a path under the root as workspace-relative text with {@code /} separators. */
  String relative(Path path) {
    StringBuilder text = new StringBuilder();
    for (Path name : root.relativize(path)) {
      if (text.length() > 0) {
        text.append('/');
      }
      text.append(name);
    }
    return text.length() == 0 ? "." : text.toString();
  }

  /**
   * Keep the directory when the workspace is closed, e.g. so that a person can inspect a failed
   * run.
   */
  public void keep() {
    kept = true;
  }

  /** Return whether {@link #close} will leave the directory in place. */
  public boolean isKept() {
    return kept;
  }

  /**
   * Delete the directory and everything in it now, whether kept or not. Symbolic links are deleted
   * as links: nothing they point to is followed, listed or deleted. Deleting a workspace that is
   * already gone does nothing.
   */
  public void delete() throws IOException {
    if (!Files.exists(root, NOFOLLOW_LINKS)) {
      return;
    }
    deleteTree(root);
  }

  /** Delete the directory unless {@link #keep} was called. */
  @Override
  public void close() throws IOException {
    if (!kept) {
      delete();
    }
  }

  /**
   * Delete a file, a link or a directory tree, never following a link, and return how many entries
   * were deleted.
   */
  static int deleteTree(Path top) throws IOException {
    int[] deleted = {0};
    Files.walkFileTree(
        top,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(file);
            deleted[0]++;
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            Files.delete(directory);
            deleted[0]++;
            return FileVisitResult.CONTINUE;
          }
        });
    return deleted[0];
  }

  @Override
  public String toString() {
    return "Workspace[" + root + (kept ? ", kept" : "") + "]";
  }
}
