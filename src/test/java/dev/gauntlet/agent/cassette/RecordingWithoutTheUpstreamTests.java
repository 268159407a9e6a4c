package dev.gauntlet.agent.cassette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.agent.Observation;
import dev.gauntlet.agent.model.MeteredAgent;
import dev.gauntlet.agent.model.ModelAgents;
import dev.gauntlet.agent.model.ModelApi;
import dev.gauntlet.agent.model.ModelCallException;
import dev.gauntlet.agent.model.ModelSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record with an upstream that cannot be reached: a closed port on 127.0.0.1, or a host under
 * {@code .invalid}, which never resolves. Nothing here reaches a real network.
 */
class RecordingWithoutTheUpstreamTests {

  private static final String OLD_CASSETTE = "[ \"the cassette recorded last week\" ]\n";

  @TempDir Path folder;

  @Test
  void aClosedPortIsAConnectionErrorNamingTheEndpointAndTheCassetteIsLeftAsItWas()
      throws IOException {
    URI baseUrl = URI.create("http://127.0.0.1:" + closedPort() + "/v1");
    Path cassette = oldCassette();

    ModelCallException failure = recordOneStep(baseUrl, cassette);

    assertThat(failure.kind()).isEqualTo(ModelCallException.Kind.CONNECTION);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.status()).isZero();
    assertThat(failure.getMessage())
        .startsWith("Step 1: the connection to " + baseUrl + "/chat/completions failed: ")
        .endsWith("failed: Connection refused");
    assertThat(Files.readString(cassette)).isEqualTo(OLD_CASSETTE);
  }

  @Test
  void anUnknownHostIsAConnectionErrorNamingTheHost() throws IOException {
    URI baseUrl = URI.create("http://nowhere.invalid/v1");
    Path cassette = oldCassette();

    ModelCallException failure = recordOneStep(baseUrl, cassette);

    assertThat(failure.kind()).isEqualTo(ModelCallException.Kind.CONNECTION);
    assertThat(failure.getMessage())
        .startsWith("Step 1: the connection to http://nowhere.invalid/v1/chat/completions failed: ")
        .contains("failed: unknown host nowhere.invalid");
    assertThat(Files.readString(cassette)).isEqualTo(OLD_CASSETTE);
  }

  @Test
  void aFirstRecordingThatReachedNothingWritesNoCassette() throws IOException {
    URI baseUrl = URI.create("http://127.0.0.1:" + closedPort() + "/v1");
    Path cassette = folder.resolve("cassettes/new.json");

    recordOneStep(baseUrl, cassette);

    assertThat(cassette).doesNotExist();
  }

  private static ModelCallException recordOneStep(URI baseUrl, Path cassette) {
    ModelSettings settings = ModelSettings.of(ModelApi.OPENAI, "m", "Finish.").withBaseUrl(baseUrl);
    CassetteSession session = Cassettes.open(cassette, RecordMode.ALL, baseUrl, List.of());
    try (session) {
      MeteredAgent agent =
          ModelAgents.create(
              settings.withBaseUrl(session.baseUrl()).withKeyVariable(null), variable -> null);
      return catchThrowableOfType(
          ModelCallException.class, () -> agent.decide(new Observation(1, null, 10)));
    }
  }

  private Path oldCassette() throws IOException {
    Path cassette = folder.resolve("cassettes/plan.json");
    Files.createDirectories(cassette.getParent());
    Files.writeString(cassette, OLD_CASSETTE);
    return cassette;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
