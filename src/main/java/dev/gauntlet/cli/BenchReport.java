package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read the JSON results of a JMH run of Gauntlet's benchmarks and write them as markdown: every
 * figure, the ratios of each harness step to the same work done directly with their targets, and
 * the per-stage means of each scenario benchmarked.
 */
final class BenchReport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PACKAGE = "dev.gauntlet.bench.";

  /** A harness measurement, the direct one it is compared with, and the most the ratio may be. */
  private record Pair(String label, String harness, String direct, double target) {}

  private static final List<Pair> PAIRS =
      List.of(
          new Pair(
              "file-write step (act + verify)",
              "FileWriteStepBenchmark.harnessStep",
              "FileWriteStepBenchmark.direct",
              1.5),
          new Pair(
              "file-write act stage alone",
              "FileWriteStepBenchmark.harnessAct",
              "FileWriteStepBenchmark.direct",
              1.5),
          new Pair("http step", "HttpStepBenchmark.harness", "HttpStepBenchmark.direct", 1.3));

  private static final double POLICY_TARGET_NANOS = 2_000;

  private final List<Result> results;

  private BenchReport(List<Result> results) {
    this.results = results;
  }

  /** One benchmark's figure, in nanoseconds per operation. */
  record Result(
      String name,
      Map<String, String> params,
      double nanos,
      double errorNanos,
      JsonNode secondary) {}

  static BenchReport read(Path json) throws IOException {
    List<Result> results = new ArrayList<>();
    for (JsonNode entry : JSON.readTree(json.toFile())) {
      String name = entry.path("benchmark").asText().replace(PACKAGE, "");
      JsonNode metric = entry.path("primaryMetric");
      double scale = nanosPer(metric.path("scoreUnit").asText());
      Map<String, String> params = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> param : entry.path("params").properties()) {
        params.put(param.getKey(), param.getValue().asText());
      }
      results.add(
          new Result(
              name,
              params,
              metric.path("score").asDouble() * scale,
              metric.path("scoreError").asDouble() * scale,
              entry.path("secondaryMetrics")));
    }
    return new BenchReport(results);
  }

  /** Return the report as markdown. */
  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("| benchmark | params | mean | ± (99.9%) |\n|---|---|---:|---:|\n");
    for (Result result : results) {
      md.append("| ")
          .append(result.name())
          .append(" | ")
          .append(result.params().isEmpty() ? "" : result.params().toString())
          .append(" | ")
          .append(format(result.nanos()))
          .append(" | ")
          .append(Double.isNaN(result.errorNanos()) ? "" : format(result.errorNanos()))
          .append(" |\n");
    }
    md.append("\n| harness / direct | harness | direct | ratio | target | holds |\n")
        .append("|---|---:|---:|---:|---:|---|\n");
    for (Pair pair : PAIRS) {
      Optional<Result> harness = find(pair.harness());
      Optional<Result> direct = find(pair.direct());
      if (harness.isEmpty() || direct.isEmpty()) {
        continue;
      }
      double ratio = harness.get().nanos() / direct.get().nanos();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.2f× | ≤ %.1f× | %s |%n",
              pair.label(),
              format(harness.get().nanos()),
              format(direct.get().nanos()),
              ratio,
              pair.target(),
              ratio <= pair.target() ? "yes" : "no"));
    }
    List<Result> decisions =
        results.stream().filter(result -> result.name().startsWith("PolicyBenchmark.")).toList();
    if (!decisions.isEmpty()) {
      md.append("\n| policy decision | mean | target | holds |\n|---|---:|---:|---|\n");
      for (Result decision : decisions) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | < 2 µs | %s |%n",
                decision.name().substring("PolicyBenchmark.".length()),
                format(decision.nanos()),
                decision.nanos() < POLICY_TARGET_NANOS ? "yes" : "no"));
      }
    }
    appendScenarios(md);
    return md.toString();
  }

  private void appendScenarios(StringBuilder md) {
    List<Result> scenarios =
        results.stream().filter(result -> result.secondary().has("steps")).toList();
    if (scenarios.isEmpty()) {
      return;
    }
    md.append("\n| scenario | one run | steps | observe | reason | act | verify |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Result scenario : scenarios) {
      double steps = scenario.secondary().path("steps").path("score").asDouble();
      md.append("| ")
          .append(scenario.params().getOrDefault("scenario", scenario.name()))
          .append(" | ")
          .append(format(scenario.nanos()))
          .append(" | ")
          .append(steps == 0 ? "0" : String.format(Locale.ROOT, "%.0f", steps));
      for (String stage : new String[] {"observe", "reason", "act", "verify"}) {
        double total = scenario.secondary().path(stage + "Nanos").path("score").asDouble();
        md.append(" | ").append(steps == 0 ? "" : format(total / steps));
      }
      md.append(" |\n");
    }
    md.append(
        "\nStage columns are means per step of real time, from the auxiliary counters"
            + " (a stage's total divided by the steps).\n");
  }

  private Optional<Result> find(String name) {
    return results.stream().filter(result -> result.name().equals(name)).findFirst();
  }

  private static double nanosPer(String unit) {
    if (unit.startsWith("ns")) {
      return 1;
    }
    if (unit.startsWith("us")) {
      return 1_000;
    }
    if (unit.startsWith("ms")) {
      return 1_000_000;
    }
    return unit.startsWith("s/") ? 1_000_000_000 : Double.NaN;
  }

  private static String format(double nanos) {
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.1f ns", nanos);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.2f µs", nanos / 1_000);
    }
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1_000_000);
  }
}
