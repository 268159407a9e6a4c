package dev.gauntlet.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A run through the engine leaves one Allure result per scenario, with its steps and evidence. */
class AllureResultsTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  @RegisterExtension
  final KeptWorkspaces kept = KeptWorkspaces.listedUnder(() -> folder.resolve("reports"));

  /** A Java agent that lists the workspace twice, then throws. */
  public static final class ThrowsAtStepThree implements Agent {
    @Override
    public Decision decide(Observation observation) {
      if (observation.step() == 3) {
        throw new IllegalStateException("out of ideas");
      }
      return Decision.act(new Action("list", JSON.createObjectNode().put("path", ".")));
    }
  }

  @Test
  void aScenarioIsATestWithItsSuiteTagsSeverityAndOneStepPerLoopStepWithFourStages()
      throws IOException {
    Path file =
        ReportScenarios.write(
            folder.resolve("suite/pages.yaml"),
            ReportScenarios.pages("pages", 30, "long, workspace"));

    ReportScenarios.run(folder.resolve("reports"), file)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    JsonNode result = onlyResult();
    assertThat(result.path("name").asText()).isEqualTo("Write 30 pages and a digest");
    assertThat(result.path("status").asText()).isEqualTo("passed");
    assertThat(labels(result, "suite")).containsExactly(folder.resolve("suite").toString());
    assertThat(result.path("fullName").asText()).isEqualTo(file.toAbsolutePath() + "#pages");
    assertThat(labels(result, "tag")).containsExactly("long", "workspace");
    assertThat(labels(result, "severity")).containsExactly("normal");
    JsonNode steps = result.path("steps");
    assertThat(steps).hasSize(63);
    assertThat(steps.get(0).path("name").asText()).isEqualTo("1 write notes/page-1.md");
    assertThat(steps.get(0).path("steps"))
        .extracting(stage -> stage.path("name").asText().split(" ")[0])
        .containsExactly("observe", "reason", "act", "verify");
    assertThat(steps.get(62).path("name").asText()).startsWith("63 finish");
  }

  @Test
  void theTestCarriesTheTraceTheLatencyTableAndChartAndTheWorkspaceAsAttachments()
      throws IOException {
    Path file =
        ReportScenarios.write(
            folder.resolve("pages.yaml"), ReportScenarios.pages("pages", 3, "short"));

    ReportScenarios.run(folder.resolve("reports"), file);

    JsonNode result = onlyResult();
    List<String> names = new ArrayList<>();
    for (JsonNode attachment : result.path("attachments")) {
      names.add(attachment.path("name").asText());
      assertThat(allureResults().resolve(attachment.path("source").asText())).isRegularFile();
    }
    assertThat(names).containsExactly("latency chart", "latency table", "trace.jsonl", "workspace");
    assertThat(attachment(result, "trace.jsonl")).hasLineCount(9);
    assertThat(attachment(result, "latency table"))
        .startsWith("stage,count,p50 (ns),p95 (ns),p99 (ns),max (ns)\n")
        .contains("\nact,9,");
    assertThat(attachment(result, "workspace")).contains("was deleted", "plan.md", "obsolete.md");
    assertThat(folder.resolve("reports/run/pages/latency.svg")).isRegularFile();
  }

  @Test
  void aFailedScenarioCarriesItsFailureAsMessageAndEvidenceWithTheWorkspaceComparedToItsSeeds()
      throws IOException {
    Path file =
        ReportScenarios.write(folder.resolve("failing.yaml"), ReportScenarios.failing("unmet"));

    ReportScenarios.run(folder.resolve("reports"), file)
        .testEvents()
        .assertStatistics(s -> s.failed(1));

    JsonNode result = onlyResult();
    assertThat(result.path("status").asText()).isEqualTo("failed");
    assertThat(result.path("statusDetails").path("message").asText()).contains("something else");
    assertThat(labels(result, "severity")).containsExactly("critical");
    assertThat(labels(result, "tag")).containsExactly("broken-on-purpose");
    assertThat(attachment(result, "failure evidence")).contains("something else", "Trace: ");
    assertThat(attachment(result, "workspace")).contains("1 file:", "+ added    out.txt");
  }

  @Test
  void theStepOnWhichTheAgentFailedIsABrokenStepWithItsStagesAndCountsInTheLatencyTable()
      throws IOException {
    Path file =
        ReportScenarios.write(
            folder.resolve("throws.yaml"),
            """
            id: throws
            agent: { java: { class: %s } }
            expect: { outcome: error }
            """
                .formatted(ThrowsAtStepThree.class.getName()));

    ReportScenarios.run(folder.resolve("reports"), file)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    JsonNode result = onlyResult();
    JsonNode steps = result.path("steps");
    assertThat(steps).hasSize(3);
    JsonNode failed = steps.get(2);
    assertThat(failed.path("name").asText()).isEqualTo("3 agent");
    assertThat(failed.path("status").asText()).isEqualTo("broken");
    assertThat(failed.path("statusDetails").path("message").asText())
        .isEqualTo("agent_failure: java.lang.IllegalStateException: out of ideas");
    assertThat(failed.path("steps"))
        .extracting(stage -> stage.path("name").asText().split(" ")[0])
        .containsExactly("observe", "reason", "act", "verify");
    assertThat(attachment(result, "trace.jsonl")).hasLineCount(3);
    assertThat(attachment(result, "latency table")).contains("\nreason,3,");
    assertThat(folder.resolve("reports/run/throws/latency.svg")).isRegularFile();
  }

  @Test
  void eachRunReplacesTheResultsOfTheRunBeforeIt() throws IOException {
    Path file =
        ReportScenarios.write(
            folder.resolve("pages.yaml"), ReportScenarios.pages("pages", 2, "short"));

    ReportScenarios.run(folder.resolve("reports"), file);
    ReportScenarios.run(folder.resolve("reports"), file);

    assertThat(resultFiles()).hasSize(1);
    assertThat(allureResults().resolve("environment.properties")).content().contains("run=run");
  }

  private Path allureResults() {
    return folder.resolve("reports/allure-results");
  }

  private List<Path> resultFiles() throws IOException {
    try (Stream<Path> files = Files.list(allureResults())) {
      return files.filter(file -> file.toString().endsWith("-result.json")).toList();
    }
  }

  private JsonNode onlyResult() throws IOException {
    List<Path> files = resultFiles();
    assertThat(files).hasSize(1);
    return JSON.readTree(files.get(0).toFile());
  }

  private static List<String> labels(JsonNode result, String name) {
    List<String> values = new ArrayList<>();
    for (JsonNode label : result.path("labels")) {
      if (label.path("name").asText().equals(name)) {
        values.add(label.path("value").asText());
      }
    }
    return values;
  }

  private String attachment(JsonNode result, String name) throws IOException {
    for (JsonNode attachment : result.path("attachments")) {
      if (attachment.path("name").asText().equals(name)) {
        return Files.readString(allureResults().resolve(attachment.path("source").asText()));
      }
    }
    throw new AssertionError("No attachment '" + name + "' in " + result.path("attachments"));
  }
}
