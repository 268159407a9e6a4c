package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Bound one figure of one stage's latency over a run, checked against real time once the run ends,
 * e.g. {@code expect.latency: { act: { p99: 5ms }, verify: { max: 1ms } }}.
 *
 * @param stage {@code observe}, {@code reason}, {@code act} or {@code verify}
 * @param figure {@code p50}, {@code p95}, {@code p99} or {@code max}
 * @param limit the figure must not exceed this
 * @param origin where the budget is written
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LatencyBudget(String stage, String figure, Duration limit, Origin origin) {

  /** The stages a budget may name, in the loop's order. */
  public static final List<String> STAGES = List.of("observe", "reason", "act", "verify");

  /** The figures a budget may bound. */
  public static final List<String> FIGURES = List.of("p50", "p95", "p99", "max");

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ns|us|µs|ms|s)");

  /** Format as written, e.g. {@code act p99 5ms}. */
  @Override
  public String toString() {
    return stage + " " + figure + " " + limit;
  }

  /**
   * Read {@code expect.latency}: per stage, per figure, a duration such as {@code 800us}, {@code
   * 5ms} or {@code 1s}. Problems go to {@code check}, each pointing into the file.
   */
  static List<LatencyBudget> read(Checker check, JsonNode node, KeyPath path) {
    List<LatencyBudget> budgets = new ArrayList<>();
    ObjectNode stages = check.mapping(node, path, STAGES);
    if (stages == null) {
      return budgets;
    }
    for (Map.Entry<String, JsonNode> stage : stages.properties()) {
      KeyPath stagePath = path.key(stage.getKey());
      ObjectNode figures = check.mapping(stage.getValue(), stagePath, FIGURES);
      if (figures == null) {
        continue;
      }
      for (Map.Entry<String, JsonNode> figure : figures.properties()) {
        KeyPath figurePath = stagePath.key(figure.getKey());
        Duration limit = duration(check, figure.getValue(), figurePath);
        if (limit != null) {
          budgets.add(
              new LatencyBudget(
                  stage.getKey(), figure.getKey(), limit, check.document().origin(figurePath)));
        }
      }
    }
    return budgets;
  }

  private static @org.jspecify.annotations.Nullable Duration duration(
      Checker check, JsonNode node, KeyPath path) {
    if (!node.isTextual()) {
      check.expected(node, path, "a positive duration such as 800us, 5ms or 1s");
      return null;
    }
    String text = node.asText().strip();
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      String rule =
          matcher.matches()
              ? "' is no time at all: write a budget longer than 0, such as 800us, 5ms or 1s"
              : "' is not a latency budget: write one whole number of 1 to 9 digits and its unit,"
                  + " ns, us, ms or s, such as 800us, 5ms or 1s";
      check.problem(path, "'" + Describe.shorten(text) + rule);
      return null;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ns" -> Duration.ofNanos(amount);
      case "us", "µs" -> Duration.ofNanos(amount * 1_000);
      case "ms" -> Duration.ofMillis(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
