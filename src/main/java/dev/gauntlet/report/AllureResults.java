package dev.gauntlet.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.loop.Finding;
import dev.gauntlet.loop.Refusal;
import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.loop.Skip;
import dev.gauntlet.loop.Stage;
import dev.gauntlet.scenario.Scenario;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.internal.Allure2ModelJackson;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Write one Allure test result per trial of a scenario into an Allure results folder, and one per
 * file or scenario refused before it could run.
 *
 * <p>A scenario is a test: its suite is the folder of its file, its tags are tags, its severity is
 * the tag {@code blocker}, {@code critical}, {@code normal}, {@code minor} or {@code trivial} (or
 * {@code severity:<level>}), {@code normal} by default. Each step of the loop is an Allure step
 * with the four stages as sub-steps, timed from the trace. The history id derives from the
 * scenario's id alone, so that the trials of a repeated scenario show as retries of one test.
 *
 * <p>A refused file or scenario is a {@code broken} test, Allure's status for a test that could not
 * run, in the suite its scenarios would have: named after the file and, when known, the scenario
 * id, with the problems as its message and attached beside the file's text. Its history id derives
 * from the file's path (relative to the working folder when below it) and the id, so that reruns
 * line up.
 *
 * <p>The steps are read from {@code trace.jsonl} a line at a time and written to the result file as
 * they are read: Allure's own lifecycle would hold every step of a run until its end.
 */
final class AllureResults {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SEVERITIES =
      Set.of("blocker", "critical", "normal", "minor", "trivial");
  private static final String SEVERITY_PREFIX = "severity:";
  private static final int MAX_PARAMETER = 200;
  private static final long MAX_ATTACHED_FILE = 1 << 20;

  private final Path folder;
  private final FileSystemResultsWriter writer;
  private final io.qameta.allure.internal.shadowed.jackson.databind.ObjectMapper allure =
      Allure2ModelJackson.createMapper();

  AllureResults(Path folder) {
    this.folder = folder;
    this.writer = new FileSystemResultsWriter(folder);
  }

  /** Return the folder results are written to. */
  Path folder() {
    return folder;
  }

  /**
   * Delete the results of an earlier run: only files named as Allure names them, so that a folder
   * set by mistake loses nothing else.
   */
  void clear() throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = String.valueOf(file.getFileName());
        if (name.endsWith("-result.json")
            || name.endsWith("-container.json")
            || name.contains("-attachment")
            || name.equals("environment.properties")) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** Write the environment the run's report shows on its overview page. */
  void environment(Map<String, String> entries) throws IOException {
    Files.createDirectories(folder);
    StringBuilder text = new StringBuilder();
    entries.forEach(
        (key, value) -> text.append(key.replace(' ', '_')).append('=').append(value).append('\n'));
    Files.writeString(folder.resolve("environment.properties"), text, StandardCharsets.ISO_8859_1);
  }

  /**
   * Write the result of one trial.
   *
   * @param started when the trial began
   * @param chart the latency chart already written for it, attached when it exists
   */
  void write(ScenarioResult result, Instant started, Path chart) throws IOException {
    Files.createDirectories(folder);
    Scenario scenario = result.scenario();
    String uuid = UUID.randomUUID().toString();
    String historyId = ResultsUtils.md5("gauntlet:" + scenario.id());
    long start = started.toEpochMilli();

    TestResult test =
        new TestResult()
            .setUuid(uuid)
            .setHistoryId(historyId)
            .setTestCaseId(historyId)
            .setName(scenario.name())
            .setFullName(shown(scenario.origin().file()) + "#" + scenario.id())
            .setLabels(labels(scenario.origin().file(), scenario.tags()))
            .setStatus(status(result))
            .setStage(io.qameta.allure.model.Stage.FINISHED)
            .setDescription(description(result))
            .setStart(start)
            .setStop(start + result.wallTime().toMillis())
            .setParameters(parameters(result))
            .setAttachments(attachments(result, chart));
    if (result.stopped()) {
      test.setStatusDetails(new StatusDetails().setMessage(result.message()));
    } else if (!result.passed()) {
      AssertionError failure = result.failure();
      test.setStatusDetails(
          new StatusDetails()
              .setMessage(String.join("\n\n", result.failures()))
              .setTrace(failure == null ? "" : String.valueOf(failure.getMessage())));
    }
    writeResult(test, result.trace(), start);
  }

  /** Write a scenario or trial the stopped run never started, as a skipped test. */
  void write(Skip skip) throws IOException {
    Files.createDirectories(folder);
    Scenario scenario = skip.scenario();
    String historyId = ResultsUtils.md5("gauntlet:" + scenario.id());
    long now = Instant.now().toEpochMilli();
    TestResult test =
        new TestResult()
            .setUuid(UUID.randomUUID().toString())
            .setHistoryId(historyId)
            .setTestCaseId(historyId)
            .setName(scenario.name())
            .setFullName(shown(scenario.origin().file()) + "#" + scenario.id())
            .setLabels(labels(scenario.origin().file(), scenario.tags()))
            .setStatus(Status.SKIPPED)
            .setStatusDetails(new StatusDetails().setMessage(skip.reason()))
            .setStage(io.qameta.allure.model.Stage.FINISHED)
            .setDescription("Scenario `" + scenario.id() + "` did not start: " + skip.reason())
            .setStart(now)
            .setStop(now);
    if (skip.trial() > 0) {
      test.setParameters(List.of(parameter("trial", Integer.toString(skip.trial()))));
    }
    writer.write(test);
  }

  /** Write a file or scenario that was refused before it could run, as a broken test. */
  void write(Refusal refusal) throws IOException {
    Files.createDirectories(folder);
    String id = refusal.scenarioId();
    String historyId =
        ResultsUtils.md5(
            "gauntlet-refused:" + shown(refusal.file()) + (id == null ? "" : "#" + id));
    long now = Instant.now().toEpochMilli();
    List<Attachment> attachments = new ArrayList<>();
    attach(attachments, "problems", "text/plain", ".txt", text(refusal.message()));
    Path file = refusal.file();
    if (Files.isRegularFile(file) && Files.size(file) <= MAX_ATTACHED_FILE) {
      // Stored as .txt: a .yaml beside the results would be found as a scenario file by a later
      // run over a folder that holds them.
      String name = String.valueOf(file.getFileName());
      attach(attachments, name, "text/plain", ".txt", Files.newInputStream(file));
    }
    TestResult test =
        new TestResult()
            .setUuid(UUID.randomUUID().toString())
            .setHistoryId(historyId)
            .setTestCaseId(historyId)
            .setName(refusal.name())
            .setFullName(shown(file) + (id == null ? "" : "#" + id))
            .setLabels(labels(file, List.of()))
            .setStatus(Status.BROKEN)
            .setStatusDetails(new StatusDetails().setMessage(refusal.message()))
            .setStage(io.qameta.allure.model.Stage.FINISHED)
            .setDescription(
                (id == null
                        ? "The file could not be loaded, so none of its scenarios ran."
                        : "Scenario `" + id + "` was refused, so it did not run.")
                    + "\n\n```\n"
                    + refusal.message()
                    + "\n```")
            .setStart(now)
            .setStop(now)
            .setAttachments(attachments);
    writer.write(test);
  }

  private void writeResult(TestResult test, Path trace, long start) throws IOException {
    ObjectNode header = (ObjectNode) JSON.readTree(allure.writeValueAsString(test));
    header.remove("steps");
    Path part = folder.resolve(test.getUuid() + "-result.json.part");
    try (OutputStream out = Files.newOutputStream(part);
        JsonGenerator json = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      for (Map.Entry<String, JsonNode> field : header.properties()) {
        json.writeFieldName(field.getKey());
        json.writeTree(field.getValue());
      }
      json.writeArrayFieldStart("steps");
      TraceReader.forEach(
          trace, step -> json.writeRawValue(allure.writeValueAsString(step(step, start))));
      json.writeEndArray();
      json.writeEndObject();
    }
    Files.move(
        part,
        folder.resolve(test.getUuid() + "-result.json"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** One loop step, with a sub-step per stage laid end to end from the step's start. */
  private static StepResult step(TraceStep step, long runStart) {
    long at = runStart + Math.round(step.atMillis());
    List<StepResult> stages = new ArrayList<>();
    double offsetMillis = 0;
    for (Stage stage : Stage.values()) {
      long nanos = step.nanos(stage);
      double end = offsetMillis + (double) nanos / 1e6;
      stages.add(
          new StepResult()
              .setName(stage.key() + " · " + Nanos.format((double) nanos))
              .setStatus(Status.PASSED)
              .setStage(io.qameta.allure.model.Stage.FINISHED)
              .setStart(at + Math.round(offsetMillis))
              .setStop(at + Math.round(end)));
      offsetMillis = end;
    }
    List<Parameter> parameters = new ArrayList<>();
    String status = step.status();
    if (status != null) {
      parameters.add(
          parameter("result", status + (step.reason() == null ? "" : " (" + step.reason() + ")")));
      parameters.add(parameter("output", step.summary()));
    }
    parameters.add(parameter("effect", step.effect()));
    String outcome = step.outcome();
    if (outcome != null) {
      parameters.add(parameter("outcome", outcome + ": " + step.message()));
    }
    StepResult result =
        new StepResult()
            .setName(step.title())
            .setStatus(stepStatus(status))
            .setStage(io.qameta.allure.model.Stage.FINISHED)
            .setStart(at)
            .setStop(at + Math.round(offsetMillis))
            .setSteps(stages)
            .setParameters(parameters);
    if (status != null && !status.equals("ok")) {
      result.setStatusDetails(
          new StatusDetails().setMessage(step.reason() + ": " + step.summary()));
    }
    return result;
  }

  private static Status stepStatus(@org.jspecify.annotations.Nullable String status) {
    if ("refused".equals(status)) {
      return Status.FAILED;
    }
    return "error".equals(status) ? Status.BROKEN : Status.PASSED;
  }

  private static Parameter parameter(String name, String value) {
    String shown =
        value.length() <= MAX_PARAMETER ? value : value.substring(0, MAX_PARAMETER) + "…";
    return new Parameter().setName(name).setValue(shown);
  }

  /** A stopped run has no verdict: Allure shows it as skipped, as JUnit's aborted tests are. */
  private static Status status(ScenarioResult result) {
    if (result.passed()) {
      return Status.PASSED;
    }
    if (result.stopped()) {
      return Status.SKIPPED;
    }
    return result.harnessFault() ? Status.BROKEN : Status.FAILED;
  }

  /** The folder of a scenario file, relative to the working folder when it lies below it. */
  private static String suite(Path file) {
    Path folder = file.toAbsolutePath().normalize().getParent();
    return folder == null ? "." : shown(folder);
  }

  /** A path relative to the working folder when it lies below it, else absolute. */
  private static String shown(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path here = Path.of("").toAbsolutePath();
    Path shown =
        absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute) : absolute;
    // One spelling on every OS, so that history ids made on Windows and Linux agents match.
    return shown.toString().replace(File.separatorChar, '/');
  }

  /** The labels of a scenario of this file: its suite, sub-suite, tags and severity. */
  private static List<Label> labels(Path file, List<String> tags) {
    List<Label> labels = new ArrayList<>();
    labels.add(ResultsUtils.createSuiteLabel(suite(file)));
    labels.add(ResultsUtils.createSubSuiteLabel(String.valueOf(file.getFileName())));
    labels.add(ResultsUtils.createFrameworkLabel("gauntlet"));
    labels.add(ResultsUtils.createHostLabel());
    String severity = "normal";
    for (String tag : tags) {
      String lower = tag.toLowerCase(Locale.ROOT);
      String level =
          lower.startsWith(SEVERITY_PREFIX) ? lower.substring(SEVERITY_PREFIX.length()) : lower;
      if (SEVERITIES.contains(level)) {
        severity = level;
      } else {
        labels.add(ResultsUtils.createTagLabel(tag));
      }
    }
    labels.add(new Label().setName(ResultsUtils.SEVERITY_LABEL_NAME).setValue(severity));
    return labels;
  }

  /** The trial, for a repeated scenario: it shows beside the name, telling retries apart. */
  private static List<Parameter> parameters(ScenarioResult result) {
    List<Parameter> parameters = new ArrayList<>();
    if (result.scenario().trials() > 1) {
      parameters.add(parameter("trial", result.trial() + " of " + result.scenario().trials()));
    }
    return parameters;
  }

  private static String description(ScenarioResult result) {
    return String.format(
        Locale.ROOT,
        "Outcome **%s**: %s%n%n%d steps in %.2f s (file %s, line %d), seed %d.%n%nTrace: `%s`",
        result.outcome().key(),
        result.message(),
        result.steps(),
        result.wallTime().toNanos() / 1e9,
        result.scenario().origin().file(),
        result.scenario().origin().line(),
        result.seed(),
        result.trace());
  }

  private List<Attachment> attachments(ScenarioResult result, Path chart) throws IOException {
    List<Attachment> attachments = new ArrayList<>();
    if (result.failed()) {
      AssertionError failure = result.failure();
      attach(
          attachments,
          "failure evidence",
          "text/plain",
          ".txt",
          text(failure == null ? "" : String.valueOf(failure.getMessage()) + findings(result)));
    }
    if (Files.isRegularFile(chart)) {
      attach(attachments, "latency chart", "image/svg+xml", ".svg", Files.newInputStream(chart));
    }
    attach(
        attachments,
        "latency table",
        "text/csv",
        ".csv",
        text(LatencyTable.of(result.latencies()).csv()));
    if (Files.isRegularFile(result.trace())) {
      attach(
          attachments, "trace.jsonl", "text/plain", ".jsonl", Files.newInputStream(result.trace()));
    }
    Path folder = result.trace().toAbsolutePath().getParent();
    Path egress = folder == null ? null : folder.resolve("egress.jsonl");
    if (egress != null && Files.isRegularFile(egress)) {
      attach(attachments, "egress.jsonl", "text/plain", ".jsonl", Files.newInputStream(egress));
    }
    attach(attachments, "workspace", "text/plain", ".txt", text(WorkspaceListing.of(result)));
    return attachments;
  }

  private static String findings(ScenarioResult result) {
    if (result.findings().isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("\n\nFindings:\n");
    for (Finding finding : result.findings()) {
      text.append("  ")
          .append(finding.kind().key())
          .append(" at steps ")
          .append(finding.firstStep())
          .append('-')
          .append(finding.lastStep())
          .append(": ")
          .append(finding.evidence())
          .append('\n');
    }
    return text.toString();
  }

  private void attach(
      List<Attachment> attachments, String name, String type, String extension, InputStream content)
      throws IOException {
    String source = UUID.randomUUID() + "-attachment" + extension;
    try (InputStream in = content) {
      writer.write(source, in);
    }
    attachments.add(new Attachment().setName(name).setType(type).setSource(source));
  }

  private static InputStream text(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }
}
