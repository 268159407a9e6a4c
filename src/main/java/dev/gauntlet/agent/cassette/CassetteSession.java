package dev.gauntlet.agent.cassette;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Stand between a model agent and its endpoint for one run: a local WireMock server that either
 * replays the cassette or records the run's exchanges into it. Point the agent at {@link
 * #baseUrl()} and close the session when the run ends; a recording is written then.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CassetteSession implements AutoCloseable {

  private final Path file;
  private final Deck deck;
  private final URI baseUrl;
  private final boolean recording;
  private boolean closed;

  CassetteSession(Path file, Deck deck, URI baseUrl, boolean recording) {
    this.file = file;
    this.deck = deck;
    this.baseUrl = baseUrl;
    this.recording = recording;
  }

  /** Return the base URL the agent should use instead of its real one, path included. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** Return the cassette's file. */
  public Path file() {
    return file;
  }

  /** Return whether this session records rather than replays. */
  public boolean recording() {
    return recording;
  }

  /** Return how many exchanges were replayed or recorded so far. */
  public int exchanges() {
    return deck.exchanges().size();
  }

  /** Return one sentence per request the cassette did not hold, in the order they came. */
  public List<String> mismatches() {
    return deck.mismatches();
  }

  /**
   * Stop the server; when recording, write the cassette if anything was exchanged and every request
   * reached the real endpoint. A recording with a gap is not written: it would replace a whole
   * cassette with part of one.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (recording) {
        List<Exchange> exchanges = deck.exchanges();
        if (!exchanges.isEmpty() && deck.failures() == 0) {
          CassetteFile.write(file, exchanges);
        }
      }
    } finally {
      deck.close();
    }
  }
}
