package dev.gauntlet.bench;

import dev.gauntlet.network.Policy;
import dev.gauntlet.network.PolicySpec;
import dev.gauntlet.network.RuleSpec;
import dev.gauntlet.network.Verdict;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Time one decision of a compiled network policy. The network package reads URLs through a
 * package-private front door, so URL normalisation is timed through {@link Policy#judge} on URLs
 * that need it: upper case, a trailing dot, a default port, dot segments and an international name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyBenchmark {

  private final Policy policy =
      Policy.compile(
          new PolicySpec(
              List.of(
                  new RuleSpec("api.example.com", null, null, List.of("GET", "POST"), null, null),
                  RuleSpec.host("*.cdn.example.org"),
                  RuleSpec.host("**.docs.example.net"),
                  RuleSpec.host("bücher.example")),
              List.of(RuleSpec.host("files.example.com"))));

  /** An allowed request with a URL already in normal form. */
  @Benchmark
  public Verdict allowedDecision() {
    return policy.judge("GET", "https://api.example.com/items/42?page=2");
  }

  /** A request no rule allows: the decision walks every index and denies. */
  @Benchmark
  public Verdict deniedDecision() {
    return policy.judge("GET", "https://unknown.example.com/");
  }

  /** A request to cloud metadata, refused by address. */
  @Benchmark
  public Verdict metadataDecision() {
    return policy.judge("GET", "http://169.254.169.254/latest/meta-data/");
  }

  /** URL normalisation: the same allowed request written in a form the front door must normalise. */
  @Benchmark
  public Verdict normalisedUrlDecision() {
    return policy.judge("get", "HTTPS://API.Example.COM.:443/a/./b/../items/%7e42");
  }

  /** URL normalisation of an international host name (UTS-46 to ASCII). */
  @Benchmark
  public Verdict internationalUrlDecision() {
    return policy.judge("GET", "https://BÜCHER.example/katalog");
  }
}
