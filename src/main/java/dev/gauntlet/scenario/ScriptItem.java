package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** One entry of a scripted agent's script: an action to take, or a block to repeat. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface ScriptItem {

  /** Where the entry begins in its file. */
  Origin origin();

  /**
   * Take one action. Arguments are raw: {@code ${…}} expressions in their strings are substituted
   * when the agent reaches the entry, not when the file is loaded.
   *
   * @param tool the tool's name, for example {@code write}
   * @param arguments the tool's arguments; a short form such as {@code read: plan.md} arrives here
   *     as {@code {path: plan.md}}
   * @param save the variable that receives what the action produced (an {@code http} answer's body,
   *     a command's stdout, otherwise the output the agent read, such as a file's content), or null
   * @param retry whether a failed request is retried per the scenario's {@code recovery} policy;
   *     false ({@code retry: false}) for an agent that takes the first answer as it comes
   */
  record ActionTemplate(
      String tool, ObjectNode arguments, @Nullable String save, Origin origin, boolean retry)
      implements ScriptItem {

    /** Take an action that is retried per the scenario's recovery policy, if it has one. */
    public ActionTemplate(String tool, ObjectNode arguments, @Nullable String save, Origin origin) {
      this(tool, arguments, save, origin, true);
    }
  }

  /**
   * Repeat a block {@code times} times, binding the pass number (1-based) to the variable {@code
   * as}.
   */
  record Repeat(int times, String as, List<ScriptItem> body, Origin origin) implements ScriptItem {

    public Repeat {
      body = List.copyOf(body);
    }
  }

  /**
   * Stop, with the outcome the agent claims and a message whose {@code ${…}} expressions are
   * substituted when the agent reaches the entry.
   */
  record Finish(Outcome outcome, String message, Origin origin) implements ScriptItem {}
}
