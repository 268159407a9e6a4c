package dev.gauntlet.report;

import dev.gauntlet.loop.Stage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Draw each stage's time per step across a run as an SVG line chart, so that drift over a long run
 * shows. The time axis is logarithmic, because the four stages differ by orders of magnitude. A run
 * longer than {@value #MAX_POINTS} steps is drawn in buckets of consecutive steps, each point the
 * mean of its bucket, so that the picture stays small whatever the run's length; the trace is read
 * twice, a line at a time, and only the buckets are held.
 */
final class LatencyChart {

  /** The most points per stage. */
  static final int MAX_POINTS = 800;

  private static final int WIDTH = 900;
  private static final int HEIGHT = 340;
  private static final int LEFT = 72;
  private static final int RIGHT = 110;
  private static final int TOP = 36;
  private static final int BOTTOM = 44;
  private static final Map<Stage, String> COLOURS =
      new EnumMap<>(
          Map.of(
              Stage.OBSERVE, "#4e79a7",
              Stage.REASON, "#f28e2b",
              Stage.ACT, "#e15759",
              Stage.VERIFY, "#59a14f"));
  private static final double FLOOR_NANOS = 10;

  private final String title;
  private final int steps;
  private final int bucketSize;
  private final int buckets;
  private final Map<Stage, double[]> sums = new EnumMap<>(Stage.class);
  private final int[] counts;

  private LatencyChart(String title, int steps) {
    this.title = title;
    this.steps = steps;
    this.bucketSize = Math.max(1, (steps + MAX_POINTS - 1) / MAX_POINTS);
    this.buckets = Math.max(1, (steps + bucketSize - 1) / bucketSize);
    for (Stage stage : Stage.values()) {
      sums.put(stage, new double[buckets]);
    }
    this.counts = new int[buckets];
  }

  /**
   * Read a trace and write its chart to {@code svg}.
   *
   * @param title what the chart is of, e.g. the scenario's id
   */
  static void write(Path trace, Path svg, String title) throws IOException {
    LatencyChart chart = new LatencyChart(title, TraceReader.count(trace));
    TraceReader.forEach(trace, chart::add);
    Path folder = svg.toAbsolutePath().getParent();
    if (folder != null) {
      Files.createDirectories(folder);
    }
    try (Writer out = Files.newBufferedWriter(svg, StandardCharsets.UTF_8)) {
      chart.render(out);
    }
  }

  private void add(TraceStep step) {
    int index = Math.min(buckets - 1, Math.max(0, (step.number() - 1) / bucketSize));
    for (Stage stage : Stage.values()) {
      bucketsOf(stage)[index] += step.nanos(stage);
    }
    counts[index]++;
  }

  private void render(Writer out) throws IOException {
    double highest = FLOOR_NANOS;
    double lowest = Double.MAX_VALUE;
    for (double[] stage : sums.values()) {
      for (int i = 0; i < buckets; i++) {
        if (counts[i] > 0 && stage[i] > 0) {
          double mean = stage[i] / counts[i];
          highest = Math.max(highest, mean);
          lowest = Math.min(lowest, mean);
        }
      }
    }
    int bottomDecade =
        (int) Math.floor(Math.log10(Math.max(FLOOR_NANOS, Math.min(lowest, highest))));
    int topDecade = Math.max(bottomDecade + 1, (int) Math.ceil(Math.log10(highest)));
    Scale scale = new Scale(bottomDecade, topDecade);

    out.write(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">\n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    out.write("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    out.write(
        text(
            LEFT, 20, "font-size=\"14\" font-weight=\"bold\"", escape(title) + " · " + subtitle()));
    writeAxes(out, scale);
    for (Stage stage : Stage.values()) {
      writeLine(out, scale, stage);
    }
    writeLegend(out);
    out.write("</svg>\n");
  }

  private String subtitle() {
    if (steps == 0) {
      return "no steps";
    }
    String per =
        bucketSize == 1 ? "one point per step" : "each point the mean of " + bucketSize + " steps";
    return "stage time per step, " + steps + (steps == 1 ? " step, " : " steps, ") + per;
  }

  private void writeAxes(Writer out, Scale scale) throws IOException {
    int plotRight = WIDTH - RIGHT;
    int plotBottom = HEIGHT - BOTTOM;
    for (int decade = scale.bottom; decade <= scale.top; decade++) {
      double y = scale.y(Math.pow(10, decade));
      out.write(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>\n",
              LEFT,
              y,
              plotRight,
              y));
      out.write(
          text(
              LEFT - 6,
              y + 4,
              "text-anchor=\"end\" fill=\"#555\"",
              Nanos.format(Math.pow(10, decade))));
    }
    out.write(
        String.format(
            Locale.ROOT,
            "<polyline points=\"%d,%d %d,%d %d,%d\" fill=\"none\" stroke=\"#888\"/>\n",
            LEFT,
            TOP,
            LEFT,
            plotBottom,
            plotRight,
            plotBottom));
    int last = Math.max(1, steps);
    for (int tick = 0; tick <= 4; tick++) {
      int step = Math.max(1, (int) Math.round(1 + (last - 1) * tick / 4.0));
      double x = x(step);
      out.write(
          text(x, plotBottom + 16, "text-anchor=\"middle\" fill=\"#555\"", Integer.toString(step)));
    }
    out.write(
        text((LEFT + plotRight) / 2.0, HEIGHT - 8, "text-anchor=\"middle\" fill=\"#333\"", "step"));
    out.write(
        text(
            16,
            (TOP + plotBottom) / 2.0,
            String.format(
                Locale.ROOT,
                "text-anchor=\"middle\" fill=\"#333\" transform=\"rotate(-90 16 %.1f)\"",
                (TOP + plotBottom) / 2.0),
            "time (log scale)"));
  }

  private void writeLine(Writer out, Scale scale, Stage stage) throws IOException {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < buckets; i++) {
      if (counts[i] == 0) {
        continue;
      }
      double mean = bucketsOf(stage)[i] / counts[i];
      int firstStep = i * bucketSize + 1;
      double middle = firstStep + (Math.min(steps, firstStep + bucketSize - 1) - firstStep) / 2.0;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(middle), scale.y(mean)));
    }
    out.write(
        String.format(
            Locale.ROOT,
            "<polyline class=\"%s\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\""
                + " stroke-linejoin=\"round\"/>\n",
            stage.key(),
            points.toString().strip(),
            COLOURS.get(stage)));
  }

  private void writeLegend(Writer out) throws IOException {
    int x = WIDTH - RIGHT + 16;
    int y = TOP + 10;
    for (Stage stage : Stage.values()) {
      out.write(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n",
              x,
              y,
              x + 18,
              y,
              COLOURS.get(stage)));
      out.write(text(x + 24, y + 4, "fill=\"#333\"", stage.key()));
      y += 20;
    }
  }

  private double[] bucketsOf(Stage stage) {
    return Objects.requireNonNull(sums.get(stage), stage.key());
  }

  private double x(double step) {
    int plotWidth = WIDTH - RIGHT - LEFT;
    return steps <= 1 ? LEFT + plotWidth / 2.0 : LEFT + (step - 1) * plotWidth / (steps - 1);
  }

  private static String text(double x, double y, String attributes, String content) {
    return String.format(
        Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>\n", x, y, attributes, content);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Map nanoseconds to a height, by decades from {@code bottom} to {@code top}. */
  private record Scale(int bottom, int top) {

    double y(double nanos) {
      double value = Math.log10(Math.max(nanos, Math.pow(10, bottom)));
      double fraction = (value - bottom) / (top - bottom);
      return (HEIGHT - BOTTOM) - fraction * (HEIGHT - BOTTOM - TOP);
    }
  }
}
