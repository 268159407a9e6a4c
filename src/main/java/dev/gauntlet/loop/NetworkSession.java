package dev.gauntlet.loop;

import dev.gauntlet.network.HttpTool;
import dev.gauntlet.network.MockServer;
import dev.gauntlet.network.Network;
import dev.gauntlet.network.NetworkExpectations;
import dev.gauntlet.network.NetworkScope;
import dev.gauntlet.network.Reason;
import dev.gauntlet.sandbox.Toolbox;
import dev.gauntlet.scenario.NetworkExpectation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Give one run of a scenario its network: a scope on the shared mock server with the scenario's
 * policy and mocks, the {@code http} tool bound to it, and the checks of its egress log. A scenario
 * without a {@code network} section gets no {@code http} tool and never starts the mock server.
 */
final class NetworkSession implements AutoCloseable {

  private final @Nullable NetworkScope scope;

  private NetworkSession(@Nullable NetworkScope scope) {
    this.scope = scope;
  }

  static NetworkSession open(
      @Nullable Network network, Supplier<MockServer> server, String scopeId, Path egressLog) {
    if (network == null) {
      return new NetworkSession(null);
    }
    return new NetworkSession(NetworkScope.open(server.get(), scopeId, network, egressLog));
  }

  /** Return the tools of this run: {@code base}, plus {@code http} when there is a network. */
  Toolbox tools(Toolbox base) {
    return scope == null ? base : base.with(new HttpTool(scope));
  }

  /** Check the run's requests; every failure lists the offending requests from the egress log. */
  List<String> check(@Nullable NetworkExpectation expectation) {
    List<String> failures = new ArrayList<>();
    if (expectation == null) {
      return failures;
    }
    if (scope == null) {
      failures.add(
          "Expecting checks of the network ("
              + expectation.origin()
              + ") but the scenario has no network section, so no request was ever made.");
      return failures;
    }
    var records = scope.records();
    Integer denied = expectation.denied();
    if (denied != null) {
      failures.addAll(NetworkExpectations.deniedCount(records, denied));
    }
    for (Map.Entry<String, Integer> byReason : expectation.deniedBy().entrySet()) {
      Reason reason = Reason.ofCode(byReason.getKey());
      failures.addAll(NetworkExpectations.deniedCount(records, reason, byReason.getValue()));
    }
    List<String> onlyHosts = expectation.onlyHosts();
    if (onlyHosts != null) {
      failures.addAll(NetworkExpectations.onlyHostsContacted(records, onlyHosts));
    }
    for (Map.Entry<String, Integer> perHost : expectation.atMostPerHost().entrySet()) {
      failures.addAll(
          NetworkExpectations.atMostRequestsTo(records, perHost.getKey(), perHost.getValue()));
    }
    if (expectation.everyMockUsed()) {
      failures.addAll(NetworkExpectations.everyMockUsed(scope));
    }
    if (expectation.noUnmatched()) {
      failures.addAll(NetworkExpectations.noUnmatchedRequests(records));
    }
    return failures;
  }

  /** The egress log, or null when the run had no network. */
  @Nullable Path egressLog() {
    return scope == null ? null : scope.egressLog();
  }

  /** Remove the scenario's mocks and requests from the shared server. */
  @Override
  public void close() {
    if (scope != null) {
      scope.close();
    }
  }
}
