package dev.gauntlet.loop;

import dev.gauntlet.agent.model.ModelTransport;
import dev.gauntlet.browser.BrowserTool;
import dev.gauntlet.network.EgressProxy;
import dev.gauntlet.network.GatewayTransport;
import dev.gauntlet.network.HttpTool;
import dev.gauntlet.network.MockServer;
import dev.gauntlet.network.Network;
import dev.gauntlet.network.NetworkExpectations;
import dev.gauntlet.network.NetworkScope;
import dev.gauntlet.network.Reason;
import dev.gauntlet.sandbox.Toolbox;
import dev.gauntlet.sandbox.shell.ShellTool;
import dev.gauntlet.scenario.NetworkExpectation;
import dev.gauntlet.time.RunClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Give one run of a scenario its network: a scope on the shared mock server with the scenario's
 * policy and mocks, the {@code http} tool bound to it, the way out for a model agent's calls, and
 * the checks of its egress log. A scenario without a {@code network} section gets no {@code http}
 * tool and never starts the mock server.
 */
final class NetworkSession implements AutoCloseable {

  private final @Nullable NetworkScope scope;
  private final @Nullable EgressProxy proxy;
  private final @Nullable BrowserTool browser;
  private final @Nullable ModelTransport modelTransport;

  private NetworkSession(@Nullable NetworkScope scope, @Nullable RunClock clock) {
    this.scope = scope;
    this.proxy = scope == null ? null : startProxy(scope);
    this.browser = scope == null ? null : new BrowserTool(scope);
    this.modelTransport =
        scope == null || clock == null ? null : new GatewayTransport(scope, clock.asClock());
  }

  private static EgressProxy startProxy(NetworkScope scope) {
    try {
      return EgressProxy.start(scope);
    } catch (RuntimeException e) {
      scope.close();
      throw e;
    }
  }

  /**
   * Open the network of one trial: its egress log keeps time on the trial's {@code clock}, and its
   * probability faults without a seed of their own draw from the trial's {@code seed}.
   */
  static NetworkSession open(
      @Nullable Network network,
      Supplier<MockServer> server,
      String scopeId,
      Path egressLog,
      RunClock clock,
      long seed) {
    if (network == null) {
      return new NetworkSession(null, null);
    }
    return new NetworkSession(
        NetworkScope.open(server.get(), scopeId, network, egressLog, clock.asClock(), seed), clock);
  }

  /**
   * Return the way a model agent's requests go out: through the scope's egress gateway, so that the
   * policy, rate limits, mocks and egress log apply to them, or null without a network.
   */
  @Nullable ModelTransport modelTransport() {
    return modelTransport;
  }

  /**
   * Return the tools of this run: {@code base}, plus {@code http} and {@code browser} when there is
   * a network, and then a {@code shell} whose commands go out through the run's egress proxy.
   */
  Toolbox tools(Toolbox base) {
    if (scope == null || proxy == null) {
      return base;
    }
    Toolbox tools = base.with(new HttpTool(scope));
    if (browser != null) {
      tools = tools.with(browser);
    }
    if (base.find(ShellTool.NAME).orElse(null) instanceof ShellTool shell) {
      tools = tools.replacing(shell.withNetwork(proxy));
    }
    return tools;
  }

  /**
   * Check the run's requests; every failure lists the offending requests from the egress log. A
   * request that no mock answered fails the scenario unless it says {@code noUnmatched: false}.
   */
  List<String> check(@Nullable NetworkExpectation expectation) {
    List<String> failures = new ArrayList<>();
    if (expectation == null) {
      // Nothing ever passes through to the real network, so a request no mock answered is a gap in
      // the scenario and is reported even when the scenario checks nothing else of its requests.
      if (scope != null) {
        failures.addAll(NetworkExpectations.noUnmatchedRequests(scope.records()));
      }
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

  /**
   * Close the browser and stop the egress proxy, then remove the scenario's mocks and requests from
   * the shared server.
   */
  @Override
  public void close() {
    try {
      if (browser != null) {
        browser.close();
      }
      if (proxy != null) {
        proxy.close();
      }
    } finally {
      if (scope != null) {
        scope.close();
      }
    }
  }
}
