package dev.gauntlet.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.scenario.ScenarioException;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rows 1–20, 23 and 24 of egress-bypass.md, and more members of each row's kind. */
class EgressBypassTests {

  /** The table's policy: example.com and *.api.example.com, HTTPS on 443, GET and POST. */
  static final Policy TABLE =
      Policy.compile(
          new PolicySpec(
              List.of(
                  new RuleSpec("example.com", null, null, List.of("GET", "POST"), null, null),
                  new RuleSpec(
                      "*.api.example.com", null, null, List.of("GET", "POST"), null, null)),
              null));

  static Stream<Arguments> rows() {
    return Stream.of(
        row("1", "GET", "https://evil-example.com/", Reason.NOT_ALLOWLISTED),
        row("2", "GET", "https://notexample.com/", Reason.NOT_ALLOWLISTED),
        row("2", "GET", "https://xexample.com/", Reason.NOT_ALLOWLISTED),
        row("3", "GET", "https://example.com.attacker.net/", Reason.NOT_ALLOWLISTED),
        row("3", "GET", "https://v2.api.example.com.attacker.net/", Reason.NOT_ALLOWLISTED),
        row("4", "GET", "https://api.example.com/", Reason.NOT_ALLOWLISTED),
        row("4", "GET", "https://www.example.com/", Reason.NOT_ALLOWLISTED),
        row("5", "GET", "https://v2.api.example.com/x", null),
        row("5", "POST", "https://a.b.c.api.example.com/x", null),
        row("6", "GET", "https://EXAMPLE.com/", null),
        row("6", "GET", "https://V2.API.Example.COM/x", null),
        row("6", "GET", "HTTPS://example.com/", null),
        row("7", "GET", "https://example.com./", null),
        row("7", "GET", "https://example.com../", Reason.MALFORMED_URL),
        row("7", "GET", "https://example.com:443/", null),
        row("8", "GET", "https://example.com@attacker.net/", Reason.MALFORMED_URL),
        row("8", "GET", "https://user:pass@example.com/", Reason.MALFORMED_URL),
        row("8", "GET", "https://@example.com/", Reason.MALFORMED_URL),
        row("9", "GET", "https://attacker.net\\@example.com/", Reason.MALFORMED_URL),
        row("9", "GET", "https:\\\\example.com/", Reason.MALFORMED_URL),
        row("9", "GET", "https://example.com\\.attacker.net/", Reason.MALFORMED_URL),
        row("10", "GET", " https://example.com/", Reason.MALFORMED_URL),
        row("10", "GET", "https://example.com/ ", Reason.MALFORMED_URL),
        row("10", "GET", "https://exam\tple.com/", Reason.MALFORMED_URL),
        row("10", "GET", "https://example.com\n.attacker.net/", Reason.MALFORMED_URL),
        row("10", "GET", "https://example.com\u0000/", Reason.MALFORMED_URL),
        row("10", "GET", "https://example.com\u00a0/", Reason.MALFORMED_URL),
        row("10", "GET", "https://exa\u200bmple.com/", Reason.MALFORMED_URL),
        row("10", "GET", "https://example.com/a\rb", Reason.MALFORMED_URL),
        row("11", "GET", "http://example.com/", Reason.SCHEME),
        row("11", "GET", "ftp://example.com/", Reason.SCHEME),
        row("11", "GET", "file:///etc/passwd", Reason.MALFORMED_URL),
        row("11", "GET", "example.com/", Reason.MALFORMED_URL),
        row("12", "GET", "https://example.com:8443/", Reason.PORT),
        row("12", "GET", "https://example.com:80/", Reason.PORT),
        row("12", "GET", "https://example.com:0/", Reason.MALFORMED_URL),
        row("12", "GET", "https://example.com:65536/", Reason.MALFORMED_URL),
        row("12", "GET", "https://example.com:+443/", Reason.MALFORMED_URL),
        row("13", "DELETE", "https://example.com/x", Reason.METHOD),
        row("13", "PUT", "https://v2.api.example.com/x", Reason.METHOD),
        row("13", "delete", "https://example.com/x", Reason.METHOD),
        row("14", "GET", "https://2130706433/", Reason.IP_LITERAL),
        row("14", "GET", "https://0x7f000001/", Reason.IP_LITERAL),
        row("14", "GET", "https://017700000001/", Reason.IP_LITERAL),
        row("15", "GET", "https://0177.0.0.1/", Reason.IP_LITERAL),
        row("15", "GET", "https://127.000.000.001/", Reason.IP_LITERAL),
        row("15", "GET", "https://010.0.0.1/", Reason.IP_LITERAL),
        row("16", "GET", "https://0x7f.1/", Reason.IP_LITERAL),
        row("16", "GET", "https://127.1/", Reason.IP_LITERAL),
        row("16", "GET", "https://127.0.1/", Reason.IP_LITERAL),
        row("16", "GET", "https://0x7F.0.0.1/", Reason.IP_LITERAL),
        row("16", "GET", "https://1.2.3.4.5/", Reason.IP_LITERAL),
        row("16", "GET", "https://256.0.0.1/", Reason.IP_LITERAL),
        row("17", "GET", "https://[::ffff:127.0.0.1]/", Reason.LOCAL_ADDRESS),
        row("17", "GET", "https://[0:0:0:0:0:0:0:1]/", Reason.LOCAL_ADDRESS),
        row("17", "GET", "https://[::1]/", Reason.LOCAL_ADDRESS),
        row("17", "GET", "https://[::ffff:7f00:1]/", Reason.LOCAL_ADDRESS),
        row("17", "GET", "https://[::ffff:169.254.169.254]/", Reason.LOCAL_ADDRESS),
        row("17", "GET", "https://[::ffff:10.0.0.1]/", Reason.LOCAL_ADDRESS),
        row("17", "GET", "https://[64:ff9b::127.0.0.1]/", Reason.LOCAL_ADDRESS),
        row("17", "GET", "https://[2002:7f00:1::]/", Reason.LOCAL_ADDRESS),
        row("17", "GET", "https://[fe80::1]/", Reason.LOCAL_ADDRESS),
        row("17", "GET", "https://[fd12:3456::1]/", Reason.LOCAL_ADDRESS),
        row("17", "GET", "https://[fe80::1%25eth0]/", Reason.IP_LITERAL),
        row("17", "GET", "https://[::1/", Reason.MALFORMED_URL),
        row("17", "GET", "https://::1/", Reason.MALFORMED_URL),
        row("17", "GET", "https://[2606:4700::1111]/", Reason.IP_LITERAL),
        row("18", "GET", "https://0.0.0.0/", Reason.LOCAL_ADDRESS),
        row("18", "GET", "https://0/", Reason.IP_LITERAL),
        row("18", "GET", "https://[::]/", Reason.LOCAL_ADDRESS),
        row("18", "GET", "https://0.0.0.0:443/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://169.254.169.254/latest/meta-data/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://metadata.google.internal/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://METADATA.google.internal./", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://metadata/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://[fd00:ec2::254]/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://100.100.100.200/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://10.1.2.3/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://172.16.0.1/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://192.168.1.1/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://100.64.0.1/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://127.0.0.1/", Reason.LOCAL_ADDRESS),
        row("19", "GET", "https://8.8.8.8/", Reason.IP_LITERAL),
        row("20", "GET", "https://localhost/", Reason.LOCAL_ADDRESS),
        row("20", "GET", "https://localhost./", Reason.LOCAL_ADDRESS),
        row("20", "GET", "https://LOCALHOST/", Reason.LOCAL_ADDRESS),
        row("20", "GET", "https://app.localhost/", Reason.LOCAL_ADDRESS),
        row("20", "GET", "https://printer.local/", Reason.LOCAL_ADDRESS),
        row("20", "GET", "https://intranet/", Reason.LOCAL_ADDRESS),
        row("idn", "GET", "https://\u0435xample.com/", Reason.NOT_ALLOWLISTED),
        row("idn", "GET", "https://example\u3002com/", null),
        row("idn", "GET", "https://example\uff0ecom/", null),
        row("idn", "GET", "https://\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com/", null),
        row("idn", "GET", "https://\uff11\uff12\uff17.0.0.1/", Reason.LOCAL_ADDRESS),
        row("idn", "GET", "https://xn--e1awd7f.com/", Reason.NOT_ALLOWLISTED),
        row("idn", "GET", "https://xn--.com/", Reason.MALFORMED_URL),
        row("idn", "GET", "https://exa%6dple.com/", Reason.MALFORMED_URL),
        row("idn", "GET", "https://exa_mple.com/", Reason.MALFORMED_URL));
  }

  private static Arguments row(String row, String method, String url, @Nullable Reason reason) {
    return Arguments.of(row, method, url, reason);
  }

  @ParameterizedTest(name = "row {0}: {1} {2} → {3}")
  @MethodSource("rows")
  void eachInputGetsTheTablesVerdictAndReason(
      String row, String method, String url, @Nullable Reason reason) {
    Verdict verdict = TABLE.judge(method, url);

    assertThat(verdict.allowed()).as(verdict.message()).isEqualTo(reason == null);
    assertThat(verdict.reason()).as(verdict.message()).isEqualTo(reason);
  }

  @Nested
  class LocalAddresses {

    @Test
    void areAdmittedWhenARuleNamesThatExactLiteral() {
      Policy policy =
          Policy.compile(
              new PolicySpec(
                  List.of(
                      RuleSpec.host("127.0.0.1"),
                      RuleSpec.host("[::1]"),
                      RuleSpec.host("localhost"),
                      RuleSpec.host("db.internal")),
                  null));

      assertThat(policy.judge("GET", "https://127.0.0.1/").allowed()).isTrue();
      assertThat(policy.judge("GET", "https://[0:0:0:0:0:0:0:1]/").allowed()).isTrue();
      assertThat(policy.judge("GET", "https://localhost./").allowed()).isTrue();
      assertThat(policy.judge("GET", "https://db.internal/").allowed()).isTrue();
      assertThat(policy.judge("GET", "https://[::ffff:127.0.0.1]/").reason())
          .isEqualTo(Reason.LOCAL_ADDRESS);
      assertThat(policy.judge("GET", "https://127.0.0.2/").reason())
          .isEqualTo(Reason.LOCAL_ADDRESS);
      assertThat(policy.judge("GET", "https://other.localhost/").reason())
          .isEqualTo(Reason.LOCAL_ADDRESS);
    }

    @Test
    void leaveMetadataRefusedEvenWhenARuleNamesIt() {
      assertThatThrownBy(
              () -> Policy.compile(new PolicySpec(List.of(RuleSpec.host("169.254.169.254")), null)))
          .isInstanceOf(ScenarioException.class)
          .hasMessageContaining("allow[0].host")
          .hasMessageContaining("metadata");
    }
  }

  @Nested
  class Precedence {

    @Test
    void letsADenyRuleWinOverAnAllowRuleForTheSameHost() {
      Policy policy =
          Policy.compile(
              new PolicySpec(
                  List.of(RuleSpec.host("files.example.com"), RuleSpec.host("**.example.com")),
                  List.of(RuleSpec.host("files.example.com"))));

      assertThat(policy.judge("GET", "https://files.example.com/").reason())
          .isEqualTo(Reason.DENYLISTED);
      assertThat(policy.judge("GET", "https://example.com/").allowed()).isTrue();
      assertThat(policy.judge("GET", "https://a.files.example.com/").allowed()).isTrue();
    }

    @Test
    void letsADenyRuleNarrowedToAMethodDenyOnlyThatMethod() {
      Policy policy =
          Policy.compile(
              new PolicySpec(
                  List.of(RuleSpec.host("example.com")),
                  List.of(new RuleSpec("example.com", null, null, List.of("POST"), null, null))));

      assertThat(policy.judge("GET", "https://example.com/").allowed()).isTrue();
      assertThat(policy.judge("POST", "https://example.com/").reason())
          .isEqualTo(Reason.DENYLISTED);
    }
  }

  @Nested
  class HostPatterns {

    @Test
    void coverTheNameAndItsSubdomainsWithTwoStars() {
      Policy policy =
          Policy.compile(new PolicySpec(List.of(RuleSpec.host("**.example.com")), null));

      assertThat(policy.judge("GET", "https://example.com/").allowed()).isTrue();
      assertThat(policy.judge("GET", "https://a.b.example.com/").allowed()).isTrue();
      assertThat(policy.judge("GET", "https://badexample.com/").reason())
          .isEqualTo(Reason.NOT_ALLOWLISTED);
    }

    @Test
    void matchInternationalNamesByTheirAsciiForm() {
      Policy policy =
          Policy.compile(new PolicySpec(List.of(RuleSpec.host("Bücher.Example")), null));

      assertThat(policy.judge("GET", "https://xn--bcher-kva.example/").allowed()).isTrue();
      assertThat(policy.judge("GET", "https://BÜCHER.example/").allowed()).isTrue();
    }

    @Test
    void allowHttpOnlyWhenARuleSaysSoAndThenOnPort80() {
      Policy policy =
          Policy.compile(
              new PolicySpec(
                  List.of(new RuleSpec("example.com", List.of("http"), null, null, null, null)),
                  null));

      assertThat(policy.judge("GET", "http://example.com/").allowed()).isTrue();
      assertThat(policy.judge("GET", "https://example.com/").reason()).isEqualTo(Reason.SCHEME);
      assertThat(policy.judge("GET", "http://example.com:8080/").reason()).isEqualTo(Reason.PORT);
    }
  }
}
