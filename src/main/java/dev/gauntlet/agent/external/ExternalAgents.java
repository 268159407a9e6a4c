package dev.gauntlet.agent.external;

import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.AgentException;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Start agents that are programs of their own, in any language, speaking JSON lines on their
 * standard input and output: one JSON object per line, UTF-8. Standard error is theirs for logging;
 * its last lines are quoted when the program fails.
 *
 * <pre>{@code
 * harness → {"type":"hello","protocol":1,"tools":["read","write",...],"stepTimeoutMillis":30000}
 * agent   → {"type":"ready","name":"notes-agent"}                  (within startTimeout)
 * harness → {"type":"observation","step":1,"stepsLeft":90,"previous":null}
 * agent   → {"type":"action","tool":"write","arguments":{"path":"a.md","content":"x"}}
 * harness → {"type":"observation","step":2,"stepsLeft":89,
 *            "previous":{"status":"ok","output":"...","reason":null,"data":{}}}
 * agent   → {"type":"finish","outcome":"success","message":"done"}  (within stepTimeout)
 * harness → {"type":"bye"}                                         (then stdin closes)
 * }</pre>
 *
 * <p>{@code status} is {@code ok}, {@code error} or {@code refused}; {@code outcome} is {@code
 * success}, {@code failed} or {@code gave_up}. Blank lines are skipped. The agent fails the run,
 * with a message naming the step and quoting the first 200 characters received, when it exits,
 * misses a deadline, or writes anything else; its whole process tree is then killed. After {@code
 * bye} it has one second to exit before it is killed.
 *
 * <p>Limitation: the program's process tree is looked at after the handshake and after every
 * answer. A child started between two looks whose parent then dies (it is re-parented, and no
 * longer found from the program) outlives the run.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ExternalAgents {

  /** The protocol version the harness speaks. */
  public static final int PROTOCOL = 1;

  private ExternalAgents() {}

  /**
   * Start the program and complete the handshake.
   *
   * @param tools the names of the tools the agent may use, sent in {@code hello}
   * @throws AgentException when the program cannot start or fails the handshake; nothing is left
   *     running then
   */
  public static Agent start(ExternalSettings settings, List<String> tools) {
    return ExternalAgent.start(settings, tools);
  }
}
