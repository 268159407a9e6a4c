package dev.gauntlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.agent.Action;
import org.junit.jupiter.api.Test;

class ToolboxTests {

  private static final Tool ECHO =
      new Tool() {
        @Override
        public String name() {
          return "echo";
        }

        @Override
        public Execution execute(Action action, Workspace workspace) {
          return Performed.readOnly(ToolResult.ok(action.arguments().toString()));
        }
      };

  @Test
  void holdsTheStandardFileTools() {
    Toolbox files = Toolbox.files();

    assertThat(files.names()).containsExactly("read", "write", "append", "list", "delete", "mkdir");
    assertThat(files.find("write")).get().extracting(Tool::name).isEqualTo("write");
  }

  @Test
  void findsNothingForAnUnknownName() {
    assertThat(Toolbox.files().find("shell")).isEmpty();
  }

  @Test
  void addsAToolToANewToolboxAndLeavesTheOldOneAlone() {
    Toolbox files = Toolbox.files();

    Toolbox more = files.with(ECHO);

    assertThat(more.find("echo")).containsSame(ECHO);
    assertThat(files.find("echo")).isEmpty();
  }

  @Test
  void refusesASecondToolOfTheSameName() {
    Toolbox withEcho = Toolbox.empty().with(ECHO);

    assertThatThrownBy(() -> withEcho.with(ECHO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'echo'");
  }
}
