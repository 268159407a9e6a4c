package dev.gauntlet.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.scenario.StepErrorExpectation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Check that the steps a scenario names failed for the reasons it names, reading the trace one line
 * at a time and keeping only the named steps.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class StepErrorChecks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StepErrorChecks() {}

  /** Return one message per expectation that does not hold; empty when all hold. */
  public static List<String> check(List<StepErrorExpectation> expected, Path trace) {
    if (expected.isEmpty()) {
      return List.of();
    }
    Map<Integer, String> seen;
    try {
      seen = results(expected, trace);
    } catch (IOException e) {
      return List.of("Expecting to read the trace " + trace + " for step errors, but: " + e);
    }
    List<String> failures = new ArrayList<>();
    for (StepErrorExpectation wanted : expected) {
      String actual = seen.get(wanted.step());
      if (actual == null || !actual.equals("error " + wanted.reason())) {
        failures.add(
            "Expecting step "
                + wanted.step()
                + " to fail with reason "
                + wanted.reason()
                + " ("
                + wanted.origin()
                + ")\nbut "
                + (actual == null ? "the trace has no such step" : "it ended: " + actual));
      }
    }
    return failures;
  }

  /** Map each named step to "status reason" as the trace recorded its result. */
  private static Map<Integer, String> results(List<StepErrorExpectation> expected, Path trace)
      throws IOException {
    Map<Integer, String> seen = new HashMap<>();
    List<Integer> steps = expected.stream().map(StepErrorExpectation::step).toList();
    try (BufferedReader lines = Files.newBufferedReader(trace)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode step = JSON.readTree(line);
        int number = step.path("step").asInt();
        if (steps.contains(number)) {
          JsonNode result = step.path("result");
          seen.put(
              number,
              (result.path("status").asText("none") + " " + result.path("reason").asText(""))
                  .strip());
        }
      }
    }
    return seen;
  }
}
