package dev.gauntlet.cli;

import dev.gauntlet.recovery.RecoveryAnalysis;
import dev.gauntlet.recovery.RecoveryReport;
import dev.gauntlet.scenario.RecoverySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One change in how a scenario trial recovered between two runs: a request retried in either run
 * whose attempts, time or end changed, or a finding made in one run only or at other steps. A
 * request tried once in both runs is not a recovery; a change of its verdict shows elsewhere.
 *
 * @param step the step of the request's first attempt, or of the finding's first step
 * @param subject the request ({@code GET https://…}) or the finding ({@code finding <kind>})
 * @param baseline what happened under the baseline, {@code none} when nothing did
 * @param candidate what happened under the candidate
 */
record RecoveryChange(
    String scenario, int trial, int step, String subject, String baseline, String candidate) {

  private static final String NONE = "none";

  /**
   * Compare the retried requests of one trial's two runs, each given by its trace; its egress log
   * lies beside it. Requests are matched by method, URL and how many came before them with both.
   */
  static List<RecoveryChange> retries(String scenario, int trial, Path before, Path after)
      throws IOException {
    Map<String, RecoveryReport.Request> was = requests(before);
    Map<String, RecoveryReport.Request> is = requests(after);
    List<RecoveryChange> changes = new ArrayList<>();
    for (String key : union(was.keySet(), is.keySet())) {
      if (!retried(was.get(key)) && !retried(is.get(key))) {
        continue;
      }
      RecoveryReport.Request first = Objects.requireNonNullElse(was.get(key), is.get(key));
      String baseline = describe(was.get(key));
      String candidate = describe(is.get(key));
      if (!baseline.equals(candidate)) {
        String subject = first.method() + " " + first.url();
        changes.add(
            new RecoveryChange(
                scenario, trial, first.attempts().get(0).step(), subject, baseline, candidate));
      }
    }
    changes.sort(Comparator.comparingInt(RecoveryChange::step));
    return changes;
  }

  /**
   * Compare the findings of one trial's two runs, by kind.
   *
   * @param before each finding kind of the baseline run with the steps it was found at
   * @param after the same for the candidate run
   */
  static List<RecoveryChange> findings(
      String scenario, int trial, Map<String, FoundAt> before, Map<String, FoundAt> after) {
    List<RecoveryChange> changes = new ArrayList<>();
    for (String kind : union(before.keySet(), after.keySet())) {
      FoundAt was = before.get(kind);
      FoundAt is = after.get(kind);
      String baseline = was == null ? NONE : was.steps();
      String candidate = is == null ? NONE : is.steps();
      if (!baseline.equals(candidate)) {
        int step = Objects.requireNonNullElse(was, Objects.requireNonNull(is)).firstStep();
        changes.add(
            new RecoveryChange(scenario, trial, step, "finding " + kind, baseline, candidate));
      }
    }
    return changes;
  }

  /** Where the findings of one kind were made: {@code steps 4-9, 12-15}, and the first step. */
  record FoundAt(int firstStep, String steps) {}

  private static boolean retried(RecoveryReport.@Nullable Request request) {
    return request != null && request.attempts().size() > 1;
  }

  /** The logical requests of a trial, keyed by method, URL and how many came before with both. */
  private static Map<String, RecoveryReport.Request> requests(Path trace) throws IOException {
    Map<String, RecoveryReport.Request> requests = new LinkedHashMap<>();
    if (!Files.isRegularFile(trace)) {
      return requests;
    }
    // The policy only shapes the findings, which the summary already holds; the requests are facts.
    RecoveryReport report =
        RecoveryAnalysis.analyse(trace, trace.resolveSibling("egress.jsonl"), RecoverySpec.DEFAULT);
    Map<String, Integer> seen = new HashMap<>();
    for (RecoveryReport.Request request : report.requests()) {
      String name = request.method() + " " + request.url();
      requests.put(name + " #" + seen.merge(name, 1, Integer::sum), request);
    }
    return requests;
  }

  /** Describe a request's recovery: {@code 6 attempts over 737.3 s, recovered}. */
  private static String describe(RecoveryReport.@Nullable Request request) {
    if (request == null) {
      return NONE;
    }
    List<RecoveryReport.Attempt> attempts = request.attempts();
    Duration span = attempts.get(attempts.size() - 1).at().minus(attempts.get(0).at());
    String end = request.succeeded() ? "recovered" : "failed";
    if (attempts.size() == 1) {
      return "1 attempt, " + end;
    }
    return String.format(
        Locale.ROOT, "%d attempts over %.1f s, %s", attempts.size(), span.toMillis() / 1000.0, end);
  }

  private static TreeSet<String> union(Iterable<String> one, Iterable<String> other) {
    TreeSet<String> all = new TreeSet<>();
    one.forEach(all::add);
    other.forEach(all::add);
    return all;
  }
}
