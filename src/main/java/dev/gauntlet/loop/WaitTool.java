package dev.gauntlet.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.sandbox.Workspace;
import dev.gauntlet.time.Durations;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Let the agent wait, e.g. between two polls of a long job: the action {@code wait {duration}}. The
 * wait goes through the run's clock, so in virtual time it takes no real time and shows in the
 * trace as simulated time. A wait never outlasts the act stage's deadline.
 */
final class WaitTool implements Tool {

  static final String NAME = "wait";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Execution execute(Action action, Workspace workspace) {
    return execute(action, workspace, Context.detached());
  }

  @Override
  public Execution execute(Action action, Workspace workspace, Context context) {
    JsonNode given = action.arguments().get("duration");
    Duration duration = given == null || !given.isTextual() ? null : parse(given.textValue());
    if (duration == null || action.arguments().size() != 1) {
      return done(
          ToolResult.error("bad_arguments", badArguments(given, action.arguments().size()))
              .with("argument", "duration"),
          Effect.NONE);
    }
    try {
      boolean whole = context.sleep(duration);
      if (!whole) {
        return done(
            ToolResult.error(
                "deadline",
                "wait was cut short at the act stage's deadline of "
                    + Clocks.format(context.bounded(duration))
                    + "."),
            Effect.NONE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return done(ToolResult.error("interrupted", "wait was interrupted."), Effect.NONE);
    }
    return done(ToolResult.ok("Waited " + Clocks.format(duration) + "."), Effect.READ_ONLY);
  }

  /** Say what is wrong: the duration's own rule when one was given as text, else the shape. */
  private static String badArguments(@Nullable JsonNode given, int count) {
    if (given != null && given.isTextual() && count == 1) {
      String why = Durations.whyNot(given.textValue().strip());
      if (why != null) {
        return "wait's duration '" + given.textValue() + "' " + why + ".";
      }
    }
    return "wait takes one argument, 'duration', such as '10s', '500ms' or '2m'.";
  }

  private static @Nullable Duration parse(String text) {
    return Durations.parse(text.strip());
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
