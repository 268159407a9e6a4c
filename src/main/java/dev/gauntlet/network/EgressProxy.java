package dev.gauntlet.network;

import dev.gauntlet.sandbox.shell.SandboxNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Give sandboxed commands an HTTP proxy whose only way out is a {@link NetworkScope}: the same
 * policy, rate limits, mocks and {@code egress.jsonl} as the {@code http} tool, each request logged
 * under the step of the command that made it.
 *
 * <p>The proxy listens on a Unix socket in a folder of its own, outside every workspace, which each
 * sandbox gets read-only at {@value #MOUNT}. Inside, {@code socat} (Debian package {@code socat})
 * relays {@code 127.0.0.1:}{@value #PORT} to that socket, and the proxy variables ({@code
 * HTTP_PROXY}, {@code HTTPS_PROXY}, {@code ALL_PROXY}, their lower-case forms, and an empty {@code
 * NO_PROXY}) point there. The sandbox has no other interface than loopback, so a command that
 * ignores the variables reaches nothing.
 *
 * <p>Plain HTTP requests come in absolute form. HTTPS comes as {@code CONNECT host:443}: a target
 * the policy refuses is refused at once (403 with {@code X-Gauntlet-Denied}, so the client reports
 * a failed tunnel); otherwise the proxy ends the TLS itself with a certificate for the host, signed
 * by a CA made when the proxy starts, and sends the request inside through the gateway. The CA is
 * trusted only through the CA-bundle variables ({@code SSL_CERT_FILE}, {@code CURL_CA_BUNDLE},
 * {@code REQUESTS_CA_BUNDLE}, {@code NODE_EXTRA_CA_CERTS}, {@code GIT_SSL_CAINFO}, {@code
 * PIP_CERT}), which name a bundle holding it alone: every TLS connection a command can make ends at
 * this proxy, so no other root could ever verify anything. A tunnel to any port but 443 is refused
 * with reason {@code port}.
 *
 * <p>Limits: one request per connection ({@code Connection: close}); HTTP/1.1 only (no ALPN, so
 * clients fall back from HTTP/2); bodies are buffered whole, up to 16 MiB; no WebSocket upgrades.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EgressProxy implements SandboxNetwork, AutoCloseable {

  /** Where the proxy's folder, with its socket and CA bundle, appears inside the sandbox. */
  public static final String MOUNT = "/run/gauntlet";

  /** The loopback port inside the sandbox that the proxy variables name. */
  public static final int PORT = 3128;

  private static final Logger LOG = LoggerFactory.getLogger(EgressProxy.class);
  private static final String SOCKET = "proxy.sock";
  private static final String BUNDLE = "ca-bundle.pem";
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final NetworkScope scope;
  private final HarnessCa ca;
  private final Path folder;
  private final ServerSocketChannel server;
  private final ExecutorService workers;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final Attachment attachment;
  private boolean closed;

  private EgressProxy(NetworkScope scope, Path folder) throws IOException {
    this.scope = scope;
    this.folder = folder;
    this.ca = HarnessCa.create();
    Files.writeString(folder.resolve(BUNDLE), ca.pem(), StandardCharsets.US_ASCII);
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(folder.resolve(SOCKET)));
    this.workers =
        Executors.newCachedThreadPool(
            task -> daemon(task, "gauntlet-proxy-" + scope.id() + "-" + THREADS.incrementAndGet()));
    this.acceptor = daemon(this::accept, "gauntlet-proxy-" + scope.id() + "-accept");
    this.attachment = attachment(folder);
    acceptor.start();
  }

  /**
   * Start a proxy for the commands of one scenario run; close it with the scope.
   *
   * @throws UncheckedIOException when its folder or socket cannot be made
   */
  public static EgressProxy start(NetworkScope scope) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory("gauntlet-proxy-");
      return new EgressProxy(scope, folder);
    } catch (IOException e) {
      if (folder != null) {
        delete(folder);
      }
      throw new UncheckedIOException("cannot start the egress proxy for " + scope.id(), e);
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static Attachment attachment(Path folder) {
    String proxy = "http://127.0.0.1:" + PORT;
    Map<String, String> environment = new LinkedHashMap<>();
    for (String name : List.of("http_proxy", "https_proxy", "all_proxy")) {
      environment.put(name, proxy);
      environment.put(name.toUpperCase(Locale.ROOT), proxy);
    }
    environment.put("no_proxy", "");
    environment.put("NO_PROXY", "");
    String bundle = MOUNT + "/" + BUNDLE;
    for (String name :
        List.of(
            "SSL_CERT_FILE",
            "CURL_CA_BUNDLE",
            "REQUESTS_CA_BUNDLE",
            "NODE_EXTRA_CA_CERTS",
            "GIT_SSL_CAINFO",
            "PIP_CERT")) {
      environment.put(name, bundle);
    }
    // The forwarder must listen before the command runs, or its first request would find nothing;
    // /proc/net/tcp lists the sandbox's own sockets, and 0C38 is 3128 in hex, 0A is LISTEN.
    String listening = String.format(":%04X 00000000:0000 0A", PORT);
    String script =
        "socat TCP-LISTEN:"
            + PORT
            + ",bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:"
            + MOUNT
            + "/"
            + SOCKET
            + " </dev/null >/dev/null 2>&1 &\n"
            + "i=0\n"
            + "while ! grep -q '"
            + listening
            + "' /proc/net/tcp; do\n"
            + "  i=$((i+1)); [ $i -gt 1000 ] && break; sleep 0.01\n"
            + "done\n"
            + "exec \"$@\"\n";
    return new Attachment(
        List.of("--ro-bind", folder.toString(), MOUNT),
        environment,
        List.of("/bin/sh", "-c", script, "gauntlet-proxy"));
  }

  /** Return the proxy's mount, variables and forwarder; the same for every command. */
  @Override
  public Attachment attach(Path workspace) {
    return attachment;
  }

  /** Tell the scope the command's step, so that its requests are logged under it. */
  @Override
  public Attachment attach(Path workspace, int step) {
    scope.enterStep(step);
    return attachment;
  }

  /** Return the PEM text of the CA that signs the proxy's certificates. */
  public String caCertificate() {
    return ca.pem();
  }

  /** Return the Unix socket the proxy listens on, outside the sandbox. */
  public Path socket() {
    return folder.resolve(SOCKET);
  }

  private void accept() {
    while (true) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.debug("The egress proxy of {} stopped accepting", scope.id(), e);
        return;
      }
      open.add(channel);
      try {
        workers.execute(() -> serve(channel));
      } catch (RejectedExecutionException e) {
        close(channel);
        return;
      }
    }
  }

  private void serve(SocketChannel channel) {
    try (channel) {
      new ProxyConnection(scope, ca, channel).serve();
    } catch (IOException | RuntimeException e) {
      LOG.debug("A connection to the egress proxy of {} ended early: {}", scope.id(), e.toString());
    } finally {
      open.remove(channel);
    }
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing is all that is left to do with it.
    }
  }

  /** Stop accepting, end every open connection, wait for the proxy's threads, delete its folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("Closing the egress proxy's socket failed", e);
    }
    workers.shutdownNow();
    for (SocketChannel channel : new ArrayList<>(open)) {
      close(channel);
    }
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("The egress proxy of {} has threads still running after close", scope.id());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    delete(folder);
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.debug("Cannot delete the egress proxy's folder {}", folder, e);
    }
  }
}
