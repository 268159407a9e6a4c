package dev.gauntlet.scenario;

import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Name a place in a YAML document the way people read it: {@code agent.scripted[3].write.path}.
 * Keys that are not plain words are quoted, as in {@code workspace.files["notes/a.md"]}, with
 * characters that do not print escaped as in problem messages; list indexes count from 0.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class KeyPath {

  /** The document's root; it prints as the empty string. */
  public static final KeyPath ROOT = new KeyPath("", "");

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private final String text;
  private final String pointer;

  private KeyPath(String text, String pointer) {
    this.text = text;
    this.pointer = pointer;
  }

  /** Return the path of the value under {@code key} of the mapping at this path. */
  public KeyPath key(String key) {
    String keyPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    if (PLAIN_KEY.matcher(key).matches()) {
      return new KeyPath(text.isEmpty() ? key : text + "." + key, keyPointer);
    }
    String quoted = Describe.printable(key.replace("\\", "\\\\").replace("\"", "\\\""));
    return new KeyPath(text + "[\"" + quoted + "\"]", keyPointer);
  }

  /** Return the path of the element at {@code index} (from 0) of the list at this path. */
  public KeyPath index(int index) {
    return new KeyPath(text + "[" + index + "]", pointer + "/" + index);
  }

  /** Return the same place as a JSON Pointer, e.g. {@code /budget/steps}, for Jackson's trees. */
  public String pointer() {
    return pointer;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyPath that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Return the path as written in problems, e.g. {@code budget.steps}. */
  @Override
  public String toString() {
    return text;
  }
}
