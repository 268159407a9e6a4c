package dev.gauntlet.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import org.jspecify.annotations.Nullable;

/**
 * Serve one connection a command made to the egress proxy: a plain HTTP request in absolute form,
 * or a {@code CONNECT} tunnel to port 443 whose TLS the proxy ends itself, reading the request
 * inside. Every request goes through the scope's gateway; one request per connection.
 */
final class ProxyConnection {

  private static final int HEAD_LIMIT = 64 * 1024;
  private static final int BODY_LIMIT = 16 * 1024 * 1024;
  private static final Duration TIMEOUT = HttpTool.DEFAULT_TIMEOUT;

  /** Response headers the proxy sets itself, since it answers with the whole body at once. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "content-length",
          "transfer-encoding",
          "proxy-connection",
          "te",
          "trailer",
          "upgrade");

  private final NetworkScope scope;
  private final HarnessCa ca;
  private final SocketChannel channel;

  ProxyConnection(NetworkScope scope, HarnessCa ca, SocketChannel channel) {
    this.scope = scope;
    this.ca = ca;
    this.channel = channel;
  }

  /** A request as read off the wire. */
  record Request(String method, String target, Map<String, String> headers, byte[] body) {}

  void serve() throws IOException {
    InputStream in = Channels.newInputStream(channel);
    OutputStream out = Channels.newOutputStream(channel);
    Request request = read(in);
    if (request == null) {
      return;
    }
    if (!request.method().equals("CONNECT")) {
      answer(
          out,
          scope.send(
              request.method(), request.target(), request.headers(), body(request), TIMEOUT));
      return;
    }
    tunnel(request.target(), out);
  }

  private void tunnel(String authority, OutputStream out) throws IOException {
    UrlFrontDoor.Reading reading = UrlFrontDoor.read("https://" + authority + "/");
    EgressUrl url = reading.url();
    if (url == null) {
      Reason reason = reading.reason() != null ? reading.reason() : Reason.MALFORMED_URL;
      answer(
          out, scope.refuse("CONNECT", authority, null, Verdict.deny(reason, reading.message())));
      return;
    }
    if (url.port() != 443) {
      answer(
          out,
          scope.refuse(
              "CONNECT",
              url.toString(),
              url.host(),
              Verdict.deny(
                  Reason.PORT,
                  "the proxy opens tunnels to port 443 only, not "
                      + url.port()
                      + " of "
                      + url.authorityHost())));
      return;
    }
    // The method is not known until the request inside the tunnel is read, so only the target is
    // judged here; a refused target never gets a certificate.
    Verdict verdict = scope.policy().judge("GET", url).verdict();
    if (!verdict.allowed() && verdict.reason() != null && verdict.reason() != Reason.METHOD) {
      answer(out, scope.refuse("CONNECT", url.toString(), url.host(), verdict));
      return;
    }
    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();

    SSLEngine engine =
        ca.serverContext(url.host(), url.kind() != EgressUrl.HostKind.NAME).createSSLEngine();
    engine.setUseClientMode(false);
    TlsStreams tls = new TlsStreams(engine, channel);
    tls.handshake();
    OutputStream secure = tls.output();
    Request inner = read(tls.input());
    if (inner != null) {
      String target = inner.target().startsWith("/") ? inner.target() : "/" + inner.target();
      String full = "https://" + url.authorityHost() + target;
      answer(secure, scope.send(inner.method(), full, inner.headers(), body(inner), TIMEOUT));
    }
    tls.close();
  }

  private static byte @Nullable [] body(Request request) {
    return request.body().length == 0 && !request.headers().containsKey("content-length")
        ? null
        : request.body();
  }

  private static void answer(OutputStream out, Exchange exchange) throws IOException {
    StringBuilder head = new StringBuilder();
    byte[] body = exchange.body();
    if (exchange.error() != null) {
      head.append("HTTP/1.1 502 Bad Gateway\r\n")
          .append("X-Gauntlet-Error: ")
          .append(exchange.error())
          .append("\r\n");
      body = (exchange.message() + "\n").getBytes(StandardCharsets.UTF_8);
    } else {
      head.append("HTTP/1.1 ")
          .append(exchange.status())
          .append(' ')
          .append(reasonPhrase(exchange.status()))
          .append("\r\n");
      for (Map.Entry<String, List<String>> header : exchange.headers().entrySet()) {
        if (HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))
            || header.getKey().startsWith(":")) {
          continue;
        }
        for (String value : header.getValue()) {
          head.append(header.getKey()).append(": ").append(value).append("\r\n");
        }
      }
    }
    head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  /**
   * Return a reason phrase for the status line; HTTP/1.1 allows it empty, and clients ignore it.
   */
  private static String reasonPhrase(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }

  /** Read one request, or return null when the client closed the connection before sending one. */
  static @Nullable Request read(InputStream in) throws IOException {
    String requestLine = line(in);
    if (requestLine == null) {
      return null;
    }
    String[] first = requestLine.split(" ");
    if (first.length != 3 || !first[2].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1 request line: " + requestLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int size = requestLine.length();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      size += line.length();
      if (size > HEAD_LIMIT) {
        throw new IOException("the request's head is over " + HEAD_LIMIT + " bytes");
      }
      int colon = line.indexOf(':');
      String name = colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
      // Proxy-Authorization and the like are for the proxy, never for the host.
      if (!name.isEmpty() && !name.startsWith("proxy-")) {
        headers.merge(name, line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
      }
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
      body = chunked(in);
      headers.remove("transfer-encoding");
    } else {
      long length = Long.parseLong(headers.getOrDefault("content-length", "0").trim());
      if (length < 0 || length > BODY_LIMIT) {
        throw new IOException("a request body of " + length + " bytes is over the proxy's limit");
      }
      body = in.readNBytes((int) length);
    }
    return new Request(first[0].toUpperCase(Locale.ROOT), first[1], headers, body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        throw new IOException("the request ended inside its chunked body");
      }
      int semicolon = size.indexOf(';');
      int length =
          Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (length == 0) {
        String trailer;
        do {
          // Trailers are dropped: the gateway forwards headers only.
          trailer = line(in);
        } while (trailer != null && !trailer.isEmpty());
        return body.toByteArray();
      }
      if (body.size() + length > BODY_LIMIT) {
        throw new IOException("a chunked request body is over the proxy's limit");
      }
      body.write(in.readNBytes(length));
      line(in);
    }
  }

  /** Read a line without its end, or return null at the end of input before any byte. */
  private static @Nullable String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (bytes.size() > HEAD_LIMIT) {
        throw new IOException("a line of the request is over " + HEAD_LIMIT + " bytes");
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    if (b < 0 && bytes.size() == 0) {
      return null;
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }
}
