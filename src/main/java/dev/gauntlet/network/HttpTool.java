package dev.gauntlet.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.sandbox.Workspace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Let an agent make HTTP requests, all of them through the egress gateway of a {@link
 * NetworkScope}.
 *
 * <p>Arguments: {@code url} (required), {@code method} (default {@code GET}), {@code headers} (an
 * object of strings), {@code body} (a string, or JSON sent as {@code application/json}), {@code
 * timeout} (seconds, default 10, at most 60). The result's output is the status line, the headers
 * and the body, cut after a limit with a visible marker. Its {@code data} holds {@code decision},
 * {@code reason}, {@code status}, {@code url}, {@code redirects}, {@code time} (when the answer
 * came, on the run's clock, ISO-8601: an agent reads an HTTP-date Retry-After against it) and, when
 * no response came, {@code error}: {@code reset}, {@code empty}, {@code malformed}, {@code
 * timeout}, {@code no_mock} or {@code io}. A denial is a {@code REFUSED} result whose reason is the
 * gateway's reason code; a missing response is an {@code ERROR} result whose reason is the error
 * kind.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HttpTool implements Tool {

  /** The longest timeout a request may ask for. */
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_BODY_LIMIT = 16 * 1024;

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final NetworkScope scope;
  private final int bodyLimit;

  /** Create the tool for one scope, showing at most 16 KiB of each response body. */
  public HttpTool(NetworkScope scope) {
    this(scope, DEFAULT_BODY_LIMIT);
  }

  /** Create the tool for one scope, showing at most {@code bodyLimit} characters of each body. */
  public HttpTool(NetworkScope scope, int bodyLimit) {
    this.scope = scope;
    this.bodyLimit = bodyLimit;
  }

  @Override
  public String name() {
    return "http";
  }

  /** A denied request is an answer, like a proxy's 403: the agent sees it and goes on. */
  @Override
  public boolean refusalEndsRun() {
    return false;
  }

  /** Log the request under its step: the egress log ties every request to the step that made it. */
  @Override
  public Execution execute(Action action, Workspace workspace, Context context) {
    scope.enterStep(context.step());
    Execution execution = execute(action, workspace);
    // The effect is known once the request is done; verify() only hands it over.
    return done(
        execution.result().with("time", context.clock().instant().toString()), execution.verify());
  }

  @Override
  public Execution execute(Action action, Workspace workspace) {
    ObjectNode arguments = action.arguments();
    String url = text(arguments.get("url"));
    if (url == null) {
      return done(ToolResult.error("bad_arguments", "http needs a 'url' string"), Effect.NONE);
    }
    String method = text(arguments.get("method"));
    method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
    if (!method.matches("[A-Z]{1,16}")) {
      return done(
          ToolResult.error("bad_arguments", "the method '" + method + "' is not an HTTP method"),
          Effect.NONE);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    String problem = headers(arguments.get("headers"), headers);
    if (problem != null) {
      return done(ToolResult.error("bad_arguments", problem), Effect.NONE);
    }
    Duration timeout = timeout(arguments.get("timeout"));
    if (timeout == null) {
      return done(
          ToolResult.error(
              "bad_arguments",
              "the timeout must be a number of seconds above 0 and at most "
                  + MAX_TIMEOUT.toSeconds()),
          Effect.NONE);
    }
    byte[] body = body(arguments.get("body"), headers);
    Exchange exchange = scope.send(method, url, headers, body, timeout);
    Effect effect =
        !exchange.answered()
            ? Effect.NONE
            : SAFE.contains(method) ? Effect.READ_ONLY : Effect.CHANGED;
    return done(result(exchange), effect);
  }

  private ToolResult result(Exchange exchange) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("decision", exchange.verdict().decision());
    data.put("reason", exchange.verdict().code());
    data.put("url", exchange.url());
    data.put("redirects", exchange.redirects());
    if (!exchange.verdict().allowed()) {
      data.put("status", exchange.status());
      String output =
          "HTTP "
              + exchange.status()
              + " refused by the egress gateway ("
              + EgressGateway.DENIED_HEADER
              + ": "
              + exchange.verdict().code()
              + "): "
              + exchange.message();
      return new ToolResult(ToolResult.Status.REFUSED, output, exchange.verdict().code(), data);
    }
    if (exchange.error() != null) {
      data.put("error", exchange.error());
      return new ToolResult(ToolResult.Status.ERROR, exchange.message(), exchange.error(), data);
    }
    data.put("status", exchange.status());
    ObjectNode headers = data.putObject("headers");
    StringBuilder output = new StringBuilder("HTTP ").append(exchange.status()).append('\n');
    for (Map.Entry<String, List<String>> header : exchange.headers().entrySet()) {
      String value = String.join(", ", header.getValue());
      headers.put(header.getKey().toLowerCase(Locale.ROOT), value);
      output
          .append(header.getKey().toLowerCase(Locale.ROOT))
          .append(": ")
          .append(value)
          .append('\n');
    }
    output.append('\n').append(capped(exchange.body()));
    return new ToolResult(ToolResult.Status.OK, output.toString(), null, data);
  }

  /** Return the body as text, cut after the limit with a marker saying how much was left out. */
  String capped(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.length() <= bodyLimit) {
      return text;
    }
    return text.substring(0, bodyLimit)
        + "\n[… body truncated: "
        + bodyLimit
        + " of "
        + text.length()
        + " characters shown ("
        + body.length
        + " bytes) …]";
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  private static @Nullable String headers(@Nullable JsonNode node, Map<String, String> into) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      return "'headers' must be an object of strings";
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      String value = field.getValue().isValueNode() ? field.getValue().asText() : null;
      if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        return "the header name '" + name + "' is not a valid HTTP token";
      }
      if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        return "the header '" + name + "' must be a single-line string";
      }
      into.put(name, value);
    }
    return null;
  }

  private static @Nullable Duration timeout(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return DEFAULT_TIMEOUT;
    }
    if (!node.isNumber() || node.asDouble() <= 0) {
      return null;
    }
    Duration timeout = Duration.ofMillis(Math.round(node.asDouble() * 1000));
    return timeout.compareTo(MAX_TIMEOUT) > 0 || timeout.isZero() ? null : timeout;
  }

  private static byte @Nullable [] body(@Nullable JsonNode node, Map<String, String> headers) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText().getBytes(StandardCharsets.UTF_8);
    }
    if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
      headers.put("Content-Type", "application/json");
    }
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Execution done(ToolResult result, Effect effect) {
    return new Execution() {
      @Override
      public ToolResult result() {
        return result;
      }

      @Override
      public Effect verify() {
        return effect;
      }
    };
  }
}
