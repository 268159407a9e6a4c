package dev.gauntlet.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows 21, 22 and 25 of egress-bypass.md, mocks, faults and scopes, on a real WireMock server. */
class GatewayTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static MockServer server;

  @TempDir Path folder;

  @BeforeAll
  static void startTheMockServer() {
    server = MockServer.start();
  }

  @AfterAll
  static void stopTheMockServer() {
    server.close();
  }

  private static Policy tablePolicy() {
    return EgressBypassTests.TABLE;
  }

  private NetworkScope scope(String id, Policy policy, MockSpec... mocks) {
    Network network = Network.of(policy, List.of(mocks), folder);
    return NetworkScope.open(server, id, network, folder.resolve(id + "/egress.jsonl"));
  }

  private static ResponseSpec redirect(int status, String location) {
    return new ResponseSpec(status, Map.of("Location", location), null, null, null, null, null);
  }

  @Test
  void deniesARedirectToCloudMetadataOnTheSecondHop() {
    try (NetworkScope scope =
        scope(
            "row21",
            tablePolicy(),
            MockSpec.of("GET", "example.com", "/go", redirect(302, "https://169.254.169.254/")))) {
      scope.enterStep(4);

      Exchange exchange = scope.send("GET", "https://example.com/go", Map.of(), null, TIMEOUT);

      assertThat(exchange.verdict().reason()).isEqualTo(Reason.REDIRECT_DENIED);
      assertThat(exchange.status()).isEqualTo(403);
      assertThat(exchange.headers()).containsEntry("X-Gauntlet-Denied", List.of("redirect_denied"));
      assertThat(scope.records())
          .extracting(
              EgressRecord::hop, EgressRecord::decision, EgressRecord::reason, EgressRecord::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(0, "allow", null, 302),
              org.assertj.core.groups.Tuple.tuple(1, "deny", "redirect_denied", 403));
      assertThat(scope.records()).allSatisfy(record -> assertThat(record.step()).isEqualTo(4));
    }
  }

  @Test
  void deniesARedirectToLocalhostRelativeOrAbsoluteOnTheSecondHop() {
    try (NetworkScope scope =
        scope(
            "row21-kind",
            tablePolicy(),
            MockSpec.of("GET", "example.com", "/a", redirect(307, "//localhost/admin")),
            MockSpec.of("GET", "example.com", "/b", redirect(308, "https://0x7f.1/")))) {

      Exchange first = scope.send("GET", "https://example.com/a", Map.of(), null, TIMEOUT);
      Exchange second = scope.send("GET", "https://example.com/b", Map.of(), null, TIMEOUT);

      assertThat(first.verdict().reason()).isEqualTo(Reason.REDIRECT_DENIED);
      assertThat(second.verdict().reason()).isEqualTo(Reason.REDIRECT_DENIED);
    }
  }

  @Test
  void deniesADowngradeByRedirectAsSchemeOnTheSecondHop() {
    try (NetworkScope scope =
        scope(
            "row22",
            tablePolicy(),
            MockSpec.of("GET", "example.com", "/", redirect(301, "http://example.com/")))) {

      Exchange exchange = scope.send("GET", "https://example.com/", Map.of(), null, TIMEOUT);

      assertThat(exchange.verdict().reason()).isEqualTo(Reason.SCHEME);
      assertThat(scope.records())
          .extracting(EgressRecord::hop, EgressRecord::reason)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(0, null),
              org.assertj.core.groups.Tuple.tuple(1, "scheme"));
    }
  }

  @Test
  void followsAnAllowedRedirectAndStopsAfterFiveHops() {
    try (NetworkScope scope =
        scope(
            "hops",
            tablePolicy(),
            MockSpec.of("GET", "example.com", "/old", redirect(302, "/new")),
            MockSpec.of("GET", "example.com", "/new", ResponseSpec.status(200, "moved here")),
            MockSpec.of("GET", "example.com", "/loop", redirect(302, "/loop")))) {

      Exchange moved = scope.send("GET", "https://example.com/old", Map.of(), null, TIMEOUT);
      Exchange loop = scope.send("GET", "https://example.com/loop", Map.of(), null, TIMEOUT);

      assertThat(moved.status()).isEqualTo(200);
      assertThat(moved.url()).isEqualTo("https://example.com/new");
      assertThat(new String(moved.body(), StandardCharsets.UTF_8)).isEqualTo("moved here");
      assertThat(loop.verdict().reason()).isEqualTo(Reason.REDIRECT_DENIED);
      assertThat(loop.redirects()).isEqualTo(6);
    }
  }

  @Test
  void rateLimitsTheEleventhAndLaterOfFiftyRequestsInOneSecondAndLogsEach() {
    Policy limited =
        Policy.compile(
            new PolicySpec(
                List.of(new RuleSpec("example.com", null, null, null, "10/s", null)), null));
    Network network =
        Network.of(
            limited,
            List.of(MockSpec.of("GET", "example.com", "/", ResponseSpec.status(200, "ok"))),
            folder);
    long frozen = 42L;
    try (NetworkScope scope =
        NetworkScope.open(server, "row25", network, folder.resolve("row25.jsonl"), () -> frozen)) {
      List<Exchange> exchanges = new ArrayList<>();

      for (int i = 0; i < 50; i++) {
        exchanges.add(scope.send("GET", "https://example.com/", Map.of(), null, TIMEOUT));
      }

      assertThat(exchanges.subList(0, 10)).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
      assertThat(exchanges.subList(10, 50))
          .allSatisfy(e -> assertThat(e.verdict().reason()).isEqualTo(Reason.RATE_LIMITED));
      assertThat(scope.records()).hasSize(50);
      assertThat(NetworkExpectations.deniedCount(scope.records(), Reason.RATE_LIMITED, 40))
          .isEmpty();
    }
  }

  @Test
  void refillsTheBucketAsTimePasses() {
    Policy limited =
        Policy.compile(
            new PolicySpec(List.of(new RuleSpec("example.com", null, null, null, "2/s", 1)), null));
    Network network =
        Network.of(
            limited,
            List.of(MockSpec.of("GET", "example.com", "/", ResponseSpec.status(200, "ok"))),
            folder);
    long[] now = {0};
    try (NetworkScope scope =
        NetworkScope.open(
            server, "refill", network, folder.resolve("refill.jsonl"), () -> now[0])) {

      Exchange first = scope.send("GET", "https://example.com/", Map.of(), null, TIMEOUT);
      Exchange second = scope.send("GET", "https://example.com/", Map.of(), null, TIMEOUT);
      now[0] += Duration.ofMillis(500).toNanos();
      Exchange third = scope.send("GET", "https://example.com/", Map.of(), null, TIMEOUT);

      assertThat(first.status()).isEqualTo(200);
      assertThat(second.verdict().reason()).isEqualTo(Reason.RATE_LIMITED);
      assertThat(third.status()).isEqualTo(200);
    }
  }

  @Test
  void playsA503ThenAResetThenA200InThatOrderInTheEgressLog() throws Exception {
    MockSpec flaky =
        MockSpec.of(
            "GET",
            "example.com",
            "/items/{id}",
            new ResponseSpec(503, Map.of("Retry-After", "2"), "busy", null, null, null, null),
            ResponseSpec.fault(Fault.CONNECTION_RESET),
            ResponseSpec.status(200, "{\"id\":7}"));
    try (NetworkScope scope = scope("sequence", tablePolicy(), flaky)) {

      for (int step = 1; step <= 3; step++) {
        scope.enterStep(step);
        scope.send("GET", "https://example.com/items/7", Map.of(), null, TIMEOUT);
      }
      Exchange repeat = scope.send("GET", "https://example.com/items/7", Map.of(), null, TIMEOUT);

      List<EgressRecord> logged = EgressLog.read(scope.egressLog());
      assertThat(logged)
          .extracting(EgressRecord::step, EgressRecord::status, EgressRecord::error)
          .startsWith(
              org.assertj.core.groups.Tuple.tuple(1, 503, null),
              org.assertj.core.groups.Tuple.tuple(2, null, "reset"),
              org.assertj.core.groups.Tuple.tuple(3, 200, null));
      assertThat(repeat.status()).as("the last answer repeats").isEqualTo(200);
      assertThat(logged.get(0).mock()).isEqualTo("GET example.com /items/{id}");
    }
  }

  @Test
  void givesTwoScopesWithConflictingStubsTheirOwnAnswers() {
    try (NetworkScope left =
            scope(
                "left",
                tablePolicy(),
                MockSpec.of("GET", "example.com", "/x", ResponseSpec.status(200, "left")));
        NetworkScope right =
            scope(
                "right",
                tablePolicy(),
                MockSpec.of("GET", "example.com", "/x", ResponseSpec.status(201, "right")))) {

      Exchange fromLeft = left.send("GET", "https://example.com/x", Map.of(), null, TIMEOUT);
      Exchange fromRight = right.send("GET", "https://example.com/x", Map.of(), null, TIMEOUT);

      assertThat(fromLeft.status()).isEqualTo(200);
      assertThat(new String(fromLeft.body(), StandardCharsets.UTF_8)).isEqualTo("left");
      assertThat(fromRight.status()).isEqualTo(201);
      assertThat(new String(fromRight.body(), StandardCharsets.UTF_8)).isEqualTo("right");
      assertThat(left.journal()).hasSize(1);
      assertThat(right.journal()).hasSize(1);
    }
  }

  @Test
  void namesTheUrlAndTheNearestMockWhenNoMockMatches() {
    try (NetworkScope scope =
        scope(
            "nomock",
            tablePolicy(),
            MockSpec.of("GET", "example.com", "/items/{id}", ResponseSpec.status(200, "item")),
            MockSpec.of("POST", "v1.api.example.com", "/orders", ResponseSpec.status(201, "")))) {
      scope.enterStep(9);

      Exchange exchange = scope.send("GET", "https://example.com/itemz/1", Map.of(), null, TIMEOUT);

      assertThat(exchange.error()).isEqualTo("no_mock");
      assertThat(exchange.message())
          .startsWith(
              "no mock for GET https://example.com/itemz/1; nearest mocks: GET example.com /items/{id}");
      assertThat(scope.unmatched()).containsExactly(exchange.message());
      assertThat(NetworkExpectations.noUnmatchedRequests(scope.records()))
          .singleElement()
          .asString()
          .contains("step 9 GET https://example.com/itemz/1");
      assertThat(NetworkExpectations.everyMockUsed(scope))
          .singleElement()
          .asString()
          .contains("GET example.com /items/{id}")
          .contains("POST v1.api.example.com /orders");
    }
  }

  @Test
  void neverLetsAnAgentForgeItsScopeHeader() {
    try (NetworkScope mine =
            scope(
                "mine",
                tablePolicy(),
                MockSpec.of("GET", "example.com", "/", ResponseSpec.status(200, "mine")));
        NetworkScope theirs =
            scope(
                "theirs",
                tablePolicy(),
                MockSpec.of("GET", "example.com", "/", ResponseSpec.status(200, "theirs")))) {

      Exchange exchange =
          mine.send(
              "GET", "https://example.com/", Map.of("X-Gauntlet-Scope", "theirs"), null, TIMEOUT);

      assertThat(new String(exchange.body(), StandardCharsets.UTF_8)).isEqualTo("mine");
      assertThat(theirs.journal()).isEmpty();
    }
  }

  @Test
  void reportsEachFaultAsItsErrorKind() {
    MockSpec faults =
        MockSpec.of(
            "GET",
            "example.com",
            "/f",
            ResponseSpec.fault(Fault.EMPTY_RESPONSE),
            ResponseSpec.fault(Fault.RANDOM_DATA_THEN_CLOSE),
            ResponseSpec.fault(Fault.TIMEOUT));
    try (NetworkScope scope = scope("faults", tablePolicy(), faults)) {

      Exchange empty = scope.send("GET", "https://example.com/f", Map.of(), null, TIMEOUT);
      Exchange garbage = scope.send("GET", "https://example.com/f", Map.of(), null, TIMEOUT);
      Exchange silent =
          scope.send("GET", "https://example.com/f", Map.of(), null, Duration.ofMillis(200));

      assertThat(empty.error()).isEqualTo("empty");
      assertThat(garbage.error()).isEqualTo("malformed");
      assertThat(silent.error()).isEqualTo("timeout");
    }
  }

  @Test
  void reproducesProbabilisticFaultsFromTheSameSeed() {
    List<String> first = faultPattern("seed-a");
    List<String> second = faultPattern("seed-b");

    assertThat(first).isEqualTo(second).contains("reset").contains("200");
  }

  private List<String> faultPattern(String id) {
    MockSpec mock =
        new MockSpec(
            "example.com",
            "GET",
            "/p",
            null,
            null,
            null,
            null,
            List.of(ResponseSpec.status(200, "ok")),
            List.of(
                new FaultScheduleSpec("connection_reset", null, null, 0.5, 7L),
                new FaultScheduleSpec("empty_response", List.of(2), null, null, null)));
    List<String> outcomes = new ArrayList<>();
    try (NetworkScope scope = scope(id, tablePolicy(), mock)) {
      for (int i = 0; i < 12; i++) {
        Exchange exchange = scope.send("GET", "https://example.com/p", Map.of(), null, TIMEOUT);
        outcomes.add(
            exchange.error() != null ? exchange.error() : String.valueOf(exchange.status()));
      }
    }
    return outcomes;
  }

  @Test
  void matchesMocksOnHeadersAndJsonBodies() {
    MockSpec mock =
        new MockSpec(
            "example.com",
            "POST",
            "/orders",
            null,
            null,
            Map.of("Authorization", MatchSpec.equalTo("Bearer t")),
            MatchSpec.equalToJson(
                JsonNodeFactory.instance.objectNode().put("sku", "A1").put("qty", 2)),
            List.of(ResponseSpec.status(201, "created")),
            null);
    try (NetworkScope scope = scope("matchers", tablePolicy(), mock)) {

      Exchange matched =
          scope.send(
              "POST",
              "https://example.com/orders",
              Map.of("Authorization", "Bearer t"),
              "{\"qty\": 2, \"sku\": \"A1\"}".getBytes(StandardCharsets.UTF_8),
              TIMEOUT);
      Exchange unmatched =
          scope.send(
              "POST",
              "https://example.com/orders",
              Map.of("Authorization", "Bearer t"),
              "{\"qty\": 3, \"sku\": \"A1\"}".getBytes(StandardCharsets.UTF_8),
              TIMEOUT);

      assertThat(matched.status()).isEqualTo(201);
      assertThat(unmatched.error()).isEqualTo("no_mock");
    }
  }

  @Test
  void letsTheHttpToolShowADenialAResponseAndATruncatedBody() {
    String large = "x".repeat(100);
    try (NetworkScope scope =
        scope(
            "tool",
            tablePolicy(),
            MockSpec.of("GET", "example.com", "/big", ResponseSpec.status(200, large)))) {
      Tool http = new HttpTool(scope, 40);

      ToolResult denied = http.execute(action("https://localhost/"), null).result();
      Tool.Execution fetched = http.execute(action("https://example.com/big"), null);

      assertThat(denied.status()).isEqualTo(ToolResult.Status.REFUSED);
      assertThat(denied.reason()).isEqualTo("local_address");
      assertThat(denied.output()).contains("X-Gauntlet-Denied: local_address");
      assertThat(denied.data().get("decision").asText()).isEqualTo("deny");
      ToolResult result = fetched.result();
      assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
      assertThat(result.data().get("status").asInt()).isEqualTo(200);
      assertThat(result.data().get("decision").asText()).isEqualTo("allow");
      assertThat(result.output()).contains("x".repeat(40)).doesNotContain("x".repeat(41));
      assertThat(result.output()).contains("[… body truncated: 40 of 100 characters shown");
      assertThat(fetched.verify()).isEqualTo(Effect.READ_ONLY);
    }
  }

  private static Action action(String url) {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("url", url);
    return new Action("http", arguments);
  }
}
