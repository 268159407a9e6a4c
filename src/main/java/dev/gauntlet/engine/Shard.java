package dev.gauntlet.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.platform.engine.TestDescriptor;

/**
 * Keep one shard of a suite, such as {@code 2/3}: the scenarios whose id, hashed with CRC-32,
 * leaves the remainder {@code index - 1} when divided by the count. The assignment depends on the
 * id alone, never on file order or paths, so that every machine of a CI matrix agrees on it, and
 * the shards {@code 1/n} to {@code n/n} together hold each scenario exactly once. A file that could
 * not be loaded has no scenario id and goes by its file name instead; a problem that refused one
 * scenario of a file goes by its file name and place.
 */
record Shard(int index, int count) {

  private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

  /**
   * Read a shard written as {@code i/n}, with {@code 1 <= i <= n}, or empty for any other value.
   */
  static Optional<Shard> parse(String value) {
    Matcher form = FORM.matcher(value);
    if (form.matches()) {
      int index = Integer.parseInt(form.group(1));
      int count = Integer.parseInt(form.group(2));
      if (count >= 1 && index >= 1 && index <= count) {
        return Optional.of(new Shard(index, count));
      }
    }
    return Optional.empty();
  }

  /** Whether this shard runs the scenario with this id. */
  boolean owns(String key) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % count == index - 1;
  }

  /** Remove every scenario, problem and broken file of another shard, and every file left empty. */
  void prune(TestDescriptor engine) {
    for (TestDescriptor file : new ArrayList<>(engine.getChildren())) {
      if (file instanceof BrokenFileDescriptor broken) {
        if (!owns(broken.getDisplayName())) {
          broken.removeFromHierarchy();
        }
        continue;
      }
      List<TestDescriptor> scenarios = new ArrayList<>(file.getChildren());
      for (TestDescriptor child : scenarios) {
        if (child instanceof ScenarioDescriptor scenario && !owns(scenario.scenario().id())) {
          scenario.removeFromHierarchy();
        }
        if (child instanceof ProblemDescriptor problem && !owns(problem.getDisplayName())) {
          problem.removeFromHierarchy();
        }
      }
      if (file.getChildren().isEmpty()) {
        file.removeFromHierarchy();
      }
    }
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
