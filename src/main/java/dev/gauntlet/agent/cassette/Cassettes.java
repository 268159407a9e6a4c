package dev.gauntlet.agent.cassette;

import dev.gauntlet.agent.AgentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Record a model agent's exchanges into a cassette beside the scenario, and replay them with no
 * network. A cassette is a WireMock mappings file (JSON): one stub per exchange, chained by
 * WireMock scenario states so that they are served in the order recorded, each matching its request
 * body exactly ({@code equalToJson}). Request headers are not recorded; of the answer's headers
 * only the content type and the retry and rate-limit headers are kept; the secrets given are
 * replaced wherever they appear.
 *
 * <p>Limitation: a recording passes through a local proxy that buffers each answer, so a stream
 * reaches the agent whole rather than chunk by chunk; its content is unchanged.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Cassettes {

  /** The header on an answer that says the cassette held no matching exchange. */
  public static final String MISMATCH_HEADER = "Gauntlet-Cassette-Mismatch";

  /**
   * The header on an answer, while recording, that says the real endpoint could not be reached; its
   * value is the endpoint and the cause, e.g. {@code https://api.openai.com/v1/chat/completions
   * unknown host api.openai.com}.
   */
  public static final String UPSTREAM_FAILURE_HEADER = "Gauntlet-Cassette-Upstream-Failure";

  private Cassettes() {}

  /**
   * Open a session that replays or records the cassette, as the mode and the file's existence say.
   *
   * @param file the cassette, e.g. {@code scenarios/cassettes/notes.json}
   * @param mode when to record
   * @param baseUrl the agent's real base URL: recordings go to its origin, and the session's own
   *     base URL keeps its path
   * @param secrets values to replace in a recording, e.g. the API key
   * @throws AgentException when the mode is {@code none} and there is no cassette, or the cassette
   *     cannot be read
   */
  public static CassetteSession open(
      Path file, RecordMode mode, URI baseUrl, List<String> secrets) {
    boolean exists = Files.isRegularFile(file);
    if (!exists && mode == RecordMode.NONE) {
      throw new AgentException(
          "There is no cassette at "
              + file
              + " and the record mode is 'none'; record one with the record mode 'once'.");
    }
    Scrubber scrubber = new Scrubber(secrets);
    boolean recording = mode.records(exists);
    Deck deck =
        recording
            ? Recorder.start(origin(baseUrl), scrubber)
            : Player.start(file, CassetteFile.read(file));
    return new CassetteSession(file, deck, local(baseUrl, deck.port()), recording);
  }

  private static URI origin(URI url) {
    try {
      return new URI(url.getScheme(), null, url.getHost(), url.getPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a base URL: " + url, e);
    }
  }

  private static URI local(URI url, int port) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
