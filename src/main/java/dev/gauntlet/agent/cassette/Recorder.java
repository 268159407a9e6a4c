package dev.gauntlet.agent.cassette;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Pass every request through to the real endpoint, unchanged, and keep each exchange, scrubbed, for
 * the cassette.
 */
final class Recorder implements Deck {

  private final Servers.Started started;
  private final Scrubber scrubber;

  private Recorder(Servers.Started started, Scrubber scrubber) {
    this.started = started;
    this.scrubber = scrubber;
  }

  /** Start recording what is sent to {@code origin}, e.g. {@code https://api.openai.com}. */
  static Recorder start(URI origin, Scrubber scrubber) {
    Servers.Started started = Servers.start();
    started.server().stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(origin.toString())));
    return new Recorder(started, scrubber);
  }

  @Override
  public int port() {
    return started.server().port();
  }

  @Override
  public List<Exchange> exchanges() {
    List<ServeEvent> events = new ArrayList<>(started.server().getAllServeEvents());
    // WireMock lists the newest first.
    Collections.reverse(events);
    List<Exchange> exchanges = new ArrayList<>();
    for (ServeEvent event : events) {
      LoggedRequest request = event.getRequest();
      LoggedResponse response = event.getResponse();
      exchanges.add(
          scrubber.exchange(
              new Exchange(
                  request.getMethod().getName(),
                  request.getUrl(),
                  CassetteFile.parseOrKeep(request.getBodyAsString()),
                  response.getStatus(),
                  scrubber.headers(response.getHeaders()),
                  body(response))));
    }
    return exchanges;
  }

  private static JsonNode body(LoggedResponse response) {
    String text = response.getBodyAsString();
    HttpHeader type = response.getHeaders().getHeader("Content-Type");
    return type.isPresent() && type.firstValue().contains("json")
        ? CassetteFile.parseOrKeep(text)
        : TextNode.valueOf(text);
  }

  @Override
  public List<String> mismatches() {
    return List.of();
  }

  @Override
  public void close() {
    started.close();
  }
}
