package dev.gauntlet.network;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Judge each request by policy and rate limit, forward the allowed ones to the mock server (and
 * only there: the address is always 127.0.0.1 and the mock server's port, whatever the URL says),
 * follow redirects itself judging every hop again, and log every request and hop.
 */
final class EgressGateway {

  static final String SCOPE_HEADER = "X-Gauntlet-Scope";
  static final String HOST_HEADER = "X-Gauntlet-Host";
  static final String STEP_HEADER = "X-Gauntlet-Step";
  static final String REQUEST_HEADER = "X-Gauntlet-Request";
  static final String DENIED_HEADER = "X-Gauntlet-Denied";
  static final String NO_MOCK_HEADER = "X-Gauntlet-No-Mock";
  static final int MAX_REDIRECTS = 5;

  /** Headers the agent may not set: the client sets them, or they would let it forge a scope. */
  private static final Set<String> DROPPED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "te", "trailer");

  private final MockServer server;
  private final String scope;
  private final Policy policy;
  private final RateLimits limits;
  private final EgressLog log;
  private final IntSupplier step;
  private final Clock clock;
  private final List<StubMapping> stubs;
  private final List<String> unmatched;
  private final AtomicLong requests = new AtomicLong();

  EgressGateway(
      MockServer server,
      String scope,
      Policy policy,
      RateLimits limits,
      EgressLog log,
      IntSupplier step,
      Clock clock,
      List<StubMapping> stubs,
      List<String> unmatched) {
    this.server = server;
    this.scope = scope;
    this.policy = policy;
    this.limits = limits;
    this.log = log;
    this.step = step;
    this.clock = clock;
    this.stubs = stubs;
    this.unmatched = unmatched;
  }

  Exchange send(
      String method,
      String url,
      Map<String, String> headers,
      byte @Nullable [] body,
      Duration timeout) {
    String currentMethod = method.toUpperCase(Locale.ROOT);
    byte[] currentBody = body;
    UrlFrontDoor.Reading reading = UrlFrontDoor.read(url);
    String written = url;
    EgressUrl previous = null;
    for (int hop = 0; ; hop++) {
      long start = System.nanoTime();
      String time = clock.instant().toString();
      EgressUrl target = reading.url();
      Verdict verdict;
      Rule rule = null;
      if (target == null) {
        Reason reason = reading.reason() != null ? reading.reason() : Reason.MALFORMED_URL;
        verdict = Verdict.deny(reason, reading.message());
      } else if (hop > MAX_REDIRECTS) {
        verdict =
            Verdict.deny(
                Reason.REDIRECT_DENIED, "more than " + MAX_REDIRECTS + " redirects; not followed");
      } else {
        Policy.Match match = policy.judge(currentMethod, target);
        verdict = match.verdict();
        rule = match.rule();
      }
      if (!verdict.allowed()
          && hop > 0
          && verdict.reason() != null
          && verdict.reason().concernsTarget()) {
        verdict =
            Verdict.deny(
                Reason.REDIRECT_DENIED,
                "the redirect from "
                    + previous
                    + " leads to "
                    + written
                    + ": "
                    + verdict.message());
      }
      String shown = target == null ? written : target.toString();
      String host = target == null ? null : target.host();
      if (verdict.allowed()
          && rule != null
          && target != null
          && !limits.tryAcquire(rule, target.host())) {
        verdict =
            Verdict.deny(
                Reason.RATE_LIMITED, "the rate limit of " + rule + " for " + host + " is spent");
      }
      if (!verdict.allowed() || target == null) {
        logLine(time, hop, currentMethod, shown, host, verdict, 403, null, start, null);
        return denial(verdict, shown, hop);
      }
      Forwarded forwarded = forward(currentMethod, target, headers, currentBody, timeout);
      logLine(
          time,
          hop,
          currentMethod,
          shown,
          host,
          verdict,
          forwarded.error == null ? forwarded.status : null,
          forwarded.error,
          start,
          forwarded.mock);
      if (forwarded.error != null) {
        return new Exchange(
            verdict, shown, hop, 0, Map.of(), new byte[0], forwarded.error, forwarded.message);
      }
      String location = first(forwarded.headers, "location");
      if (!isRedirect(forwarded.status) || location == null) {
        return new Exchange(
            verdict, shown, hop, forwarded.status, forwarded.headers, forwarded.body, null, "");
      }
      if (forwarded.status == 303
          || ((forwarded.status == 301 || forwarded.status == 302)
              && currentMethod.equals("POST"))) {
        currentMethod = currentMethod.equals("HEAD") ? "HEAD" : "GET";
        currentBody = null;
      }
      previous = target;
      written = location;
      reading = UrlFrontDoor.resolve(target, location);
    }
  }

  Exchange refuse(String method, String url, @Nullable String host, Verdict verdict) {
    long start = System.nanoTime();
    logLine(clock.instant().toString(), 0, method, url, host, verdict, 403, null, start, null);
    return denial(verdict, url, 0);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private Exchange denial(Verdict verdict, String url, int hop) {
    Map<String, List<String>> headers =
        Map.of(DENIED_HEADER, List.of(String.valueOf(verdict.code())));
    byte[] body = verdict.message().getBytes(StandardCharsets.UTF_8);
    return new Exchange(verdict, url, hop, 403, headers, body, null, verdict.message());
  }

  private void logLine(
      String time,
      int hop,
      String method,
      String url,
      @Nullable String host,
      Verdict verdict,
      @Nullable Integer status,
      @Nullable String error,
      long start,
      @Nullable String mock) {
    double latency = (System.nanoTime() - start) / 1_000_000.0;
    log.append(
        new EgressRecord(
            time,
            scope,
            step.getAsInt(),
            hop,
            method,
            url,
            host,
            verdict.decision(),
            verdict.code(),
            status,
            error,
            Math.round(latency * 1000) / 1000.0,
            mock));
  }

  /** The outcome of one forwarded request. */
  private record Forwarded(
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      @Nullable String error,
      String message,
      @Nullable String mock) {}

  private Forwarded forward(
      String method,
      EgressUrl target,
      Map<String, String> headers,
      byte @Nullable [] body,
      Duration timeout) {
    String id = scope + "/" + requests.incrementAndGet();
    URI local = URI.create("http://127.0.0.1:" + server.port() + target.target());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(local)
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!DROPPED.contains(name) && !name.startsWith("x-gauntlet-")) {
        request.header(header.getKey(), header.getValue());
      }
    }
    request
        .header(SCOPE_HEADER, scope)
        .header(HOST_HEADER, target.host())
        .header(STEP_HEADER, Integer.toString(step.getAsInt()))
        .header(REQUEST_HEADER, id);
    HttpResponse<byte[]> response;
    try {
      response = server.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("io", "the request was interrupted", server.takeServed(id));
    } catch (HttpTimeoutException e) {
      return failed(
          "timeout", "no response within " + timeout.toMillis() + " ms", server.takeServed(id));
    } catch (IOException e) {
      MockServer.Served served = server.takeServed(id);
      Fault fault = served == null ? null : served.fault();
      String kind = fault == null ? "io" : fault.errorKind();
      return failed(kind, "no response: " + kind + " (" + e.getMessage() + ")", served);
    }
    MockServer.Served served = server.takeServed(id);
    Map<String, List<String>> responseHeaders = headers(response.headers());
    if (first(responseHeaders, NO_MOCK_HEADER) != null) {
      String message = noMock(method, target, id);
      unmatched.add(message);
      return new Forwarded(0, Map.of(), new byte[0], "no_mock", message, null);
    }
    return new Forwarded(
        response.statusCode(),
        responseHeaders,
        response.body(),
        null,
        "",
        served == null ? null : served.mock());
  }

  private static Forwarded failed(String kind, String message, MockServer.@Nullable Served served) {
    return new Forwarded(
        0, Map.of(), new byte[0], kind, message, served == null ? null : served.mock());
  }

  private static Map<String, List<String>> headers(HttpHeaders headers) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, List<String>> entry : headers.map().entrySet()) {
      if (!entry.getKey().equalsIgnoreCase("matched-stub-id")
          && !entry.getKey().equalsIgnoreCase("matched-stub-name")) {
        copy.put(entry.getKey(), List.copyOf(entry.getValue()));
      }
    }
    return copy;
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0);
      }
    }
    return null;
  }

  /**
   * Say which request found no mock and which of this scope's mocks came nearest, by WireMock's own
   * match distance. WireMock's server-wide near-miss search would rank other scopes' stubs too.
   */
  private String noMock(String method, EgressUrl target, String id) {
    String head = "no mock for " + method + " " + target;
    List<LoggedRequest> logged =
        server
            .wireMock()
            .findAll(RequestPatternBuilder.allRequests().withHeader(REQUEST_HEADER, equalTo(id)));
    List<StubMapping> mine = new ArrayList<>(stubs);
    if (logged.isEmpty() || mine.isEmpty()) {
      return head + "; the scenario defines no mocks";
    }
    LoggedRequest request = logged.get(0);
    mine.sort(Comparator.comparingDouble(stub -> stub.getRequest().match(request).getDistance()));
    List<String> nearest = new ArrayList<>();
    for (StubMapping stub : mine.subList(0, Math.min(3, mine.size()))) {
      nearest.add(stub.getName());
    }
    return head + "; nearest mocks: " + String.join("; ", nearest);
  }
}
