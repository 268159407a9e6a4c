package dev.gauntlet.browser;

import dev.gauntlet.network.Exchange;
import dev.gauntlet.network.NetworkScope;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.htmlunit.FormEncodingType;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebConnection;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.WebResponseData;
import org.htmlunit.util.NameValuePair;
import org.jspecify.annotations.Nullable;

/**
 * Hand every request of the browser (pages, scripts, XHR and fetch, form posts) to the egress
 * gateway of a {@link NetworkScope}, so that the scenario's policy, rate limits, egress log and
 * mocks apply to it as to the {@code http} tool. The gateway follows redirects itself and judges
 * each hop; the browser gets the last answer, under the last hop's URL.
 *
 * <p>A denial reaches the page as the gateway's 403; a request no response came to (a reset, a
 * timeout, no mock) fails as an {@link IOException}, as a dropped connection does in a browser.
 */
final class GatewayConnection implements WebConnection {

  private static final String USER_AGENT = "Gauntlet-Browser/0.1 (HtmlUnit)";

  private final NetworkScope scope;
  private final List<Sent> sent = new ArrayList<>();
  private volatile Duration timeout;

  GatewayConnection(NetworkScope scope, Duration timeout) {
    this.scope = scope;
    this.timeout = timeout;
  }

  /** Bound each following request by {@code timeout}, e.g. the act stage's deadline. */
  void timeout(Duration timeout) {
    this.timeout = timeout;
  }

  /** Return and forget the exchanges made since the last call, in order. */
  List<Sent> drain() {
    synchronized (sent) {
      List<Sent> drained = List.copyOf(sent);
      sent.clear();
      return drained;
    }
  }

  @Override
  public WebResponse getResponse(WebRequest request) throws IOException {
    long start = System.currentTimeMillis();
    String method = request.getHttpMethod().name();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", USER_AGENT);
    headers.putAll(request.getAdditionalHeaders());
    byte[] body = body(request, headers);

    Exchange exchange =
        scope.send(method, request.getUrl().toExternalForm(), headers, body, timeout);
    synchronized (sent) {
      sent.add(new Sent(method, request.getUrl().toExternalForm(), exchange));
    }
    if (exchange.verdict().allowed() && exchange.error() != null) {
      throw new GatewayException(exchange);
    }

    byte[] content = exchange.body();
    if (!exchange.verdict().allowed() && content.length == 0) {
      content = exchange.message().getBytes(StandardCharsets.UTF_8);
    }
    WebResponseData data =
        new WebResponseData(content, exchange.status(), "", headers(exchange.headers()));
    return new WebResponse(data, answered(request, exchange), System.currentTimeMillis() - start);
  }

  /** Return the request the answer belongs to: the last hop's URL when redirects were followed. */
  private static WebRequest answered(WebRequest request, Exchange exchange) throws IOException {
    if (exchange.redirects() == 0 || exchange.url().equals(request.getUrl().toExternalForm())) {
      return request;
    }
    WebRequest last = new WebRequest(url(exchange.url()), HttpMethod.GET);
    last.setCharset(request.getCharset());
    last.setDefaultResponseContentCharset(request.getDefaultResponseContentCharset());
    return last;
  }

  private static URL url(String text) throws IOException {
    try {
      return new URI(text).toURL();
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw new IOException("the gateway answered from a URL the browser cannot use: " + text, e);
    }
  }

  private static byte @Nullable [] body(WebRequest request, Map<String, String> headers)
      throws IOException {
    Charset charset = request.getCharset();
    String text = request.getRequestBody();
    if (text != null) {
      return text.getBytes(charset);
    }
    List<NameValuePair> parameters = request.getRequestParameters();
    if (parameters.isEmpty() || request.getHttpMethod() == HttpMethod.GET) {
      return null;
    }
    if (request.getEncodingType() == FormEncodingType.MULTIPART) {
      throw new IOException(
          "the browser tool sends forms URL-encoded or as plain text; multipart forms are not"
              + " supported");
    }
    boolean plain = request.getEncodingType() == FormEncodingType.TEXT_PLAIN;
    StringBuilder encoded = new StringBuilder();
    for (NameValuePair parameter : parameters) {
      if (encoded.length() > 0) {
        encoded.append(plain ? "\r\n" : "&");
      }
      encoded
          .append(plain ? parameter.getName() : URLEncoder.encode(parameter.getName(), charset))
          .append('=')
          .append(plain ? parameter.getValue() : URLEncoder.encode(parameter.getValue(), charset));
    }
    headers.putIfAbsent(
        "Content-Type",
        plain ? "text/plain" : FormEncodingType.URL_ENCODED.getName() + "; charset=" + charset);
    return encoded.toString().getBytes(charset);
  }

  private static List<NameValuePair> headers(Map<String, List<String>> headers) {
    List<NameValuePair> pairs = new ArrayList<>();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        pairs.add(new NameValuePair(header.getKey(), value));
      }
    }
    return pairs;
  }

  @Override
  public void close() {}

  /** One request the browser made, and what the gateway made of it. */
  record Sent(String method, String url, Exchange exchange) {}

  /** Say that no response came to a request, carrying the gateway's account of it. */
  static final class GatewayException extends IOException {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // Never serialized: it lives only within one action.
    private final Exchange exchange;

    GatewayException(Exchange exchange) {
      super(message(exchange));
      this.exchange = exchange;
    }

    private static String message(Exchange exchange) {
      return exchange.message().isEmpty()
          ? "No response came from " + exchange.url() + " (" + exchange.error() + ")."
          : exchange.message();
    }

    String message() {
      return message(exchange);
    }

    Exchange exchange() {
      return exchange;
    }
  }
}
