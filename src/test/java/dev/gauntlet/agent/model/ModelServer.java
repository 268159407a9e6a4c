package dev.gauntlet.agent.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A model server on 127.0.0.1 that answers with the given responses, one per request, in order. */
final class ModelServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private int queued;

  ModelServer() {
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/v1");
  }

  void reset() {
    server.resetAll();
    queued = 0;
  }

  /** Answer the next request (after those queued before) with this response. */
  ModelServer then(ResponseDefinitionBuilder response) {
    String state = queued == 0 ? Scenario.STARTED : "answered " + queued;
    queued++;
    server.stubFor(
        post(urlPathMatching("/v1/.*"))
            .inScenario("replies")
            .whenScenarioStateIs(state)
            .willSetStateTo("answered " + queued)
            .willReturn(response));
    return this;
  }

  static ResponseDefinitionBuilder stream(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(body);
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** Return the requests received, oldest first. */
  List<LoggedRequest> requests() {
    List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      requests.add(event.getRequest());
    }
    Collections.reverse(requests);
    return requests;
  }

  JsonNode body(int index) {
    try {
      return JSON.readTree(requests().get(index).getBodyAsString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = ModelServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
