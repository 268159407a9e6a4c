package dev.gauntlet.agent.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.AgentException;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.agent.cassette.Cassettes;
import dev.gauntlet.scenario.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ask a model, one exchange per step, which tool to call next. When the model returns several calls
 * in one turn, they are acted one per step, in order, and their results go back together in the
 * next request. A reply without tool calls ends the run with success and the reply's text as the
 * message; a call of {@code finish} ends it with the outcome the model claims.
 *
 * <p>A failed exchange (an HTTP error, a timeout, a denial by the network policy, output the agent
 * cannot act on) throws a {@link ModelException} and leaves the conversation as it was, so that
 * deciding again sends the same request. Requests go out through a {@link ModelTransport}: the
 * agent's own HTTP client unless the runner gives it one.
 */
final class ModelAgent implements MeteredAgent {

  private static final Logger LOG = LoggerFactory.getLogger(ModelAgent.class);
  private static final String REDACTED = "[redacted]";

  private final ModelSettings settings;
  private final Dialect dialect;
  private final List<ToolSchemas.Schema> tools;
  private final @Nullable String key;
  private final URI endpoint;
  private final ModelTransport transport;
  private final List<JsonNode> conversation;
  private final Deque<ToolCall> queue = new ArrayDeque<>();
  private final List<ToolCall.Answered> answered = new ArrayList<>();
  private @Nullable ToolCall awaiting;
  private ModelUsage usage = ModelUsage.NONE;
  private int unnamedCalls;

  ModelAgent(ModelSettings settings, @Nullable String key, @Nullable ModelTransport transport) {
    this.settings = settings;
    this.dialect = Dialect.of(settings.api());
    this.tools = ToolSchemas.of(settings.tools());
    this.key = key;
    String base = settings.baseUrl().toString();
    this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + dialect.endpoint());
    this.transport =
        transport != null
            ? transport
            : new HttpClientTransport(min(settings.timeout(), Duration.ofSeconds(10)));
    this.conversation = new ArrayList<>(dialect.opening(settings));
  }

  @Override
  public ModelUsage usage() {
    return usage;
  }

  @Override
  public Decision decide(Observation observation) {
    usage = ModelUsage.NONE;
    if (awaiting != null) {
      answered.add(new ToolCall.Answered(awaiting, observation.previous()));
      awaiting = null;
    }
    if (queue.isEmpty()) {
      if (!answered.isEmpty()) {
        conversation.addAll(dialect.results(answered));
        answered.clear();
      }
      Reply reply = exchange(observation.step());
      List<ToolCall> calls = check(reply, observation.step());
      conversation.addAll(dialect.assistant(reply, calls));
      if (calls.isEmpty()) {
        String text = reply.text().strip();
        return Decision.finish(
            Outcome.SUCCESS,
            text.isEmpty() ? "The model ended its turn without a tool call." : text);
      }
      queue.addAll(calls);
    }
    return next();
  }

  private Decision next() {
    ToolCall call = queue.remove();
    if (call.name().equals("finish")) {
      queue.clear();
      Outcome outcome = outcome(call.arguments());
      return Decision.finish(
          outcome == null ? Outcome.SUCCESS : outcome, call.arguments().path("message").asText(""));
    }
    awaiting = call;
    return Decision.act(new Action(call.name(), call.arguments().deepCopy()));
  }

  /** Send the conversation and return the reply, recording what it cost. */
  private Reply exchange(int step) {
    byte[] body;
    try {
      body = Dialect.JSON.writeValueAsBytes(dialect.request(settings, tools, conversation));
    } catch (JsonProcessingException e) {
      throw new AgentException("Step " + step + ": the request could not be written as JSON.", e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", settings.stream() ? "text/event-stream" : "application/json");
    dialect.headers(headers, key);

    long start = System.nanoTime();
    ModelTransport.Answer answer;
    try {
      answer = send(new ModelTransport.Request(step, endpoint, headers, body, settings.timeout()));
    } finally {
      usage = new ModelUsage(0, 0, body.length, System.nanoTime() - start, 1);
    }
    String text = redact(answer.body());
    LOG.debug(
        "Step {}: sent {} bytes to {}, got HTTP {} in {} ms",
        step,
        body.length,
        endpoint,
        answer.status(),
        TimeUnit.NANOSECONDS.toMillis(usage.latencyNanos()));
    Optional<String> unreached = answer.headers().firstValue(Cassettes.UPSTREAM_FAILURE_HEADER);
    if (unreached.isPresent()) {
      throw unreached(step, unreached.get());
    }
    if (answer.status() < 200 || answer.status() > 299) {
      throw ErrorReplies.http(step, answer.status(), answer.headers(), text, answer.time());
    }
    boolean streamed =
        answer
            .headers()
            .firstValue("content-type")
            .map(type -> type.startsWith("text/event-stream"))
            .orElse(settings.stream());
    Reply reply = dialect.reply(text, streamed, step);
    usage = usage.withTokens(reply.promptTokens(), reply.completionTokens());
    return reply;
  }

  private ModelTransport.Answer send(ModelTransport.Request request) {
    int step = request.step();
    try {
      return transport.send(request);
    } catch (HttpTimeoutException e) {
      throw timeout(step);
    } catch (ModelTransport.Refused e) {
      throw new ModelCallException(step, e.kind(), 0, null, "Step " + step + ": " + describe(e));
    } catch (IOException e) {
      throw new ModelCallException(
          step,
          ModelCallException.Kind.CONNECTION,
          "Step " + step + ": the connection to " + endpoint + " failed: " + describe(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException("Step " + step + ": interrupted while waiting for the model.", e);
    } catch (RuntimeException e) {
      throw new AgentException(
          "Step " + step + ": the exchange with " + endpoint + " failed: " + describe(e), e);
    }
  }

  /**
   * Return the error for a recording whose real endpoint could not be reached: the cassette's proxy
   * names the endpoint and the cause in {@code detail}, e.g. {@code https://api.openai.com/v1/chat/
   * completions unknown host api.openai.com}.
   */
  private static ModelCallException unreached(int step, String detail) {
    int space = detail.indexOf(' ');
    String where = space < 0 ? detail : detail.substring(0, space);
    String cause = space < 0 ? "no connection was made" : detail.substring(space + 1);
    return new ModelCallException(
        step,
        ModelCallException.Kind.CONNECTION,
        0,
        null,
        "Step " + step + ": the connection to " + where + " failed: " + cause);
  }

  private ModelCallException timeout(int step) {
    return new ModelCallException(
        step,
        ModelCallException.Kind.TIMEOUT,
        0,
        null,
        "Step "
            + step
            + ": the model gave no complete answer within "
            + settings.timeout().toMillis()
            + " ms.");
  }

  /** Return the reply's calls with their arguments parsed, or fail if it cannot be acted on. */
  private List<ToolCall> check(Reply reply, int step) {
    if (reply.truncated()) {
      throw new ModelOutputException(
          step, ModelOutputException.Kind.TRUNCATED, truncation(reply, step));
    }
    List<ToolCall> calls = new ArrayList<>();
    for (Reply.Call call : reply.calls()) {
      ObjectNode arguments = arguments(call, step);
      if (call.name().equals("finish") && outcome(arguments) == null) {
        throw new ModelOutputException(
            step,
            ModelOutputException.Kind.MALFORMED_ARGUMENTS,
            "Step "
                + step
                + ": the model called finish with outcome "
                + arguments.path("outcome")
                + "; the outcomes are \"success\", \"failed\" and \"gave_up\".");
      }
      String id = call.id().isEmpty() ? "call_" + ++unnamedCalls : call.id();
      calls.add(new ToolCall(id, call.name(), call.arguments(), arguments));
    }
    return calls;
  }

  private static String truncation(Reply reply, int step) {
    String where =
        reply.calls().isEmpty()
            ? "in its text, which ends " + Texts.quote(tail(reply.text()))
            : "in the middle of a call of '"
                + reply.calls().get(reply.calls().size() - 1).name()
                + "', whose arguments end "
                + Texts.quote(tail(reply.calls().get(reply.calls().size() - 1).arguments()));
    return "Step "
        + step
        + ": the model's reply was cut off (stop reason '"
        + reply.stopReason()
        + "') "
        + where
        + ".";
  }

  private static ObjectNode arguments(Reply.Call call, int step) {
    if (call.arguments().isBlank()) {
      return Dialect.JSON.createObjectNode();
    }
    try {
      JsonNode parsed = Dialect.JSON.readTree(call.arguments());
      if (parsed instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonEOFException e) {
      throw new ModelOutputException(
          step,
          ModelOutputException.Kind.TRUNCATED,
          "Step "
              + step
              + ": the arguments of the model's call of '"
              + call.name()
              + "' stop in the middle of the JSON: "
              + Texts.quote(tail(call.arguments())));
    } catch (IOException e) {
      // Reported below with the rest.
    }
    throw new ModelOutputException(
        step,
        ModelOutputException.Kind.MALFORMED_ARGUMENTS,
        "Step "
            + step
            + ": the arguments of the model's call of '"
            + call.name()
            + "' are not a JSON object: "
            + Texts.quote(call.arguments()));
  }

  private static @Nullable Outcome outcome(ObjectNode arguments) {
    return switch (arguments.path("outcome").asText("success")) {
      case "success" -> Outcome.SUCCESS;
      case "failed" -> Outcome.FAILED;
      case "gave_up" -> Outcome.GAVE_UP;
      default -> null;
    };
  }

  private String redact(String text) {
    return key == null || key.isEmpty() ? text : text.replace(key, REDACTED);
  }

  private static String tail(String text) {
    return text.length() <= Texts.QUOTED
        ? text
        : "…" + text.substring(text.length() - Texts.QUOTED);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
