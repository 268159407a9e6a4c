package dev.gauntlet.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;

/** Build actions for tests: a tool name and text arguments given as name, value pairs. */
final class Actions {

  private Actions() {}

  static Action action(String tool, String... namesAndValues) {
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      arguments.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return new Action(tool, arguments);
  }

  /** Run an action through the standard file tools. */
  static Tool.Execution run(Workspace workspace, String tool, String... namesAndValues) {
    Action action = action(tool, namesAndValues);
    return Toolbox.files().find(tool).orElseThrow().execute(action, workspace);
  }
}
