package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.KeptWorkspaces;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PolicyCheckTests {

  private static final String SHOP = "scenarios/policies/shop.yaml";
  private static final String STRICT = "scenarios/policies/shop-strict.yaml";
  private static final String SHOP_SCENARIO = "scenarios/network/shop-policy-check.yaml";
  private static final String RECOVERY = "scenarios/policies/recovery.yaml";
  private static final String IMPATIENT = "scenarios/policies/recovery-impatient.yaml";
  private static final String OUTAGE_SCENARIO = "scenarios/network/model-outage-recovered.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;

  @RegisterExtension final KeptWorkspaces kept = KeptWorkspaces.listedUnder(() -> reports);

  @Test
  void theStrictShopPolicyDeniesTheCdnRequestsAndBreaksTheShopScenario() throws IOException {
    String out =
        expectExit(
            1,
            "policy-check",
            "--baseline",
            SHOP,
            "--candidate",
            STRICT,
            "--reports",
            reports.toString(),
            "--run-id",
            "strict",
            "--seed",
            "7",
            SHOP_SCENARIO);

    assertThat(out)
        .contains("Requests whose verdict changed (8):")
        .containsPattern(
            "(?m)^  shop-policy-check +\\d+ +GET +img\\.cdn\\.example\\.com +/logo\\.png +allow"
                + " +deny \\(not_allowlisted\\)$")
        .containsPattern("(?m)^  shop-policy-check +\\d+ +GET +cdn\\.example\\.com +/styles\\.css ")
        .contains("Scenarios whose result changed (1):")
        .containsPattern(
            "(?m)^  shop-policy-check +passed \\(success\\) +failed \\(success\\) +BROKEN$");
    JsonNode diff =
        new ObjectMapper()
            .readTree(reports.resolve("policy-check-strict/policy-diff.json").toFile());
    assertThat(diff.path("breaksScenario").asBoolean()).isTrue();
    List<String> hosts = new ArrayList<>();
    diff.path("requests").forEach(request -> hosts.add(request.path("host").asText()));
    assertThat(hosts).hasSize(8).containsOnly("img.cdn.example.com", "cdn.example.com");
    assertThat(diff.path("requests").get(0).path("scenario").asText())
        .isEqualTo("shop-policy-check");
    assertThat(diff.path("requests").get(0).path("step").asInt()).isPositive();
  }

  @Test
  void thePolicyAgainstItselfChangesNothingAndExitsZero() {
    String out =
        expectExit(
            0,
            "policy-check",
            "--baseline",
            SHOP,
            "--candidate",
            SHOP,
            "--reports",
            reports.toString(),
            "--parallel",
            "2",
            "scenarios/network");

    assertThat(out)
        .contains("No request changed its verdict.")
        .contains("No scenario changed its result.");
  }

  @Test
  void aRelaxedCandidateChangesVerdictsFromDenyToAllowWithoutBreakingAnything() {
    String out =
        expectExit(
            0,
            "policy-check",
            "--baseline",
            STRICT,
            "--candidate",
            SHOP,
            "--reports",
            reports.toString(),
            "--seed",
            "7",
            SHOP_SCENARIO);

    assertThat(out)
        .containsPattern("(?m)^  shop-policy-check .* deny \\(not_allowlisted\\) +allow$")
        .containsPattern("(?m)^  shop-policy-check +failed \\(success\\) +passed \\(success\\)$");
  }

  @Test
  void anImpatientRecoveryPolicyGivesUpOnTheOutageAndBreaksItsScenario() throws IOException {
    String out = checkTheImpatientPolicy("impatient");

    assertThat(out)
        .contains("Baseline: recovery " + RECOVERY)
        .contains("Candidate: recovery " + IMPATIENT)
        .contains("No request changed its verdict.")
        .contains("Requests made in one run only, where the agent took another path: 5")
        .contains("Recoveries that changed (1):")
        .containsPattern(
            "(?m)^  model-outage-recovered +49 +POST https://api\\.model\\.example\\.com/v1/chat/"
                + "completions +6 attempts over [0-9.]+ s, recovered +1 attempt, failed$")
        .containsPattern(
            "(?m)^  model-outage-recovered +passed \\(success\\) +failed \\(gave_up\\) +BROKEN$")
        .doesNotContain("shop-policy-check  passed");
    JsonNode diff =
        JSON.readTree(reports.resolve("policy-check-impatient/policy-diff.json").toFile());
    assertThat(diff.path("baselineRecovery").asText()).isEqualTo(RECOVERY);
    assertThat(diff.path("candidateRecovery").asText()).isEqualTo(IMPATIENT);
    assertThat(diff.path("recoveries").get(0).path("candidate").asText())
        .isEqualTo("1 attempt, failed");
    assertThat(diff.path("scenarios").get(0).path("broken").asBoolean()).isTrue();
  }

  @Test
  void theCheckIsAnAllureTestBesideTheCandidateRunsScenarios() throws IOException {
    checkTheImpatientPolicy("allure");

    Map<String, JsonNode> results =
        allureResults(reports.resolve("policy-check-allure/allure-results"));
    assertThat(results)
        .containsOnlyKeys(
            "Ride out twelve minutes of model outage with backoff and Retry-After",
            "The shop policy allows its API and CDN and denies everything else, each for its reason",
            "Policy check: Baseline: recovery " + RECOVERY + " → Candidate: recovery " + IMPATIENT);
    JsonNode check =
        results.get(
            "Policy check: Baseline: recovery " + RECOVERY + " → Candidate: recovery " + IMPATIENT);
    assertThat(check.path("status").asText()).isEqualTo("failed");
    assertThat(check.path("statusDetails").path("message").asText())
        .isEqualTo(
            "Expecting every scenario that passes under the baseline to pass under the candidate,"
                + " but [model-outage-recovered] failed");
    List<String> steps = new ArrayList<>();
    check
        .path("steps")
        .forEach(
            step -> steps.add(step.path("name").asText() + " " + step.path("status").asText()));
    assertThat(steps).first().isEqualTo("model-outage-recovered: passed → failed (gave_up) failed");
    assertThat(steps).hasSize(2);
    List<String> attachments = new ArrayList<>();
    check
        .path("attachments")
        .forEach(attachment -> attachments.add(attachment.path("name").asText()));
    assertThat(attachments).containsExactly("policy diff", "policy-diff.json");
    assertThat(
            results
                .get("Ride out twelve minutes of model outage with backoff and Retry-After")
                .path("status")
                .asText())
        .isEqualTo("failed");
  }

  @Test
  void aRecoveryPolicyAgainstItselfChangesNothing() {
    String out =
        expectExit(
            0,
            "policy-check",
            "--baseline-recovery",
            RECOVERY,
            "--candidate-recovery",
            RECOVERY,
            "--reports",
            reports.toString(),
            "--no-allure",
            "scenarios/network",
            "scenarios/detection");

    assertThat(out)
        .contains("No request changed its verdict.")
        .contains("No recovery changed.")
        .contains("No scenario changed its result.")
        .doesNotContain("Allure results:");
  }

  @Test
  void bothPairsCanChangeInOneCheck() {
    String out =
        expectExit(
            1,
            "policy-check",
            "--baseline",
            SHOP,
            "--candidate",
            STRICT,
            "--baseline-recovery",
            RECOVERY,
            "--candidate-recovery",
            IMPATIENT,
            "--reports",
            reports.toString(),
            "--no-allure",
            SHOP_SCENARIO);

    assertThat(out)
        .contains("Candidate: network " + STRICT + ", recovery " + IMPATIENT)
        .contains("Requests whose verdict changed (8):")
        .contains("No recovery changed.")
        .contains("Scenarios whose result changed (1):");
  }

  @Test
  void aPolicyWithoutItsPartnerIsRefused() {
    String out =
        expectExit(
            2, "policy-check", "--baseline-recovery", RECOVERY, "--reports", reports.toString());

    assertThat(out).contains("Missing required argument(s): --candidate-recovery=FILE");
  }

  @Test
  void noPolicyAtAllIsRefused() {
    String out = expectExit(2, "policy-check", "--reports", reports.toString());

    assertThat(out)
        .contains(
            "Give the policies to compare: --baseline and --candidate (network),"
                + " --baseline-recovery and --candidate-recovery, or both pairs");
  }

  @Test
  void aBrokenPolicyFileIsReportedBeforeAnythingRuns() throws IOException {
    Path broken = reports.resolve("broken.yaml");
    Files.writeString(broken, "attempts: many\n");

    String out =
        expectExit(
            1,
            "policy-check",
            "--baseline-recovery",
            RECOVERY,
            "--candidate-recovery",
            broken.toString(),
            "--reports",
            reports.toString());

    assertThat(out)
        .contains(
            "ERROR "
                + broken
                + ":1:11 attempts: expected a positive whole number but found the text 'many'")
        .doesNotContain("Baseline:");
  }

  @Test
  void optionsAreCheckedBeforeEitherRunStarts() {
    String out =
        expectExit(
            2,
            "policy-check",
            "--baseline",
            SHOP,
            "--candidate",
            STRICT,
            "--reports",
            reports.toString(),
            "--parallel",
            "0",
            SHOP_SCENARIO);

    assertThat(out).contains("--parallel must be from 1 to 1024").doesNotContain("Baseline:");
  }

  @Test
  void aRunIdThatIsNotOneFolderNameIsRefused() {
    String out =
        expectExit(
            2,
            "policy-check",
            "--baseline",
            SHOP,
            "--candidate",
            STRICT,
            "--reports",
            reports.toString(),
            "--run-id",
            "../../escape",
            SHOP_SCENARIO);

    assertThat(out).contains("--run-id must be one folder name").doesNotContain("Baseline:");
  }

  @Test
  void aScenarioFileThatCannotLoadFailsTheCheckThoughNothingChanged() throws IOException {
    Path broken = reports.resolve("broken.yaml");
    Files.writeString(broken, "id: broken\nagent: { scripted: [ { wait: soon } ] }\n");

    String out =
        expectExit(
            1,
            "policy-check",
            "--baseline",
            SHOP,
            "--candidate",
            SHOP,
            "--reports",
            reports.toString(),
            "--no-allure",
            SHOP_SCENARIO,
            broken.toString());

    assertThat(out)
        .contains("No scenario changed its result.")
        .contains(
            "Some files or scenarios could not run (the errors above), so the check did not cover"
                + " them.");
  }

  @Test
  void aNetworkCheckOfScenariosWithoutANetworkSaysSo() {
    String out =
        expectExit(
            0,
            "policy-check",
            "--baseline",
            SHOP,
            "--candidate",
            STRICT,
            "--reports",
            reports.toString(),
            "--no-allure",
            "scenarios/workspace/docs-digest.yaml");

    assertThat(out)
        .contains(
            "No scenario run has a network section, so the network policies were not put to the"
                + " test.");
  }

  /** Check the impatient recovery policy against the shipped one, on the outage and shop. */
  private String checkTheImpatientPolicy(String runId) {
    return expectExit(
        1,
        "policy-check",
        "--baseline-recovery",
        RECOVERY,
        "--candidate-recovery",
        IMPATIENT,
        "--reports",
        reports.toString(),
        "--run-id",
        runId,
        "--seed",
        "7",
        OUTAGE_SCENARIO,
        SHOP_SCENARIO);
  }

  /** The Allure test results in a folder, by name. */
  private static Map<String, JsonNode> allureResults(Path folder) throws IOException {
    Map<String, JsonNode> results = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
        JsonNode result = JSON.readTree(file.toFile());
        results.put(result.path("name").asText(), result);
      }
    }
    return results;
  }

  private static String expectExit(int code, String... args) {
    StringWriter out = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(out, true));

    int exit = command.execute(args);

    assertThat(exit).as(out.toString()).isEqualTo(code);
    return out.toString();
  }
}
