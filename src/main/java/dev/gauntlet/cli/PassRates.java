package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Print, after a run's totals, the pass rates of every scenario that ran more than one trial, as
 * {@code summary.json} holds them: pass^k for k = 1..n, and pass@k.
 *
 * <pre>
 * Pass rates over trials (pass^k: all k pass; pass@k: at least one of k passes)
 *   flaky-catalog  5 of 8 passed
 *     pass^k  0.625  0.357  0.179  0.071  0.018  0.000  0.000  0.000
 *     pass@k  0.625  0.893  0.982  1.000  1.000  1.000  1.000  1.000
 * </pre>
 */
final class PassRates {

  private PassRates() {}

  /** Print the block when the summary has pass rates; print nothing otherwise. */
  static void print(PrintWriter out, Path summary) {
    if (!Files.isRegularFile(summary)) {
      return;
    }
    try {
      JsonNode rates = JsonMapper.builder().build().readTree(summary.toFile()).path("passRates");
      String block = format(rates);
      if (!block.isEmpty()) {
        out.print(block);
      }
    } catch (IOException e) {
      out.println("Cannot read the pass rates of " + summary + ": " + e.getMessage());
    }
  }

  /** Return the block for a summary's {@code passRates} object; empty when it has no scenario. */
  static String format(JsonNode passRates) {
    JsonNode scenarios = passRates.path("scenarios");
    if (!scenarios.isObject() || scenarios.isEmpty()) {
      return "";
    }
    StringBuilder text =
        new StringBuilder(
            "Pass rates over trials (pass^k: all k pass; pass@k: at least one of k passes)\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = scenarios.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> scenario = it.next();
      JsonNode rate = scenario.getValue();
      int excluded = rate.path("excluded").asInt();
      text.append("  ")
          .append(scenario.getKey())
          .append("  ")
          .append(rate.path("passed").asInt())
          .append(" of ")
          .append(rate.path("trials").asInt())
          .append(" passed")
          .append(excluded == 0 ? "" : ", " + excluded + " excluded (the harness failed)")
          .append('\n');
      text.append(figures("pass^k", rate.path("passHat")));
      text.append(figures("pass@k", rate.path("passAt")));
    }
    return text.toString();
  }

  private static String figures(String name, JsonNode byK) {
    StringBuilder line = new StringBuilder("    ").append(name);
    for (Iterator<Map.Entry<String, JsonNode>> it = byK.fields(); it.hasNext(); ) {
      line.append(String.format(Locale.ROOT, "  %.3f", it.next().getValue().asDouble()));
    }
    return line.append('\n').toString();
  }
}
