package dev.gauntlet.sandbox.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Decide how a contained command reaches the network. The sandbox always runs in a network
 * namespace of its own, holding nothing but a loopback interface, so by default a command reaches
 * nothing: not the internet, not the host's loopback, not a cloud metadata address.
 *
 * <p>A network that lets commands out through the egress gateway contributes three things per
 * command: bubblewrap arguments (e.g. {@code --bind} of the gateway's Unix socket to a fixed place
 * inside), the environment (proxy and CA-bundle variables such as {@code HTTPS_PROXY} and {@code
 * SSL_CERT_FILE}), and a command prefix run inside the sandbox before the command itself (e.g. a
 * script that starts a small forwarder from {@code 127.0.0.1:<port>} to that socket and then runs
 * {@code "$@"}). A Unix socket works across network namespaces, so it stays the only route out.
 *
 * <p>In unconfined mode only the environment is applied: there is no sandbox to mount into, and no
 * containment to rely on.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SandboxNetwork {

  /** Return what one command's sandbox needs, for a workspace whose real path is given. */
  Attachment attach(Path workspace);

  /**
   * Return what the command of a step needs; a network that logs requests by step (the egress proxy
   * does) overrides this to learn the step before the command runs. The default ignores it.
   *
   * @param step the 1-based number of the step running the command, 0 outside a run
   */
  default Attachment attach(Path workspace, int step) {
    return attach(workspace);
  }

  /** Return the network of a sandbox that reaches nothing at all; the default. */
  static SandboxNetwork none() {
    return workspace -> Attachment.NONE;
  }

  /**
   * Say what one command's sandbox needs to reach the network.
   *
   * @param bubblewrapArguments extra bubblewrap arguments, placed after the sandbox's own mounts
   * @param environment variables added to the command's environment; the action's own {@code env}
   *     is applied after them
   * @param commandPrefix words run inside the sandbox in front of the command's own, e.g. {@code
   *     ["/bin/sh", "-c", "start-forwarder & exec \"$@\"", "forwarder"]}; empty for none
   */
  record Attachment(
      List<String> bubblewrapArguments,
      Map<String, String> environment,
      List<String> commandPrefix) {

    /** An attachment that adds nothing. */
    public static final Attachment NONE = new Attachment(List.of(), Map.of(), List.of());

    /** Copy the lists and the map, so that an attachment never changes after it is made. */
    public Attachment {
      bubblewrapArguments = List.copyOf(bubblewrapArguments);
      environment = Map.copyOf(environment);
      commandPrefix = List.copyOf(commandPrefix);
    }
  }
}
