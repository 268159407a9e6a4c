package dev.gauntlet.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.ScenarioException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Row 23 of egress-bypass.md and row 12 of malformed-scenarios.md: refused policy files. */
class PolicyLoadingTests {

  private static Path file(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(PolicyLoadingTests.class.getResource(name)).toURI());
  }

  private static List<Problem> problems(String name) throws URISyntaxException {
    Path file = file(name);
    ScenarioException refused =
        catchThrowableOfType(ScenarioException.class, () -> Policy.load(file));
    assertThat(refused).as("the policy %s should be refused", name).isNotNull();
    return refused.problems();
  }

  @Test
  void refusesAPolicyThatAllowsEveryHostNamingTheRuleAndItsLine() throws Exception {
    List<Problem> problems = problems("star.yaml");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(2);
    assertThat(problems.get(0).keyPath()).isEqualTo("allow[0].host");
    assertThat(problems.get(0).toString())
        .contains("star.yaml:2:")
        .contains("allow[0] (*)")
        .contains("allows every host");
  }

  @Test
  void refusesWildcardsOverPublicSuffixesNamingEachRule() throws Exception {
    List<Problem> problems = problems("public-suffix.yaml");

    assertThat(problems)
        .extracting(Problem::keyPath, Problem::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("allow[1].host", 3),
            org.assertj.core.groups.Tuple.tuple("allow[2].host", 4));
    assertThat(problems.get(0).message()).contains("public suffix 'com'");
    assertThat(problems.get(1).message()).contains("public suffix 'co.uk'");
  }

  @Test
  void refusesAUrlInTheHostFieldWithFileLineAndColumn() throws Exception {
    List<Problem> problems = problems("url-in-host.yaml");

    assertThat(problems).hasSize(1);
    Problem problem = problems.get(0);
    assertThat(problem.line()).isEqualTo(4);
    assertThat(problem.column()).isEqualTo(11);
    assertThat(problem.toString())
        .contains("url-in-host.yaml:4:11 allow[1].host")
        .contains("allow[1] (https://api.example.com) can never match")
        .contains("write the host alone");
  }

  @Test
  void refusesPortsSchemesMethodsAndRatesThatCanNeverMatch() throws Exception {
    List<Problem> problems = problems("never-match.yaml");

    assertThat(problems)
        .extracting(Problem::keyPath)
        .containsExactly(
            "allow[0].ports[0]", "allow[1].schemes[0]", "allow[2].methods[0]", "allow[3].rate");
    assertThat(problems.get(0).message()).contains("port 0 is not from 1 to 65535");
    assertThat(problems.get(1).message()).contains("'gopher'");
    assertThat(problems.get(2).message()).contains("'FETCH'");
    assertThat(problems.get(3).message()).contains("'fast'").contains("10/s");
  }

  @Test
  void refusesAnUnknownKeySuggestingTheNearestOne() throws Exception {
    List<Problem> problems = problems("unknown-key.yaml");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(3);
    assertThat(problems.get(0).message()).contains("method").contains("methods");
  }

  @Test
  void loadsAValidPolicyFile() throws Exception {
    Policy policy = Policy.load(file("shared.yaml"));

    assertThat(policy.judge("GET", "https://example.com/").allowed()).isTrue();
    assertThat(policy.judge("GET", "https://files.example.com/").reason())
        .isEqualTo(Reason.DENYLISTED);
    assertThat(policy.judge("GET", "https://v1.api.example.com/").allowed()).isTrue();
  }
}
