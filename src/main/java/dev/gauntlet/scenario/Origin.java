package dev.gauntlet.scenario;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Point at a place in a scenario file: the file, and the line and column (both 1-based) where a
 * scenario or one of its parts begins.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Origin(Path file, int line, int column) {

  /** Format as {@code file:line:column}, the form editors and terminals turn into a link. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
