package dev.gauntlet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gauntlet.recovery.Failure;
import dev.gauntlet.recovery.RecoveryPolicy;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.scenario.Origin;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.RecoverySpec;
import dev.gauntlet.scenario.ScriptItem;
import dev.gauntlet.time.RunClock;
import dev.gauntlet.time.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Play a script from the scenario, one action per step, substituting {@code ${…}} expressions from
 * loop variables and saved results just before each action is taken, and in the message of a {@code
 * finish}. When the script runs out it finishes with success.
 *
 * <p>{@code ${last}} is the whole output the agent read of the previous action, while {@code save}
 * keeps what the action produced: an {@code http} answer's body, a command's stdout, a file's
 * content (see {@link #saved}).
 *
 * <p>With a recovery policy, a failed {@code http} action (unless marked {@code retry: false}) is
 * retried as the policy decides: a {@code wait} step for the backoff, then the same request again,
 * until it succeeds or the policy gives up, which ends the run with {@code gave_up} and the reason.
 * A failure the policy never retries (a denial, a 404) is the request's answer, and the script goes
 * on with its next action, as it does without a policy. Only the last attempt's result reaches
 * {@code ${last}} and {@code save}.
 */
final class ScriptedAgent implements Agent {

  private final Deque<Frame> frames = new ArrayDeque<>();
  private final Map<String, String> variables = new HashMap<>();
  private final @Nullable RecoverySpec recovery;
  private final long seed;
  private @Nullable Save pendingSave;
  private @Nullable Retrying retrying;

  ScriptedAgent(List<ScriptItem> script) {
    this(script, null, 0);
  }

  /**
   * Create the agent.
   *
   * @param recovery the scenario's recovery policy, or null for an agent that never retries
   * @param seed the trial's seed, from which each request's jitter is drawn
   */
  ScriptedAgent(List<ScriptItem> script, @Nullable RecoverySpec recovery, long seed) {
    frames.push(new Frame(script, null, 0));
    this.recovery = recovery;
    this.seed = seed;
  }

  @Override
  public Decision decide(Observation observation) {
    Retrying current = retrying;
    if (current != null) {
      Decision retry = recover(current, observation);
      if (retry != null) {
        return retry;
      }
      retrying = null;
    }
    remember(observation);
    variables.put("step", Integer.toString(observation.step()));
    ScriptItem item = nextItem();
    if (item == null) {
      return Decision.finish(Outcome.SUCCESS, "The script ran to its end.");
    }
    if (item instanceof ScriptItem.Finish finish) {
      return Decision.finish(
          finish.outcome(), substitute(finish.message(), finish.origin(), "finish"));
    }
    ScriptItem.ActionTemplate template = (ScriptItem.ActionTemplate) item;
    String save = template.save();
    pendingSave = save == null ? null : new Save(save, template.tool());
    ObjectNode arguments = template.arguments().deepCopy();
    substituteAll(arguments, template.origin(), template.tool());
    Action action = new Action(template.tool(), arguments);
    RecoverySpec policy = recovery;
    if (policy != null && template.retry() && template.tool().equals("http")) {
      retrying =
          new Retrying(action, RecoveryPolicy.of(policy, Seeds.step(seed, observation.step())));
    }
    return Decision.act(action);
  }

  /**
   * Go on with a request in flight: after a wait, attempt it again; after a failed attempt, wait or
   * give up as the policy decides. Return null when the request is done with and the script goes
   * on.
   */
  private @Nullable Decision recover(Retrying request, Observation observation) {
    if (request.waiting) {
      request.waiting = false;
      request.attempt++;
      return Decision.act(request.action);
    }
    ToolResult result = observation.previous();
    if (result == null) {
      return null;
    }
    Instant now = time(result);
    if (request.first == null) {
      request.first = now;
    }
    Failure failure = Failure.of(result, now);
    if (failure == null) {
      return null;
    }
    Duration spent = Duration.between(request.first, now);
    RecoveryPolicy.Decision decision = request.policy.decide(request.attempt, failure, spent);
    if (decision instanceof RecoveryPolicy.NotRetried) {
      return null;
    }
    if (decision instanceof RecoveryPolicy.GiveUp giveUp) {
      return Decision.finish(
          Outcome.GAVE_UP,
          "Gave up on "
              + request.action.arguments().path("method").asText("GET")
              + " "
              + request.action.arguments().path("url").asText()
              + ": "
              + giveUp.reason());
    }
    Duration after = ((RecoveryPolicy.Retry) decision).after();
    if (after.toMillis() < 1) {
      request.attempt++;
      return Decision.act(request.action);
    }
    request.waiting = true;
    ObjectNode wait = JsonNodeFactory.instance.objectNode();
    wait.put("duration", after.toMillis() + "ms");
    return Decision.act(new Action("wait", wait));
  }

  /** Return when the result came, on the run's clock, as the http tool records it. */
  private static Instant time(ToolResult result) {
    String time = result.data().path("time").asText("");
    try {
      return time.isEmpty() ? RunClock.VIRTUAL_EPOCH : Instant.parse(time);
    } catch (DateTimeParseException e) {
      return RunClock.VIRTUAL_EPOCH;
    }
  }

  private void remember(Observation observation) {
    var previous = observation.previous();
    if (previous == null) {
      return;
    }
    variables.put("last", previous.output());
    Save save = pendingSave;
    if (save != null) {
      variables.put(save.variable(), saved(save.tool(), previous));
      pendingSave = null;
    }
  }

  /**
   * Return what {@code save} keeps of a result: what the action produced, without the framing the
   * agent reads around it. An {@code http} answer keeps its body, whatever its status; a command
   * its stdout, whatever its exit code. Any other tool keeps its output, which for {@code read} is
   * the file's content and for {@code list} the names. A result that holds no body or stdout (a
   * denied request, one that got no answer, a command that could not start) keeps its output too:
   * the message saying what went wrong.
   */
  static String saved(String tool, ToolResult result) {
    return switch (tool) {
      case "http" -> body(result);
      case "shell" -> stdout(result);
      default -> result.output();
    };
  }

  /**
   * Return the body of an answered request. The http tool writes the status line and one line per
   * header, then a blank line, then the body; a denial or a missing answer has no body.
   */
  private static String body(ToolResult result) {
    String output = result.output();
    int blankLine = output.indexOf("\n\n");
    if (result.status() != ToolResult.Status.OK || blankLine < 0) {
      return output;
    }
    return output.substring(blankLine + 2);
  }

  private static String stdout(ToolResult result) {
    JsonNode stdout = result.data().get("stdout");
    return stdout != null && stdout.isTextual() ? stdout.textValue() : result.output();
  }

  /**
   * Advance through the frames to the next action or finish, entering repeat blocks as they come.
   */
  private @Nullable ScriptItem nextItem() {
    while (!frames.isEmpty()) {
      Frame frame = frames.peek();
      if (frame.index < frame.items.size()) {
        ScriptItem item = frame.items.get(frame.index++);
        if (item instanceof ScriptItem.Repeat repeat) {
          if (repeat.times() > 0) {
            frames.push(new Frame(repeat.body(), repeat, 1));
            variables.put(repeat.as(), "1");
          }
          continue;
        }
        return item;
      }
      frames.pop();
      ScriptItem.Repeat repeat = frame.repeat;
      if (repeat != null && frame.pass < repeat.times()) {
        frames.push(new Frame(repeat.body(), repeat, frame.pass + 1));
        variables.put(repeat.as(), Integer.toString(frame.pass + 1));
      }
    }
    return null;
  }

  /**
   * Return the node with every string in it substituted; containers are changed in place. The
   * origin and tool name the entry in an error.
   */
  private JsonNode substituteAll(JsonNode node, Origin origin, String tool) {
    if (node.isTextual()) {
      return TextNode.valueOf(substitute(node.textValue(), origin, tool));
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        field.setValue(substituteAll(field.getValue(), origin, tool));
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, substituteAll(array.get(i), origin, tool));
      }
    }
    return node;
  }

  /**
   * Replace each {@code ${expression}}; {@code $${} stands for a literal {@code ${}. The loader has
   * checked every expression of a loaded scenario; these errors are for scripts built otherwise.
   */
  private String substitute(String text, Origin origin, String tool) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new AgentException(origin + ": unclosed '${' in \"" + text + "\"");
        }
        out.append(evaluate(text.substring(i + 2, end).strip(), origin, tool));
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  private String evaluate(String written, Origin origin, String tool) {
    // Blanks around a call's parentheses are as free as those inside the braces: count ( n ).
    String expression = written.replaceFirst("^count\\s+\\(", "count(");
    if (expression.startsWith("count(") && expression.endsWith(")")) {
      String name = expression.substring("count(".length(), expression.length() - 1).strip();
      return Long.toString(
          lookup(name, origin, tool).lines().filter(line -> !line.isBlank()).count());
    }
    return lookup(expression, origin, tool);
  }

  private String lookup(String name, Origin origin, String tool) {
    String value = variables.get(name);
    if (value == null) {
      throw new AgentException(
          origin
              + ": unknown variable '"
              + name
              + "' in the arguments of '"
              + tool
              + "'; known here: "
              + new java.util.TreeSet<>(variables.keySet()));
    }
    return value;
  }

  /** A variable waiting for the result of the action that saves into it. */
  private record Save(String variable, String tool) {}

  /** A request in flight under the recovery policy: its attempts so far, and whether it waits. */
  private static final class Retrying {
    final Action action;
    final RecoveryPolicy policy;
    int attempt = 1;
    boolean waiting;
    @Nullable Instant first;

    Retrying(Action action, RecoveryPolicy policy) {
      this.action = action;
      this.policy = policy;
    }
  }

  /** A position in a list of script items; for a repeat block, also the pass it is in. */
  private static final class Frame {
    final List<ScriptItem> items;
    final ScriptItem.@Nullable Repeat repeat;
    final int pass;
    int index;

    Frame(List<ScriptItem> items, ScriptItem.@Nullable Repeat repeat, int pass) {
      this.items = items;
      this.repeat = repeat;
      this.pass = pass;
    }
  }
}
