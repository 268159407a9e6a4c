package dev.gauntlet.agent.cassette;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pass every request through to the real endpoint, unchanged, and keep each exchange, scrubbed, for
 * the cassette. When the endpoint cannot be reached, WireMock makes up an answer of its own (HTTP
 * 500, no headers); that answer is turned into one that names the endpoint and the cause under
 * {@link Cassettes#UPSTREAM_FAILURE_HEADER}, so that the agent reports a {@code connection} error
 * rather than a server's, and it is never recorded.
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
    Servers.Started started = Servers.start(new UpstreamFailures(origin));
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
      if (failed(response)) {
        continue;
      }
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
  public int failures() {
    return (int)
        started.server().getAllServeEvents().stream()
            .filter(event -> failed(event.getResponse()))
            .count();
  }

  private static boolean failed(LoggedResponse response) {
    return response.getHeaders() == null
        || response.getHeaders().getHeader(Cassettes.UPSTREAM_FAILURE_HEADER).isPresent();
  }

  @Override
  public List<String> mismatches() {
    return List.of();
  }

  @Override
  public void close() {
    started.close();
  }

  /** Replace the answer WireMock makes up when the endpoint cannot be reached. */
  private static final class UpstreamFailures implements ResponseTransformerV2 {

    private static final Pattern CONNECT =
        Pattern.compile("Connect to \\S+ (?:\\[[^\\]]*\\] )?failed: (.+)");

    private final URI origin;

    UpstreamFailures(URI origin) {
      this.origin = origin;
    }

    @Override
    public String getName() {
      return "gauntlet-upstream-failures";
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
      if (response.isFromProxy() || response.getStatus() != 500) {
        return response;
      }
      // WireMock's body is "<Network|SSL> failure trying to make a proxied request from WireMock
      // to <url>" and, on the next line, the exception's message.
      String body = response.getBodyAsString();
      int end = body.indexOf('\n');
      String cause = end < 0 ? "" : body.substring(end + 1).strip();
      if (cause.isEmpty() || cause.equals("null")) {
        cause = body.startsWith("SSL") ? "the TLS handshake failed" : "no connection was made";
      }
      cause = plain(cause.replaceAll("[\\r\\n]+", " "));
      String endpoint = origin + event.getRequest().getUrl();
      String detail = endpoint + " " + cause;
      return Response.Builder.like(response)
          .but()
          .status(502)
          .headers(
              new HttpHeaders(
                  new HttpHeader("Content-Type", "text/plain"),
                  new HttpHeader(Cassettes.UPSTREAM_FAILURE_HEADER, ascii(detail))))
          .body(detail)
          .build();
    }

    /**
     * Return the cause in plain words: the JDK says only the host's name when it does not resolve,
     * and the HTTP client repeats the address it could not connect to.
     */
    private String plain(String cause) {
      String host = origin.getHost();
      if (host != null && (cause.equals(host) || cause.startsWith(host + ": "))) {
        return "unknown host " + cause;
      }
      Matcher connect = CONNECT.matcher(cause);
      return connect.matches() ? connect.group(1) : cause;
    }

    private static String ascii(String text) {
      return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
  }
}
