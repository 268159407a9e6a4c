package dev.gauntlet.engine;

import java.nio.file.Path;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * Say where a scenario file lives, a file on disk or a resource on the class path, and so how its
 * unique id segment and its test sources are made.
 */
sealed interface ScenarioLocation {

  /** The segment type of a file on disk in unique ids. */
  String FILE_SEGMENT = "file";

  /** The segment type of a class path resource in unique ids. */
  String RESOURCE_SEGMENT = "resource";

  /** The path the loader reads; for a resource, a path inside its class path root or jar. */
  Path path();

  /** The unique id of the file's container under the engine. */
  UniqueId uniqueId(UniqueId engineId);

  /** A short name for people. */
  String displayName();

  /** The source of the whole file. */
  TestSource source();

  /** The source of a place in the file; line and column are 1-based, or 0 when unknown. */
  TestSource source(int line, int column);

  /**
   * A file on disk. Its unique id holds its path from the working folder when it lies below it, so
   * that an id recorded in one checkout selects the same file in another, and its absolute path
   * otherwise; either way normalized and with {@code /} between names on every system, so that it
   * does not depend on how the file was found.
   */
  record OnDisk(Path path) implements ScenarioLocation {

    @Override
    public UniqueId uniqueId(UniqueId engineId) {
      return engineId.append(FILE_SEGMENT, idPath(path));
    }

    /**
     * Return the path a unique id holds for a file, e.g. {@code scenarios/workspace/a.yaml} for a
     * file below the working folder and {@code /tmp/a.yaml} or {@code C:/tmp/a.yaml} for another.
     */
    static String idPath(Path file) {
      Path absolute = file.toAbsolutePath().normalize();
      Path workingFolder = Path.of("").toAbsolutePath();
      Path shown =
          absolute.startsWith(workingFolder) && !absolute.equals(workingFolder)
              ? workingFolder.relativize(absolute)
              : absolute;
      return shown.toString().replace(shown.getFileSystem().getSeparator(), "/");
    }

    @Override
    public String displayName() {
      Path name = path.getFileName();
      return name == null ? path.toString() : name.toString();
    }

    @Override
    public TestSource source() {
      return FileSource.from(path.toFile());
    }

    @Override
    public TestSource source(int line, int column) {
      return line > 0
          ? FileSource.from(path.toFile(), position(line, column))
          : FileSource.from(path.toFile());
    }
  }

  /** A class path resource such as {@code dev/app/checkout.yaml}. */
  record OnClasspath(String name, Path path) implements ScenarioLocation {

    @Override
    public UniqueId uniqueId(UniqueId engineId) {
      return engineId.append(RESOURCE_SEGMENT, name);
    }

    @Override
    public String displayName() {
      return name.substring(name.lastIndexOf('/') + 1);
    }

    @Override
    public TestSource source() {
      return ClasspathResourceSource.from(name);
    }

    @Override
    public TestSource source(int line, int column) {
      return line > 0
          ? ClasspathResourceSource.from(name, position(line, column))
          : ClasspathResourceSource.from(name);
    }
  }

  private static FilePosition position(int line, int column) {
    return column > 0 ? FilePosition.from(line, column) : FilePosition.from(line);
  }
}
