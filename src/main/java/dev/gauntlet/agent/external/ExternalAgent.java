package dev.gauntlet.agent.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.AgentException;
import dev.gauntlet.agent.Decision;
import dev.gauntlet.agent.Observation;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.scenario.Outcome;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Talk to a program over the JSON-lines protocol {@link ExternalAgents} documents. Any breach (an
 * exit, a missed deadline, a line that is not the expected message) ends the program's whole
 * process tree at once and becomes an {@link AgentException} naming the step and what was received;
 * later calls repeat it.
 */
final class ExternalAgent implements Agent {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUOTED = 200;
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final ExternalSettings settings;
  private final Process process;
  private final Writer stdin;
  private final Lines stdout;
  private final Tail stderr;
  private final Set<ProcessHandle> seen = new LinkedHashSet<>();
  private String name;
  private @Nullable AgentException failure;

  private ExternalAgent(ExternalSettings settings, Process process) {
    this.settings = settings;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.stdout =
        Lines.follow(process.getInputStream(), "gauntlet-external-stdout-" + process.pid());
    this.stderr =
        Tail.follow(process.getErrorStream(), "gauntlet-external-stderr-" + process.pid());
    this.name = program(settings.command());
  }

  static ExternalAgent start(ExternalSettings settings, List<String> tools) {
    ProcessBuilder builder =
        new ProcessBuilder(settings.command()).directory(settings.directory().toFile());
    builder.environment().putAll(settings.environment());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AgentException(
          "The external agent " + settings.command() + " could not be started: " + e.getMessage(),
          e);
    }
    ExternalAgent agent = new ExternalAgent(settings, process);
    agent.handshake(tools);
    return agent;
  }

  private void handshake(List<String> tools) {
    ObjectNode hello =
        JSON.createObjectNode().put("type", "hello").put("protocol", ExternalAgents.PROTOCOL);
    tools.forEach(hello.putArray("tools")::add);
    hello.put("stepTimeoutMillis", settings.stepTimeout().toMillis());
    send(hello, "the handshake");
    JsonNode ready = receive(settings.startTimeout(), "the handshake");
    if (!ready.path("type").asText("").equals("ready")) {
      throw fail(
          "answered the handshake with "
              + typeOf(ready)
              + " where 'ready' was expected: "
              + quote(ready.toString()));
    }
    int protocol = ready.path("protocol").asInt(ExternalAgents.PROTOCOL);
    if (protocol != ExternalAgents.PROTOCOL) {
      throw fail("speaks protocol " + protocol + "; Gauntlet speaks " + ExternalAgents.PROTOCOL);
    }
    if (ready.path("name").isTextual() && !ready.path("name").textValue().isBlank()) {
      name = ready.path("name").textValue();
    }
    seen.addAll(ProcessTrees.descendants(process));
  }

  @Override
  public Decision decide(Observation observation) {
    if (failure != null) {
      throw failure;
    }
    String step = "step " + observation.step();
    ObjectNode message =
        JSON.createObjectNode().put("type", "observation").put("step", observation.step());
    message.put("stepsLeft", observation.stepsLeft());
    ToolResult previous = observation.previous();
    if (previous == null) {
      message.putNull("previous");
    } else {
      ObjectNode result = message.putObject("previous");
      result.put("status", previous.status().name().toLowerCase(Locale.ROOT));
      result.put("output", previous.output());
      result.put("reason", previous.reason());
      result.set("data", previous.data());
    }
    send(message, step);
    JsonNode answer = receive(settings.stepTimeout(), step);
    seen.addAll(ProcessTrees.descendants(process));
    return switch (answer.path("type").asText("")) {
      case "action" -> action(answer, step);
      case "finish" -> finish(answer, step);
      default ->
          throw fail(
              "answered "
                  + step
                  + " with "
                  + typeOf(answer)
                  + " where 'action' or 'finish' was expected: "
                  + quote(answer.toString()));
    };
  }

  private Decision action(JsonNode answer, String step) {
    String tool = answer.path("tool").asText("");
    if (tool.isBlank()) {
      throw fail(
          "answered " + step + " with an action that names no tool: " + quote(answer.toString()));
    }
    JsonNode arguments = answer.path("arguments");
    if (arguments.isMissingNode() || arguments.isNull()) {
      return Decision.act(new Action(tool, JSON.createObjectNode()));
    }
    if (!(arguments instanceof ObjectNode object)) {
      throw fail(
          "answered "
              + step
              + " with arguments that are not a JSON object: "
              + quote(answer.toString()));
    }
    return Decision.act(new Action(tool, object));
  }

  private Decision finish(JsonNode answer, String step) {
    String outcome = answer.path("outcome").asText("success");
    Outcome claimed =
        switch (outcome) {
          case "success" -> Outcome.SUCCESS;
          case "failed" -> Outcome.FAILED;
          case "gave_up" -> Outcome.GAVE_UP;
          default ->
              throw fail(
                  "finished at "
                      + step
                      + " claiming the outcome '"
                      + outcome
                      + "'; the outcomes are success, failed and gave_up");
        };
    return Decision.finish(claimed, answer.path("message").asText(""));
  }

  private void send(ObjectNode message, String when) {
    try {
      stdin.write(JSON.writeValueAsString(message));
      stdin.write('\n');
      stdin.flush();
    } catch (JsonProcessingException e) {
      throw new AgentException("The observation for " + when + " could not be written as JSON.", e);
    } catch (IOException e) {
      throw fail(gone(when));
    }
  }

  private JsonNode receive(Duration timeout, String when) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Lines.Line line;
      try {
        // Waiting in slices notices an exit even when a surviving child keeps the output open.
        line = stdout.next(Math.min(deadline - System.nanoTime(), SLICE_NANOS));
        if (line == null && !process.isAlive()) {
          line = stdout.next(0);
          if (line == null) {
            throw fail(gone(when));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail("was abandoned at " + when + ": the harness was interrupted");
      }
      if (line == null) {
        if (System.nanoTime() - deadline < 0) {
          continue;
        }
        throw fail("did not answer " + when + " within " + timeout.toMillis() + " ms");
      }
      if (line.end()) {
        throw fail(gone(when));
      }
      if (line.text().isBlank()) {
        continue;
      }
      if (line.cut()) {
        throw fail(
            "answered "
                + when
                + " with a line over "
                + Lines.MAX_LINE
                + " characters: "
                + quote(line.text()));
      }
      try {
        JsonNode json = JSON.readTree(line.text());
        if (json != null && json.isObject()) {
          return json;
        }
      } catch (IOException e) {
        // Reported below.
      }
      throw fail(
          "answered " + when + " with something that is not a JSON object: " + quote(line.text()));
    }
  }

  /** Return why the program stopped talking: its exit code, or a closed output. */
  private String gone(String when) {
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        String said = stderr.text();
        return "exited with code "
            + process.exitValue()
            + " at "
            + when
            + " before answering"
            + (said.isEmpty() ? "" : "; its standard error ends: " + quote(tail(said)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "closed its standard output at " + when + " before answering";
  }

  private AgentException fail(String what) {
    ProcessTrees.kill(process, seen);
    AgentException exception =
        new AgentException("The external agent '" + name + "' " + what + ".");
    failure = exception;
    return exception;
  }

  @Override
  public void close() {
    if (process.isAlive() && failure == null) {
      try {
        stdin.write("{\"type\":\"bye\"}\n");
        stdin.close();
        process.waitFor(1, TimeUnit.SECONDS);
      } catch (IOException e) {
        // Gone already; the kill below makes sure.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ProcessTrees.kill(process, seen);
  }

  private static String typeOf(JsonNode message) {
    JsonNode type = message.path("type");
    return type.isTextual()
        ? "a message of type '" + type.textValue() + "'"
        : "a message without a type";
  }

  private static String quote(String text) {
    String shown = text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "…";
    return '"' + shown + '"';
  }

  private static String tail(String text) {
    return text.length() <= QUOTED ? text : "…" + text.substring(text.length() - QUOTED);
  }

  private static String program(List<String> command) {
    String last = command.get(command.size() - 1);
    for (String part : command) {
      if (part.endsWith(".py") || part.endsWith(".js") || part.endsWith(".sh")) {
        last = part;
        break;
      }
    }
    int slash = last.lastIndexOf('/');
    return slash < 0 ? last : last.substring(slash + 1);
  }
}
