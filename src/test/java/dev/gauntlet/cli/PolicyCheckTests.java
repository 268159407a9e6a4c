package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PolicyCheckTests {

  private static final String SHOP = "scenarios/policies/shop.yaml";
  private static final String STRICT = "scenarios/policies/shop-strict.yaml";
  private static final String SHOP_SCENARIO = "scenarios/network/shop-policy-check.yaml";

  @TempDir Path reports;

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
