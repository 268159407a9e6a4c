package dev.gauntlet.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.sandbox.Workspace;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wait tool at run time, where a duration that came out of a {@code ${…}} expression is first
 * seen: the loader checks the ones written in the file.
 */
class WaitToolTests {

  private Workspace workspace;

  @BeforeEach
  void createTheWorkspace() throws IOException {
    workspace = Workspace.create("wait");
  }

  @AfterEach
  void deleteTheWorkspace() throws IOException {
    workspace.close();
  }

  @Test
  void waitsOnTheRunsClock() {
    Tool.Context context = Tool.Context.detached();

    ToolResult result = wait(arguments().put("duration", "90s"), context);

    assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
    assertThat(context.clock().elapsed()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aDurationWithADecimalIsRefusedWithTheRule() {
    ToolResult result = wait(arguments().put("duration", "1.5s"), Tool.Context.detached());

    assertThat(result.reason()).isEqualTo("bad_arguments");
    assertThat(result.output())
        .isEqualTo(
            "wait's duration '1.5s' is not a duration: write whole numbers of ms, s, m or h, such"
                + " as 1500ms or 1m30s.");
  }

  @Test
  void aDurationPastTheLongestIsRefusedWithTheLimit() {
    ToolResult result = wait(arguments().put("duration", "10000000h"), Tool.Context.detached());

    assertThat(result.output()).startsWith("wait's duration '10000000h' is too long:");
  }

  @Test
  void aSecondArgumentIsRefusedWithTheToolsShape() {
    ToolResult result =
        wait(arguments().put("duration", "1s").put("until", "later"), Tool.Context.detached());

    assertThat(result.output())
        .isEqualTo("wait takes one argument, 'duration', such as '10s', '500ms' or '2m'.");
  }

  private ToolResult wait(ObjectNode arguments, Tool.Context context) {
    return new WaitTool().execute(new Action("wait", arguments), workspace, context).result();
  }

  private static ObjectNode arguments() {
    return JsonNodeFactory.instance.objectNode();
  }
}
