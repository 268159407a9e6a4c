package dev.gauntlet.engine;

import dev.gauntlet.scenario.Nearest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Find the boolean or parameter name a user most likely meant: a boolean by the words that mean
 * true or false elsewhere, a name by the words it shares with a valid one, whatever their order
 * ({@code gauntlet.keepWorkspaces} is {@code gauntlet.workspace.keep}).
 */
final class NearestChoice {

  /** Words that mean true or false elsewhere, such as in YAML 1.1 or on a command line. */
  private static final Set<String> TRUE_WORDS = Set.of("yes", "y", "on", "1", "enable", "enabled");

  private static final Set<String> FALSE_WORDS =
      Set.of("no", "n", "off", "0", "disable", "disabled");

  private NearestChoice() {}

  /**
   * Return the boolean a value most likely meant, such as {@code true} for {@code yes}, or null.
   */
  static @Nullable String bool(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (TRUE_WORDS.contains(lower)) {
      return "true";
    }
    if (FALSE_WORDS.contains(lower)) {
      return "false";
    }
    return Nearest.of(lower, List.of("true", "false"));
  }

  /**
   * Return the names an unknown name most likely meant, the best first and equally good ones after
   * it, or none. Names are compared by their words ({@code keepWorkspaces} and {@code
   * workspace.keep} both hold {@code keep} and {@code workspace}); a name is near when at least a
   * third of the words of both together are shared.
   */
  static List<String> names(String unknown, Collection<String> names) {
    List<String> words = words(unknown);
    List<String> best = new ArrayList<>();
    double bestScore = 1.0 / 3;
    for (String name : names) {
      List<String> known = words(name);
      long shared = known.stream().filter(word -> matchesAny(word, words)).count();
      double score = shared / (double) (known.size() + words.size() - shared);
      if (shared > 0 && score > bestScore + 1e-9) {
        best.clear();
        bestScore = score;
      }
      if (shared > 0 && Math.abs(score - bestScore) < 1e-9) {
        best.add(name);
      }
    }
    return best;
  }

  /** The words of a name after {@code gauntlet.}, in lower case and without a plural {@code s}. */
  private static List<String> words(String name) {
    String rest = name.startsWith("gauntlet.") ? name.substring("gauntlet.".length()) : name;
    return Arrays.stream(rest.split("[._\\-\\s]+|(?<=[a-z0-9])(?=[A-Z])"))
        .filter(word -> !word.isEmpty())
        .map(word -> word.toLowerCase(Locale.ROOT))
        .map(
            word ->
                word.length() > 3 && word.endsWith("s")
                    ? word.substring(0, word.length() - 1)
                    : word)
        .collect(Collectors.toList());
  }

  /** Whether a word is one of these, or a misspelling of one when both are four letters or more. */
  private static boolean matchesAny(String word, List<String> words) {
    for (String other : words) {
      int shorter = Math.min(word.length(), other.length());
      if (word.equals(other)
          || (shorter >= 4 && Nearest.distance(word, other) <= Math.max(1, shorter / 4))) {
        return true;
      }
    }
    return false;
  }
}
