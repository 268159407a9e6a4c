package dev.gauntlet.report;

import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * Build one Allure test result that is not a scenario, such as the verdict of a policy check, and
 * write it into an Allure results folder beside the scenarios' results: a name, a pass or fail, a
 * step for each finding, and text attachments.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class AllureCheckResult {

  private final String name;
  private final String suite;
  private final List<Parameter> parameters = new ArrayList<>();
  private final List<StepResult> steps = new ArrayList<>();
  private final List<Text> attachments = new ArrayList<>();
  private String failure = "";

  private record Text(String title, String type, String extension, String content) {}

  /**
   * Start a result.
   *
   * @param name the test's name, e.g. {@code Policy check: shop.yaml → shop-strict.yaml}
   * @param suite the suite it shows under
   */
  public AllureCheckResult(String name, String suite) {
    this.name = name;
    this.suite = suite;
  }

  /** Show a parameter beside the name. */
  public AllureCheckResult parameter(String key, String value) {
    parameters.add(new Parameter().setName(key).setValue(value));
    return this;
  }

  /** Add a step; a failed one is shown red. */
  public AllureCheckResult step(String title, boolean failed) {
    long now = Instant.now().toEpochMilli();
    steps.add(
        new StepResult()
            .setName(title)
            .setStatus(failed ? Status.FAILED : Status.PASSED)
            .setStage(Stage.FINISHED)
            .setStart(now)
            .setStop(now));
    return this;
  }

  /** Attach text, e.g. a table ({@code text/plain}, {@code .txt}). */
  public AllureCheckResult attach(String title, String type, String extension, String content) {
    attachments.add(new Text(title, type, extension, content));
    return this;
  }

  /** Fail the result with this message. */
  public AllureCheckResult failed(String message) {
    failure = message;
    return this;
  }

  /** Write the result and its attachments into the folder, creating it when needed. */
  public void writeTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    FileSystemResultsWriter writer = new FileSystemResultsWriter(folder);
    long now = Instant.now().toEpochMilli();
    String historyId = ResultsUtils.md5("gauntlet-check:" + suite + ":" + name);
    TestResult test =
        new TestResult()
            .setUuid(UUID.randomUUID().toString())
            .setHistoryId(historyId)
            .setTestCaseId(historyId)
            .setName(name)
            .setFullName(suite + "#" + name)
            .setLabels(
                List.of(
                    ResultsUtils.createSuiteLabel(suite),
                    ResultsUtils.createFrameworkLabel("gauntlet"),
                    ResultsUtils.createHostLabel(),
                    new Label().setName(ResultsUtils.SEVERITY_LABEL_NAME).setValue("critical")))
            .setParameters(parameters)
            .setSteps(steps)
            .setStatus(failure.isEmpty() ? Status.PASSED : Status.FAILED)
            .setStage(Stage.FINISHED)
            .setStart(now)
            .setStop(now);
    if (!failure.isEmpty()) {
      test.setStatusDetails(new StatusDetails().setMessage(failure));
    }
    List<Attachment> attached = new ArrayList<>();
    for (Text text : attachments) {
      String source = UUID.randomUUID() + "-attachment" + text.extension();
      writer.write(
          source, new ByteArrayInputStream(text.content().getBytes(StandardCharsets.UTF_8)));
      attached.add(new Attachment().setName(text.title()).setType(text.type()).setSource(source));
    }
    test.setAttachments(attached);
    writer.write(test);
  }

  /**
   * Add entries to the environment the report's overview shows, keeping those the run wrote.
   *
   * @param folder the Allure results folder
   */
  public static void addEnvironment(Path folder, Map<String, String> entries) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve("environment.properties");
    Properties environment = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        environment.load(in);
      }
    }
    entries.forEach((key, value) -> environment.setProperty(key.replace(' ', '_'), value));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
      environment.store(out, null);
    }
  }
}
