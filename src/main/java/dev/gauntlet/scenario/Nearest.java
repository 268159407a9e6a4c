package dev.gauntlet.scenario;

import java.util.Collection;
import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Find the valid word a user most likely meant, by edit distance. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Nearest {

  private Nearest() {}

  /** Return the message for an unknown key: the key, and the nearest valid one or the valid set. */
  static String unknownKey(String key, Collection<String> valid) {
    return "unknown key '" + Describe.shorten(key) + "'; " + hint(key, valid);
  }

  /** Return "did you mean 'x'?" for a close word, or the whole valid set when none is close. */
  static String hint(String word, Collection<String> valid) {
    String nearest = of(word, valid);
    if (nearest != null) {
      return "did you mean '" + nearest + "'?";
    }
    return "expected one of " + String.join(", ", valid.stream().sorted().toList());
  }

  /**
   * Return the closest valid word that the word is plausibly a misspelling of, or null. The edits
   * allowed are a third of the shorter word's letters, and always one: {@code pgae} is {@code
   * page}, {@code al} is {@code all}, but {@code dir} is not {@code i}, nor {@code sh} {@code do}.
   */
  public static @Nullable String of(String word, Collection<String> valid) {
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : valid) {
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      int tolerance = Math.max(1, Math.min(word.length(), candidate.length()) / 3);
      if (distance <= tolerance && distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return best;
  }

  /** Count the insertions, deletions, substitutions and swaps of neighbours that turn a into b. */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
