package dev.gauntlet.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latency chart draws one line per stage, with a point per step or per bucket of steps. */
class LatencyChartTests {

  private static final Pattern LINE =
      Pattern.compile("<polyline class=\"(\\w+)\" points=\"([^\"]*)\"");

  @TempDir Path folder;

  @Test
  void aShortRunHasOnePointPerStepOnEachOfTheFourStageLines() throws IOException {
    Path trace = trace(12);

    String svg = chart(trace);

    assertThat(points(svg, "observe")).isEqualTo(12);
    assertThat(points(svg, "reason")).isEqualTo(12);
    assertThat(points(svg, "act")).isEqualTo(12);
    assertThat(points(svg, "verify")).isEqualTo(12);
    assertThat(svg)
        .startsWith("<svg ")
        .contains("12 steps, one point per step")
        .endsWith("</svg>\n");
  }

  @Test
  void aLongRunIsDrawnInBucketsSoThatTheChartStaysSmall() throws IOException {
    Path trace = trace(10_000);

    String svg = chart(trace);

    assertThat(points(svg, "act")).isLessThanOrEqualTo(LatencyChart.MAX_POINTS).isGreaterThan(500);
    assertThat(svg).contains("each point the mean of 13 steps");
  }

  @Test
  void anEmptyTraceStillGivesAChart() throws IOException {
    Path trace = Files.writeString(folder.resolve("trace.jsonl"), "");

    assertThat(chart(trace)).contains("no steps").endsWith("</svg>\n");
  }

  private String chart(Path trace) throws IOException {
    Path svg = folder.resolve("latency.svg");
    LatencyChart.write(trace, svg, "scenario <x>");
    return Files.readString(svg);
  }

  /** A trace whose act stage grows with the step, as a drifting agent's would. */
  private Path trace(int steps) throws IOException {
    Path trace = folder.resolve("trace.jsonl");
    try (Writer out = Files.newBufferedWriter(trace, StandardCharsets.UTF_8)) {
      for (int step = 1; step <= steps; step++) {
        out.write(
            String.format(
                Locale.ROOT,
                "{\"step\":%d,\"atMillis\":%d,\"action\":{\"tool\":\"write\",\"arguments\":{\"path\":\"a.md\"}},"
                    + "\"result\":{\"status\":\"ok\",\"summary\":\"\"},\"effect\":\"changed\","
                    + "\"nanos\":{\"observe\":900,\"reason\":1500,\"act\":%d,\"verify\":20000}}\n",
                step,
                step,
                40_000 + step * 10));
      }
    }
    return trace;
  }

  private static int points(String svg, String stage) {
    Matcher line = LINE.matcher(svg);
    while (line.find()) {
      if (line.group(1).equals(stage)) {
        return line.group(2).isBlank() ? 0 : line.group(2).split(" ").length;
      }
    }
    throw new AssertionError("No line for " + stage);
  }
}
