package dev.gauntlet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Allure HTML report of a 50+ step scenario, made by the Allure command line from Maven
 * Central, opens in headless Chromium and shows the scenario and its steps. The report is served on
 * 127.0.0.1 only, and Chromium runs with every background connection turned off.
 */
class AllureReportInChromiumTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html",
          "js", "application/javascript",
          "css", "text/css",
          "json", "application/json",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "txt", "text/plain",
          "csv", "text/csv");

  @TempDir Path folder;

  private HttpServer server;

  @BeforeEach
  void noServerYet() {
    server = null;
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void theReportListsTheScenarioAndShowsItsStepsInHeadlessChromium() throws Exception {
    Optional<Path> chromium = chromium();
    assumeTrue(
        chromium.isPresent(),
        "Chromium is not installed (Debian: apt-get install chromium); the report is not rendered");
    Path file =
        ReportScenarios.write(
            folder.resolve("suite/pages.yaml"), ReportScenarios.pages("pages", 30, "long"));
    ReportScenarios.run(folder.resolve("reports"), file);
    Path report = folder.resolve("allure-report");

    int generated =
        AllureCommandLine.find(buildDir().resolve("allure-commandline"))
            .orElseThrow(() -> new AssertionError("the build unpacks the Allure command line"))
            .generate(folder.resolve("reports/allure-results"), report);
    String url = serve(report) + "index.html#suites/" + testPath(report);
    Path screenshot = Path.of("reports", "allure-screenshot.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    Files.deleteIfExists(screenshot);
    Chromium browser = new Chromium(chromium.get(), folder.resolve("chromium-profile"));
    String dom = browser.run("--dump-dom", url);
    browser.run("--screenshot=" + screenshot, url);

    assertThat(generated).as("allure generate's exit code").isZero();
    assertThat(dom)
        .contains("Write 30 pages and a digest")
        .contains("1 write notes/page-1.md")
        .contains("63 finish");
    assertThat(screenshot).isRegularFile();
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);
  }

  /** Return {@code <parentUid>/<uid>} of the one test in the report's suites tree. */
  private static String testPath(Path report) throws IOException {
    JsonNode node = JSON.readTree(report.resolve("data/suites.json").toFile());
    String parent = "";
    while (node.has("children") && node.path("children").size() > 0) {
      parent = node.path("uid").asText();
      node = node.path("children").get(0);
    }
    String parentUid = node.path("parentUid").asText(parent);
    return parentUid + "/" + node.path("uid").asText();
  }

  /** Serve a folder on 127.0.0.1 and a free port; return the base URL, ending in a slash. */
  private String serve(Path root) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> answer(root, exchange));
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private static void answer(Path root, HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Path file = root.resolve(path.substring(1)).normalize();
      if (path.endsWith("/")) {
        file = file.resolve("index.html");
      }
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String name = file.getFileName().toString();
      String type =
          TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
      exchange.getResponseHeaders().add("Content-Type", type);
      exchange.sendResponseHeaders(200, Files.size(file));
      try (OutputStream out = exchange.getResponseBody()) {
        Files.copy(file, out);
      }
    }
  }

  private static Optional<Path> chromium() {
    String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
    for (String name : List.of("chromium", "chromium-browser")) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The build folder these tests were compiled into, which {@code -DbuildDir} may move. */
  private static Path buildDir() throws URISyntaxException {
    Path testClasses =
        Path.of(
            AllureReportInChromiumTests.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    return Objects.requireNonNull(testClasses.getParent(), testClasses.toString());
  }

  /** Headless Chromium that reaches nothing but the URL it is given. */
  private record Chromium(Path executable, Path profile) {

    String run(String mode, String url) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>();
      command.add(executable.toString());
      command.addAll(
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-dev-shm-usage",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--no-first-run",
              "--user-data-dir=" + profile,
              "--window-size=1400,1000",
              "--virtual-time-budget=20000",
              mode,
              url));
      Path output = Files.createTempFile(profile.getParent(), "chromium", ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(output.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      boolean finished = process.waitFor(2, TimeUnit.MINUTES);
      if (!finished) {
        process.destroyForcibly();
      }
      assertThat(finished).as("chromium %s finished", mode).isTrue();
      return Files.readString(output, StandardCharsets.UTF_8);
    }
  }
}
