package dev.gauntlet.agent.cassette;

import java.util.List;

/** A WireMock server that either plays a cassette or records one. */
interface Deck extends AutoCloseable {

  int port();

  /** Return the exchanges served or recorded so far, in order. */
  List<Exchange> exchanges();

  /** Return how many requests got no answer from the real endpoint while recording. */
  default int failures() {
    return 0;
  }

  /** Return one sentence per request the cassette did not hold. */
  List<String> mismatches();

  @Override
  void close();
}
