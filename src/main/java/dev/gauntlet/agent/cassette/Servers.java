package dev.gauntlet.agent.cassette;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.Extension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Start and stop the WireMock servers that cassettes are recorded and played through. */
final class Servers {

  private Servers() {}

  /**
   * Start a server on 127.0.0.1 and a free port, with its own empty folder, so that it never loads
   * mappings a project keeps in WireMock's default folder.
   */
  static Started start(Extension... extensions) {
    Path root;
    try {
      root = Files.createTempDirectory("gauntlet-cassette");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cassette server's folder", e);
    }
    WireMockServer server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderDirectory(root.toString())
                .stubRequestLoggingDisabled(true)
                .notifier(new Slf4jNotifier(false))
                .extensions(extensions));
    server.start();
    return new Started(server, root);
  }

  /** A running server and the folder it owns. */
  record Started(WireMockServer server, Path root) implements AutoCloseable {

    @Override
    public void close() {
      server.stop();
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // A temporary folder left behind harms nothing.
      }
    }
  }
}
