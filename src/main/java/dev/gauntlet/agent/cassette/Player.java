package dev.gauntlet.agent.cassette;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serve a cassette's exchanges in order. A request the cassette does not hold at that point is
 * answered with HTTP 409, the {@link Cassettes#MISMATCH_HEADER} header and an API-style error whose
 * message says which exchange was expected and how the request differs from it.
 */
final class Player implements Deck {

  static final String TRANSFORMER = "gauntlet-cassette-mismatch";
  static final int MISMATCH_STATUS = 409;
  private static final int SHOWN_DIFFERENCES = 5;

  private final Path file;
  private final List<Exchange> exchanges;
  private final Map<UUID, String> mismatches = new ConcurrentHashMap<>();
  private final Servers.Started started;

  private Player(Path file, List<Exchange> exchanges) {
    this.file = file;
    this.exchanges = List.copyOf(exchanges);
    this.started = Servers.start(new Mismatch());
    for (int i = 0; i < exchanges.size(); i++) {
      started
          .server()
          .addStubMapping(
              StubMapping.buildFrom(CassetteFile.mapping(exchanges.get(i), i).toString()));
    }
    started
        .server()
        .stubFor(
            any(anyUrl()).atPriority(100).willReturn(aResponse().withTransformers(TRANSFORMER)));
  }

  static Player start(Path file, List<Exchange> exchanges) {
    return new Player(file, exchanges);
  }

  @Override
  public int port() {
    return started.server().port();
  }

  @Override
  public List<Exchange> exchanges() {
    return exchanges.subList(0, position());
  }

  @Override
  public List<String> mismatches() {
    return new ArrayList<>(mismatches.values());
  }

  @Override
  public void close() {
    started.close();
  }

  /** Return the index of the exchange the cassette serves next. */
  private int position() {
    for (Scenario scenario : started.server().getAllScenarios().getScenarios()) {
      if (scenario.getName().equals(CassetteFile.SCENARIO)) {
        String state = scenario.getState();
        for (int i = 0; i <= exchanges.size(); i++) {
          if (CassetteFile.stateBefore(i).equals(state)) {
            return i;
          }
        }
      }
    }
    return 0;
  }

  private String describe(LoggedRequest request) {
    int next = position();
    String sent = request.getMethod().getName() + " " + request.getUrl();
    if (next >= exchanges.size()) {
      return "the cassette "
          + file
          + " holds no request "
          + sent
          + ": its "
          + exchanges.size()
          + " exchanges were all served.";
    }
    Exchange expected = exchanges.get(next);
    List<String> differences = new ArrayList<>();
    if (!expected.method().equals(request.getMethod().getName())) {
      differences.add("method: expected " + expected.method() + " but was " + request.getMethod());
    }
    if (!expected.path().equals(request.getUrl())) {
      differences.add("path: expected " + expected.path() + " but was " + request.getUrl());
    }
    JsonNode body = CassetteFile.parseOrKeep(request.getBodyAsString());
    if (!expected.request().isNull()) {
      differences.addAll(JsonDiff.between(expected.request(), body, SHOWN_DIFFERENCES));
    }
    if (differences.isEmpty()) {
      differences.add("no difference Gauntlet can name; WireMock's equalToJson refused the body");
    }
    return "the cassette "
        + file
        + " holds no such request "
        + sent
        + "; exchange "
        + (next + 1)
        + " of "
        + exchanges.size()
        + " differs at "
        + JsonDiff.join(differences);
  }

  /** Answer a request no exchange matched, saying why. */
  private final class Mismatch implements ResponseDefinitionTransformerV2 {

    @Override
    public String getName() {
      return TRANSFORMER;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      String message =
          mismatches.computeIfAbsent(event.getId(), id -> describe(event.getRequest()));
      ObjectNode body = CassetteFile.JSON.createObjectNode();
      body.putObject("error").put("type", "cassette_mismatch").put("message", message);
      return ResponseDefinitionBuilder.responseDefinition()
          .withStatus(MISMATCH_STATUS)
          .withHeader("Content-Type", "application/json")
          .withHeader(Cassettes.MISMATCH_HEADER, "true")
          .withBody(body.toString())
          .build();
    }
  }
}
