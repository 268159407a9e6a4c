package dev.gauntlet.scenario;

import dev.gauntlet.agent.cassette.RecordMode;
import dev.gauntlet.agent.model.ModelSettings;
import java.nio.file.Path;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Ask a model which tool to call next, as {@code agent.model} describes it.
 *
 * @param settings the server, model, prompts and tools; a system prompt given {@code from} a file
 *     is already read
 * @param cassette the exchanges to replay or record, or null to talk to the server itself
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ModelAgentSpec(ModelSettings settings, @Nullable Cassette cassette)
    implements AgentSpec {

  /**
   * Stand a cassette between the agent and its server.
   *
   * @param file the cassette, resolved against the scenario's folder
   * @param record when to record rather than replay
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Cassette(Path file, RecordMode record) {}

  /** Return this spec with the cassette recorded in {@code mode}, at {@code fallback} if none. */
  public ModelAgentSpec recording(RecordMode mode, Path fallback) {
    Cassette current = cassette;
    return new ModelAgentSpec(
        settings, new Cassette(current == null ? fallback : current.file(), mode));
  }
}
