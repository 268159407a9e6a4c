package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Hold one YAML document as a JSON tree together with the position of every key and value in its
 * file, so that a check on the tree can report a {@link Problem} that points into the file. Build
 * one with {@link YamlFrontDoor#read(Path)}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class YamlDocument {

  private final Path file;
  private final JsonNode root;
  private final Map<KeyPath, Origin> valueOrigins;
  private final Map<KeyPath, Origin> keyOrigins;

  YamlDocument(
      Path file,
      JsonNode root,
      Map<KeyPath, Origin> valueOrigins,
      Map<KeyPath, Origin> keyOrigins) {
    this.file = file;
    this.root = root;
    this.valueOrigins = Map.copyOf(valueOrigins);
    this.keyOrigins = Map.copyOf(keyOrigins);
  }

  /** Return the file the document was read from. */
  public Path file() {
    return file;
  }

  /**
   * Return the document's content; YAML scalars arrive as JSON strings, numbers, booleans or null.
   */
  public JsonNode root() {
    return root;
  }

  /**
   * Return where the value at {@code path} begins; for a path the document does not hold, where its
   * nearest enclosing value begins.
   */
  public Origin origin(KeyPath path) {
    Origin origin = valueOrigins.get(path);
    return origin != null ? origin : nearest(path);
  }

  /**
   * Return where the key that leads to {@code path} is written; for a list element or the root,
   * where its value begins.
   */
  public Origin keyOrigin(KeyPath path) {
    Origin origin = keyOrigins.get(path);
    return origin != null ? origin : origin(path);
  }

  /** Return a problem about the value at {@code path}. */
  public Problem problem(KeyPath path, String message) {
    Origin at = origin(path);
    return new Problem(file, at.line(), at.column(), path.toString(), message);
  }

  /** Return a problem about the key that leads to {@code path}, e.g. an unknown key. */
  public Problem keyProblem(KeyPath path, String message) {
    Origin at = keyOrigin(path);
    return new Problem(file, at.line(), at.column(), path.toString(), message);
  }

  private Origin nearest(KeyPath path) {
    Origin best = valueOrigins.get(KeyPath.ROOT);
    String text = path.toString();
    int longest = -1;
    for (Map.Entry<KeyPath, Origin> entry : valueOrigins.entrySet()) {
      String candidate = entry.getKey().toString();
      if (text.startsWith(candidate) && candidate.length() > longest) {
        longest = candidate.length();
        best = entry.getValue();
      }
    }
    return best != null ? best : new Origin(file, 1, 1);
  }
}
