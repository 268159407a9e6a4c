package dev.gauntlet.scenario;

import org.apiguardian.api.API;

/**
 * Pair a value bound from one YAML document with that document, so that later checks can still
 * point into the file.
 *
 * @param value the bound value
 * @param document the document it came from, with the position of every key and value
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Located<T>(T value, YamlDocument document) {

  /** Return where the document begins. */
  public Origin origin() {
    return document.origin(KeyPath.ROOT);
  }
}
