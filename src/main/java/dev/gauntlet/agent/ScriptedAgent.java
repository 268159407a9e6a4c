package dev.gauntlet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.ScriptItem;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Play a script from the scenario, one action per step, substituting {@code ${…}} expressions from
 * loop variables and saved results just before each action is taken. When the script runs out it
 * finishes with success.
 */
final class ScriptedAgent implements Agent {

  private final Deque<Frame> frames = new ArrayDeque<>();
  private final Map<String, String> variables = new HashMap<>();
  private @Nullable String pendingSave;

  ScriptedAgent(List<ScriptItem> script) {
    frames.push(new Frame(script, null, 0));
  }

  @Override
  public Decision decide(Observation observation) {
    remember(observation);
    variables.put("step", Integer.toString(observation.step()));
    ScriptItem item = nextItem();
    if (item == null) {
      return Decision.finish(Outcome.SUCCESS, "The script ran to its end.");
    }
    if (item instanceof ScriptItem.Finish finish) {
      return Decision.finish(finish.outcome(), finish.message());
    }
    ScriptItem.ActionTemplate template = (ScriptItem.ActionTemplate) item;
    pendingSave = template.save();
    ObjectNode arguments = template.arguments().deepCopy();
    substituteAll(arguments, template);
    return Decision.act(new Action(template.tool(), arguments));
  }

  private void remember(Observation observation) {
    var previous = observation.previous();
    if (previous == null) {
      return;
    }
    variables.put("last", previous.output());
    if (pendingSave != null) {
      variables.put(pendingSave, previous.output());
      pendingSave = null;
    }
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

  /** Return the node with every string in it substituted; containers are changed in place. */
  private JsonNode substituteAll(JsonNode node, ScriptItem.ActionTemplate template) {
    if (node.isTextual()) {
      return TextNode.valueOf(substitute(node.textValue(), template));
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        field.setValue(substituteAll(field.getValue(), template));
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, substituteAll(array.get(i), template));
      }
    }
    return node;
  }

  /** Replace each {@code ${expression}}; {@code $${} stands for a literal {@code ${}. */
  private String substitute(String text, ScriptItem.ActionTemplate template) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new AgentException(template.origin() + ": unclosed '${' in \"" + text + "\"");
        }
        out.append(evaluate(text.substring(i + 2, end).strip(), template));
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  private String evaluate(String expression, ScriptItem.ActionTemplate template) {
    if (expression.startsWith("count(") && expression.endsWith(")")) {
      String name = expression.substring("count(".length(), expression.length() - 1).strip();
      return Long.toString(lookup(name, template).lines().filter(line -> !line.isBlank()).count());
    }
    return lookup(expression, template);
  }

  private String lookup(String name, ScriptItem.ActionTemplate template) {
    String value = variables.get(name);
    if (value == null) {
      throw new AgentException(
          template.origin()
              + ": unknown variable '"
              + name
              + "' in the arguments of '"
              + template.tool()
              + "'; known here: "
              + new java.util.TreeSet<>(variables.keySet()));
    }
    return value;
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
