package dev.gauntlet.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gauntlet.network.EgressRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Compare two runs of one suite under two network policies: the requests whose verdict changed and
 * the scenarios whose result changed. Requests are matched by scenario, trial, step, redirect hop,
 * method and URL, as {@code egress.jsonl} records them; a request made under one policy only (the
 * agent took another path) counts as changed from or to {@code none}.
 */
final class PolicyDiff {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** One request whose verdict differs between the runs. */
  record Request(
      String scenario,
      int trial,
      int step,
      int hop,
      String method,
      String url,
      String host,
      String path,
      String baseline,
      String candidate) {}

  /** One scenario trial whose result differs between the runs. */
  record Scenario(
      String id,
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

  private record Result(String id, int trial, boolean passed, String outcome, Path egress) {}

  private final List<Request> requests;
  private final List<Scenario> scenarios;

  private PolicyDiff(List<Request> requests, List<Scenario> scenarios) {
    this.requests = List.copyOf(requests);
    this.scenarios = List.copyOf(scenarios);
  }

  List<Request> requests() {
    return requests;
  }

  List<Scenario> scenarios() {
    return scenarios;
  }

  /** Whether a scenario that passed under the baseline fails under the candidate. */
  boolean breaksScenario() {
    return scenarios.stream().anyMatch(Scenario::broken);
  }

  /** Compare the runs whose {@code summary.json} files these are. */
  static PolicyDiff compare(Path baselineSummary, Path candidateSummary) throws IOException {
    Map<String, Result> baseline = results(baselineSummary);
    Map<String, Result> candidate = results(candidateSummary);
    List<Request> requests = new ArrayList<>();
    List<Scenario> scenarios = new ArrayList<>();
    for (String key : new TreeSet<>(baseline.keySet())) {
      Result before = baseline.get(key);
      Result after = candidate.get(key);
      if (before == null || after == null) {
        continue;
      }
      if (before.passed() != after.passed() || !before.outcome().equals(after.outcome())) {
        scenarios.add(
            new Scenario(
                before.id(),
                before.trial(),
                before.passed(),
                before.outcome(),
                after.passed(),
                after.outcome()));
      }
      requests.addAll(changedVerdicts(before, egress(before.egress()), egress(after.egress())));
    }
    return new PolicyDiff(requests, scenarios);
  }

  private static List<Request> changedVerdicts(
      Result scenario, Map<String, EgressRecord> before, Map<String, EgressRecord> after) {
    Map<String, EgressRecord> all = new TreeMap<>(before);
    after.forEach(all::putIfAbsent);
    List<Request> changed = new ArrayList<>();
    for (Map.Entry<String, EgressRecord> entry : all.entrySet()) {
      EgressRecord was = before.get(entry.getKey());
      EgressRecord is = after.get(entry.getKey());
      // Only allow and deny count: a request denied under both, for another reason, keeps its
      // verdict.
      if (!decision(was).equals(decision(is))) {
        EgressRecord request = entry.getValue();
        changed.add(
            new Request(
                scenario.id(),
                scenario.trial(),
                request.step(),
                request.hop(),
                request.method(),
                request.url(),
                request.host() == null ? "" : request.host(),
                path(request.url()),
                verdict(was),
                verdict(is)));
      }
    }
    changed.sort(
        (a, b) -> a.step() != b.step() ? Integer.compare(a.step(), b.step()) : a.hop() - b.hop());
    return changed;
  }

  private static String decision(@Nullable EgressRecord request) {
    return request == null ? "none" : request.decision();
  }

  /** The verdict as the table shows it: {@code allow}, {@code deny (reason)} or {@code none}. */
  private static String verdict(@Nullable EgressRecord request) {
    if (request == null) {
      return "none";
    }
    return request.denied() ? "deny (" + request.reason() + ")" : "allow";
  }

  private static String path(String url) {
    try {
      String path = URI.create(url).getRawPath();
      return path == null || path.isEmpty() ? "/" : path;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static Map<String, Result> results(Path summary) throws IOException {
    JsonNode root = JSON.readTree(summary.toFile());
    Map<String, Result> results = new LinkedHashMap<>();
    for (JsonNode result : root.path("results")) {
      String id = result.path("id").asText();
      int trial = result.path("trial").asInt(1);
      Path egress = Path.of(result.path("trace").asText()).resolveSibling("egress.jsonl");
      results.put(
          id + "#" + trial,
          new Result(
              id,
              trial,
              result.path("passed").asBoolean(),
              result.path("outcome").asText(),
              egress));
    }
    return results;
  }

  /** Read an egress log, keyed by step, hop, method and URL; empty when there is none. */
  private static Map<String, EgressRecord> egress(Path log) throws IOException {
    Map<String, EgressRecord> records = new LinkedHashMap<>();
    if (!Files.isRegularFile(log)) {
      return records;
    }
    try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        EgressRecord request = JSON.readValue(line, EgressRecord.class);
        String key =
            String.format(
                Locale.ROOT,
                "%06d %03d %s %s",
                request.step(),
                request.hop(),
                request.method(),
                request.url());
        records.put(key, request);
      }
    }
    return records;
  }

  /** Print both tables; an empty one says there is nothing in it. */
  void print(PrintWriter out) {
    if (requests.isEmpty()) {
      out.println("No request changed its verdict.");
    } else {
      out.println("Requests whose verdict changed (" + requests.size() + "):");
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {"SCENARIO", "STEP", "METHOD", "HOST", "PATH", "BASELINE", "CANDIDATE"});
      for (Request request : requests) {
        rows.add(
            new String[] {
              name(request.scenario(), request.trial()),
              request.step() + (request.hop() > 0 ? "." + request.hop() : ""),
              request.method(),
              request.host(),
              request.path(),
              request.baseline(),
              request.candidate()
            });
      }
      table(out, rows);
    }
    if (scenarios.isEmpty()) {
      out.println("No scenario changed its result.");
    } else {
      out.println("Scenarios whose result changed (" + scenarios.size() + "):");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"SCENARIO", "BASELINE", "CANDIDATE", ""});
      for (Scenario scenario : scenarios) {
        rows.add(
            new String[] {
              name(scenario.id(), scenario.trial()),
              result(scenario.baselinePassed(), scenario.baselineOutcome()),
              result(scenario.candidatePassed(), scenario.candidateOutcome()),
              scenario.broken() ? "BROKEN" : ""
            });
      }
      table(out, rows);
    }
    out.flush();
  }

  /** Write the diff as JSON with stable field names. */
  void write(Path file, Path baselinePolicy, Path candidatePolicy) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (JsonGenerator json = JSON.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("baseline", baselinePolicy.toString());
      json.writeStringField("candidate", candidatePolicy.toString());
      json.writeBooleanField("breaksScenario", breaksScenario());
      json.writeArrayFieldStart("requests");
      for (Request request : requests) {
        json.writeStartObject();
        json.writeStringField("scenario", request.scenario());
        json.writeNumberField("trial", request.trial());
        json.writeNumberField("step", request.step());
        json.writeNumberField("hop", request.hop());
        json.writeStringField("method", request.method());
        json.writeStringField("url", request.url());
        json.writeStringField("host", request.host());
        json.writeStringField("path", request.path());
        json.writeStringField("baseline", request.baseline());
        json.writeStringField("candidate", request.candidate());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("scenarios");
      for (Scenario scenario : scenarios) {
        json.writeStartObject();
        json.writeStringField("scenario", scenario.id());
        json.writeNumberField("trial", scenario.trial());
        json.writeBooleanField("baselinePassed", scenario.baselinePassed());
        json.writeStringField("baselineOutcome", scenario.baselineOutcome());
        json.writeBooleanField("candidatePassed", scenario.candidatePassed());
        json.writeStringField("candidateOutcome", scenario.candidateOutcome());
        json.writeBooleanField("broken", scenario.broken());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static String name(String id, int trial) {
    return trial > 1 ? id + " [trial " + trial + "]" : id;
  }

  private static String result(boolean passed, String outcome) {
    return (passed ? "passed" : "failed") + " (" + outcome + ")";
  }

  private static void table(PrintWriter out, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(" ");
      for (int i = 0; i < row.length; i++) {
        line.append(' ').append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 1));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
