package dev.gauntlet.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Configure how the agents Gauntlet drives recover from a failed request, from a scenario's {@code
 * recovery} section: how many attempts, how long to wait between them, and how long one request may
 * take in all. The recovery analysis judges every agent's retries against the same settings.
 *
 * @param attempts the most attempts of one request, the first included (default 5)
 * @param initial the wait before the second attempt, before jitter (default 1 s)
 * @param factor how much each wait grows over the one before (default 2)
 * @param max the longest wait, jitter included (default 30 s)
 * @param jitter the fraction by which a wait may be drawn shorter or longer, from 0 to 1 (default
 *     0.2: from 80 % to 120 % of the backoff)
 * @param budget the most time, on the run's clock, from a request's first attempt to its last
 *     (default 5 min); a wait that would end past it, Retry-After included, ends the recovery at
 *     once
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RecoverySpec(
    int attempts, Duration initial, double factor, Duration max, double jitter, Duration budget) {

  /** The settings of a scenario whose {@code recovery} section leaves everything to its default. */
  public static final RecoverySpec DEFAULT =
      new RecoverySpec(
          5, Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 0.2, Duration.ofMinutes(5));

  /**
   * Load a recovery policy file: one YAML document with the keys of a scenario's {@code recovery}
   * section ({@code attempts}, {@code backoff}, {@code budget}), each optional.
   *
   * @throws ScenarioException naming the file, line and column of every mistake
   */
  public static RecoverySpec load(Path file) {
    List<YamlDocument> documents = YamlFrontDoor.standard().read(file);
    if (documents.size() != 1) {
      throw new ScenarioException(
          new Problem(
              file,
              0,
              0,
              "",
              "a recovery policy file holds exactly one document, with 'attempts', 'backoff' and"
                  + " 'budget'; found "
                  + documents.size()));
    }
    YamlDocument document = documents.get(0);
    Checker check = new Checker(document);
    RecoverySpec spec = new RecoveryReader(check).settings(document.root(), KeyPath.ROOT);
    if (spec == null || !check.problems().isEmpty()) {
      throw new ScenarioException(check.problems());
    }
    return spec;
  }

  public RecoverySpec {
    if (attempts < 1) {
      throw new IllegalArgumentException("A request is attempted at least once, not " + attempts);
    }
    if (factor < 1) {
      throw new IllegalArgumentException("A backoff factor below 1 shrinks the waits: " + factor);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("The jitter " + jitter + " is not from 0 to 1");
    }
  }
}
