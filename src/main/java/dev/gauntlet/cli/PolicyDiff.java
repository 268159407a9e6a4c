package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compare two runs of one suite, under a baseline and a candidate policy, trial by trial: the
 * requests whose verdict changed, the recoveries that changed (retried requests and findings), and
 * the scenarios whose result changed. The runs are read back from their {@code summary.json}, and
 * each trial's trace and egress log.
 */
final class PolicyDiff {

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** One scenario trial whose result differs between the runs. */
  record ScenarioChange(
      String scenario,
      int trial,
      boolean baselinePassed,
      String baselineOutcome,
      boolean candidatePassed,
      String candidateOutcome) {

    /** Whether it passed under the baseline and fails under the candidate. */
    boolean broken() {
      return baselinePassed && !candidatePassed;
    }
  }

  /** What both runs say of one trial. */
  private record Result(
      String id, int trial, boolean passed, String outcome, Path trace, JsonNode findings) {}

  private final List<VerdictChange> verdicts;
  private final List<RecoveryChange> recoveries;
  private final List<ScenarioChange> scenarios;
  private final int networked;

  private PolicyDiff(
      List<VerdictChange> verdicts,
      List<RecoveryChange> recoveries,
      List<ScenarioChange> scenarios,
      int networked) {
    this.verdicts = List.copyOf(verdicts);
    this.recoveries = List.copyOf(recoveries);
    this.scenarios = List.copyOf(scenarios);
    this.networked = networked;
  }

  /** How many trials ran with a network, and so under the network policy being checked. */
  int networked() {
    return networked;
  }

  List<VerdictChange> verdicts() {
    return verdicts;
  }

  List<RecoveryChange> recoveries() {
    return recoveries;
  }

  List<ScenarioChange> scenarios() {
    return scenarios;
  }

  /** Whether a scenario that passed under the baseline fails under the candidate. */
  boolean breaksScenario() {
    return scenarios.stream().anyMatch(ScenarioChange::broken);
  }

  /** Compare the runs whose {@code summary.json} files these are. */
  static PolicyDiff compare(Path baselineSummary, Path candidateSummary) throws IOException {
    Map<String, Result> baseline = results(baselineSummary);
    Map<String, Result> candidate = results(candidateSummary);
    List<VerdictChange> verdicts = new ArrayList<>();
    List<RecoveryChange> recoveries = new ArrayList<>();
    List<ScenarioChange> scenarios = new ArrayList<>();
    int networked = 0;
    for (Map.Entry<String, Result> entry : baseline.entrySet()) {
      Result before = entry.getValue();
      Result after = candidate.get(entry.getKey());
      if (after == null) {
        continue;
      }
      // Only a scenario with a network section writes an egress log, empty or not.
      if (Files.exists(egress(before)) || Files.exists(egress(after))) {
        networked++;
      }
      if (before.passed() != after.passed() || !before.outcome().equals(after.outcome())) {
        scenarios.add(
            new ScenarioChange(
                before.id(),
                before.trial(),
                before.passed(),
                before.outcome(),
                after.passed(),
                after.outcome()));
      }
      verdicts.addAll(
          VerdictChange.between(before.id(), before.trial(), egress(before), egress(after)));
      recoveries.addAll(
          RecoveryChange.retries(before.id(), before.trial(), before.trace(), after.trace()));
      recoveries.addAll(
          RecoveryChange.findings(
              before.id(), before.trial(), foundAt(before.findings()), foundAt(after.findings())));
    }
    return new PolicyDiff(verdicts, recoveries, scenarios, networked);
  }

  private static Path egress(Result result) {
    return result.trace().resolveSibling("egress.jsonl");
  }

  /** Read the trials of a run, keyed and sorted by scenario id and trial. */
  private static Map<String, Result> results(Path summary) throws IOException {
    JsonNode root = JSON.readTree(summary.toFile());
    Map<String, Result> results = new TreeMap<>();
    for (JsonNode result : root.path("results")) {
      String id = result.path("id").asText();
      int trial = result.path("trial").asInt(1);
      results.put(
          String.format(Locale.ROOT, "%s#%06d", id, trial),
          new Result(
              id,
              trial,
              result.path("passed").asBoolean(),
              result.path("outcome").asText(),
              Path.of(result.path("trace").asText()),
              result.path("findings")));
    }
    return results;
  }

  /** Group a trial's findings by kind, each kind with its steps: {@code steps 4-9, step 12}. */
  private static Map<String, RecoveryChange.FoundAt> foundAt(JsonNode findings) {
    Map<String, List<JsonNode>> byKind = new LinkedHashMap<>();
    for (JsonNode finding : findings) {
      byKind.computeIfAbsent(finding.path("kind").asText(), kind -> new ArrayList<>()).add(finding);
    }
    Map<String, RecoveryChange.FoundAt> found = new LinkedHashMap<>();
    byKind.forEach(
        (kind, list) ->
            found.put(
                kind,
                new RecoveryChange.FoundAt(
                    list.stream().mapToInt(PolicyDiff::firstStep).min().orElse(0),
                    String.join(", ", list.stream().map(PolicyDiff::steps).toList()))));
    return found;
  }

  private static int firstStep(JsonNode finding) {
    return finding.path("steps").path(0).asInt();
  }

  private static String steps(JsonNode finding) {
    int first = firstStep(finding);
    int last = finding.path("steps").path(1).asInt(first);
    return first == last ? "step " + first : "steps " + first + "-" + last;
  }

  /** Print the three tables; an empty one says there is nothing in it. */
  void print(PrintWriter out) {
    printVerdicts(out);
    printRecoveries(out);
    printScenarios(out);
    out.flush();
  }

  /** The tables as text, for attaching to a report. */
  String text() {
    StringWriter text = new StringWriter();
    print(new PrintWriter(text));
    return text.toString();
  }

  private void printVerdicts(PrintWriter out) {
    List<VerdictChange> changed = verdicts.stream().filter(VerdictChange::madeInBoth).toList();
    if (changed.isEmpty()) {
      out.println("No request changed its verdict.");
    } else {
      out.println("Requests whose verdict changed (" + changed.size() + "):");
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {"SCENARIO", "STEP", "METHOD", "HOST", "PATH", "BASELINE", "CANDIDATE"});
      for (VerdictChange change : changed) {
        rows.add(
            new String[] {
              name(change.scenario(), change.trial()),
              change.step() + (change.hop() > 0 ? "." + change.hop() : ""),
              change.method(),
              change.host(),
              change.path(),
              change.baseline(),
              change.candidate()
            });
      }
      Table.print(out, rows);
    }
    long oneRunOnly = verdicts.size() - changed.size();
    if (oneRunOnly > 0) {
      out.println(
          "Requests made in one run only, where the agent took another path: "
              + oneRunOnly
              + " (listed in the JSON diff, from or to 'none')");
    }
  }

  private void printRecoveries(PrintWriter out) {
    if (recoveries.isEmpty()) {
      out.println("No recovery changed.");
      return;
    }
    out.println("Recoveries that changed (" + recoveries.size() + "):");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SCENARIO", "STEP", "WHAT", "BASELINE", "CANDIDATE"});
    for (RecoveryChange change : recoveries) {
      rows.add(
          new String[] {
            name(change.scenario(), change.trial()),
            Integer.toString(change.step()),
            change.subject(),
            change.baseline(),
            change.candidate()
          });
    }
    Table.print(out, rows);
  }

  private void printScenarios(PrintWriter out) {
    if (scenarios.isEmpty()) {
      out.println("No scenario changed its result.");
      return;
    }
    out.println("Scenarios whose result changed (" + scenarios.size() + "):");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SCENARIO", "BASELINE", "CANDIDATE", ""});
    for (ScenarioChange change : scenarios) {
      rows.add(
          new String[] {
            name(change.scenario(), change.trial()),
            result(change.baselinePassed(), change.baselineOutcome()),
            result(change.candidatePassed(), change.candidateOutcome()),
            change.broken() ? "BROKEN" : ""
          });
    }
    Table.print(out, rows);
  }

  /**
   * Write the diff as JSON: what was compared, whether a scenario broke, and the three lists, each
   * change an object with the fields the console shows.
   *
   * @param compared the policy files of each run, by what they are (e.g. {@code baseline})
   */
  void write(Path file, Map<String, String> compared) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Map<String, Object> diff = new LinkedHashMap<>(compared);
    diff.put("breaksScenario", breaksScenario());
    diff.put("requests", verdicts);
    diff.put("recoveries", recoveries);
    diff.put("scenarios", scenarios.stream().map(PolicyDiff::asMap).toList());
    JSON.writeValue(file.toFile(), diff);
  }

  private static Map<String, Object> asMap(ScenarioChange change) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("scenario", change.scenario());
    fields.put("trial", change.trial());
    fields.put("baselinePassed", change.baselinePassed());
    fields.put("baselineOutcome", change.baselineOutcome());
    fields.put("candidatePassed", change.candidatePassed());
    fields.put("candidateOutcome", change.candidateOutcome());
    fields.put("broken", change.broken());
    return fields;
  }

  static String name(String id, int trial) {
    return trial > 1 ? id + " [trial " + trial + "]" : id;
  }

  private static String result(boolean passed, String outcome) {
    return (passed ? "passed" : "failed") + " (" + outcome + ")";
  }
}
