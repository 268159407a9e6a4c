package dev.gauntlet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.scenario.Origin;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.RecoverySpec;
import dev.gauntlet.scenario.ScriptItem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ScriptedAgentTests {

  private static final Origin HERE = new Origin(Path.of("s.yaml"), 3, 7);

  @Test
  void playsRepeatBlocksWithTheirLoopVariable() {
    ScriptedAgent agent =
        new ScriptedAgent(
            List.of(
                action("read", "path", "plan.md", null),
                new ScriptItem.Repeat(
                    3, "n", List.of(action("write", "path", "page-${n}.md", null)), HERE)));

    List<String> paths = playToTheEnd(agent);

    assertThat(paths).containsExactly("plan.md", "page-1.md", "page-2.md", "page-3.md");
  }

  @Test
  void nestedRepeatsRunTheInnerBlockOncePerOuterPass() {
    ScriptItem inner =
        new ScriptItem.Repeat(2, "b", List.of(action("read", "path", "${a}-${b}", null)), HERE);
    ScriptedAgent agent =
        new ScriptedAgent(List.of(new ScriptItem.Repeat(2, "a", List.of(inner), HERE)));

    List<String> paths = playToTheEnd(agent);

    assertThat(paths).containsExactly("1-1", "1-2", "2-1", "2-2");
  }

  @Test
  void substitutesSavedResultsAndCountsTheirLines() {
    ScriptedAgent agent =
        new ScriptedAgent(
            List.of(
                action("list", "path", "notes", "notes"),
                action("write", "content", "${count(notes)} pages, first ${last}", null)));
    agent.decide(new Observation(1, null, 10));

    Decision second = agent.decide(new Observation(2, ToolResult.ok("a.md\nb.md\n"), 9));

    assertThat(argument(second, "content")).isEqualTo("2 pages, first a.md\nb.md\n");
  }

  @Test
  void readsACountWrittenWithBlanksAroundItsParentheses() {
    ScriptedAgent agent =
        new ScriptedAgent(
            List.of(
                action("list", "path", "notes", "notes"),
                action("write", "content", "${ count ( notes ) } pages", null)));
    agent.decide(new Observation(1, null, 10));

    Decision second = agent.decide(new Observation(2, ToolResult.ok("a.md\nb.md\n"), 9));

    assertThat(argument(second, "content")).isEqualTo("2 pages");
  }

  @Test
  void keepsADoubledDollarAsALiteral() {
    ScriptedAgent agent = new ScriptedAgent(List.of(action("write", "content", "$${HOME}", null)));

    Decision decision = agent.decide(new Observation(1, null, 10));

    assertThat(argument(decision, "content")).isEqualTo("${HOME}");
  }

  @Test
  void namesTheScenarioPlaceOfAnUnknownVariable() {
    ScriptedAgent agent = new ScriptedAgent(List.of(action("read", "path", "${nope}", null)));

    assertThatThrownBy(() -> agent.decide(new Observation(1, null, 10)))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("s.yaml:3:7")
        .hasMessageContaining("unknown variable 'nope'");
  }

  @Test
  void finishesWithSuccessWhenTheScriptRunsOut() {
    ScriptedAgent agent = new ScriptedAgent(List.of());

    Decision decision = agent.decide(new Observation(1, null, 10));

    assertThat(decision).isEqualTo(Decision.finish(Outcome.SUCCESS, "The script ran to its end."));
  }

  @Test
  void finishesWithTheOutcomeTheScriptStates() {
    ScriptedAgent agent =
        new ScriptedAgent(List.of(new ScriptItem.Finish(Outcome.GAVE_UP, "no way through", HERE)));

    Decision decision = agent.decide(new Observation(1, null, 10));

    assertThat(decision).isEqualTo(Decision.finish(Outcome.GAVE_UP, "no way through"));
  }

  @Test
  void substitutesTheFinishMessageLikeAnArgument() {
    ScriptedAgent agent =
        new ScriptedAgent(
            List.of(
                new ScriptItem.Repeat(
                    2, "n", List.of(action("read", "path", "page-${n}.md", null)), HERE),
                new ScriptItem.Finish(Outcome.FAILED, "stuck after ${n} pages, $${n}", HERE)));

    Decision last = null;
    for (int step = 1; !(last instanceof Decision.Finish); step++) {
      last = agent.decide(new Observation(step, ToolResult.ok(""), 100));
    }

    assertThat(last).isEqualTo(Decision.finish(Outcome.FAILED, "stuck after 2 pages, ${n}"));
  }

  @Test
  void aRetriedRequestThatThenGetsA404IsNotRetriedAgainAndTheScriptGoesOn() {
    RecoverySpec policy =
        new RecoverySpec(
            5, Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 0, Duration.ofMinutes(5));
    ScriptedAgent agent =
        new ScriptedAgent(
            List.of(
                action("http", "url", "https://api.example.com/page", null),
                action("write", "path", "after.md", null)),
            policy,
            7);
    agent.decide(new Observation(1, null, 10));

    Decision wait = agent.decide(new Observation(2, answer(503), 9));
    Decision again = agent.decide(new Observation(3, ToolResult.ok(""), 8));
    Decision next = agent.decide(new Observation(4, answer(404), 7));

    assertThat(((Decision.Act) wait).action().tool()).isEqualTo("wait");
    assertThat(argument(again, "url")).isEqualTo("https://api.example.com/page");
    assertThat(argument(next, "path")).isEqualTo("after.md");
  }

  /** Return an http answer with this status and no body, as the http tool reports it. */
  private static ToolResult answer(int status) {
    return ToolResult.ok("HTTP " + status + "\n\n")
        .with("status", status)
        .with("time", "2030-01-01T00:00:00Z");
  }

  private static ScriptItem.ActionTemplate action(
      String tool, String key, String value, @Nullable String save) {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    arguments.put(key, value);
    return new ScriptItem.ActionTemplate(tool, arguments, save, HERE);
  }

  private static List<String> playToTheEnd(ScriptedAgent agent) {
    List<String> paths = new ArrayList<>();
    for (int step = 1; ; step++) {
      Decision decision = agent.decide(new Observation(step, ToolResult.ok(""), 100));
      if (decision instanceof Decision.Finish) {
        return paths;
      }
      paths.add(argument(decision, "path"));
    }
  }

  private static String argument(Decision decision, String key) {
    return ((Decision.Act) decision).action().arguments().path(key).asText();
  }
}
