package dev.gauntlet.network;

import dev.gauntlet.scenario.KeyPath;
import dev.gauntlet.scenario.Located;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.ScenarioException;
import dev.gauntlet.scenario.YamlDocument;
import dev.gauntlet.scenario.YamlFrontDoor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Decide which requests may leave the sandbox: default deny, allow rules by host pattern, scheme,
 * port and method, and deny rules that win over every allow rule. Loopback, private, link-local and
 * similar addresses, and names such as {@code localhost}, are refused unless an allow rule names
 * that exact literal; cloud metadata is refused always.
 *
 * <p>A policy is checked when compiled: it refuses {@code *}, a wildcard over a public suffix such
 * as {@code *.com} or {@code *.co.uk} (see {@link PublicSuffixes} for the built-in list), and any
 * rule that can never match, naming the rule. Host patterns are looked up in hash maps, label by
 * label, so a decision costs no regular expression. A policy is immutable and can be shared by
 * scenarios; rate limits are kept per scenario by its {@link NetworkScope}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Policy {

  /** The methods HTTP defines; CONNECT is left out because the gateway does not tunnel. */
  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

  private static final Pattern RATE =
      Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(s|sec|second|m|min|minute|h|hour)\\s*");

  private static final Policy DENY_ALL = new Policy(List.of(), List.of());

  private final List<Rule> allowRules;
  private final List<Rule> denyRules;
  private final Map<String, List<Rule>> allowExact = new HashMap<>();
  private final Map<String, List<Rule>> allowBelow = new HashMap<>();
  private final Map<String, List<Rule>> allowAtAndBelow = new HashMap<>();
  private final Map<String, List<Rule>> denyExact = new HashMap<>();
  private final Map<String, List<Rule>> denyBelow = new HashMap<>();
  private final Map<String, List<Rule>> denyAtAndBelow = new HashMap<>();

  private Policy(List<Rule> allowRules, List<Rule> denyRules) {
    this.allowRules = List.copyOf(allowRules);
    this.denyRules = List.copyOf(denyRules);
    index(allowRules, allowExact, allowBelow, allowAtAndBelow);
    index(denyRules, denyExact, denyBelow, denyAtAndBelow);
  }

  /** Return the policy that denies every request. */
  public static Policy denyAll() {
    return DENY_ALL;
  }

  /**
   * Check and compile a policy written in code rather than loaded from a file; problems name the
   * rule by its key path, e.g. {@code allow[1].host}.
   *
   * @throws ScenarioException naming every rule that is refused
   */
  public static Policy compile(PolicySpec spec) {
    Path where = Path.of("policy");
    return compile(
        spec, KeyPath.ROOT, (path, message) -> new Problem(where, 0, 0, path.toString(), message));
  }

  /**
   * Load a policy file such as {@code scenarios/policies/shared.yaml} through the {@link
   * YamlFrontDoor}; every problem names the file, line, column and key path, e.g. {@code
   * policies/x.yaml:4:11 allow[1].host}.
   *
   * @throws ScenarioException when the file cannot be read, bound, or holds a refused rule
   */
  public static Policy load(Path file) {
    List<Located<PolicySpec>> documents = YamlFrontDoor.standard().readAll(file, PolicySpec.class);
    if (documents.size() != 1) {
      throw new ScenarioException(
          new Problem(
              file,
              0,
              0,
              "",
              "a policy file holds exactly one document, with 'allow' and 'deny' lists; found "
                  + documents.size()));
    }
    Located<PolicySpec> located = documents.get(0);
    return compile(located.value(), located.document(), KeyPath.ROOT);
  }

  /**
   * Check and compile a policy written inside a larger YAML document, e.g. under {@code
   * network.policy} of a scenario; problems point into that document.
   *
   * @param at where the policy begins in {@code document}
   * @throws ScenarioException naming every rule that is refused
   */
  public static Policy compile(PolicySpec spec, YamlDocument document, KeyPath at) {
    return compile(spec, at, document::problem);
  }

  static Policy compile(
      PolicySpec spec, KeyPath base, BiFunction<KeyPath, String, Problem> problemAt) {
    List<Problem> problems = new ArrayList<>();
    List<Rule> allow = rules(spec.allowRules(), base, "allow", true, problemAt, problems);
    List<Rule> deny = rules(spec.denyRules(), base, "deny", false, problemAt, problems);
    if (!problems.isEmpty()) {
      throw new ScenarioException(problems);
    }
    return new Policy(allow, deny);
  }

  /** Judge a request, e.g. {@code judge("GET", "https://example.com/")}, without sending it. */
  public Verdict judge(String method, String url) {
    UrlFrontDoor.Reading reading = UrlFrontDoor.read(url);
    EgressUrl parsed = reading.url();
    if (parsed == null) {
      return Verdict.deny(
          reading.reason() != null ? reading.reason() : Reason.MALFORMED_URL, reading.message());
    }
    return judge(method.toUpperCase(Locale.ROOT), parsed).verdict();
  }

  /**
   * The verdict on one request, and the allow rule that let it through.
   *
   * @param verdict the verdict
   * @param rule the first allow rule that matches, or null when denied
   */
  record Match(Verdict verdict, @Nullable Rule rule) {}

  Match judge(String method, EgressUrl url) {
    if (Rule.schemeBit(url.scheme()) == 0) {
      return denied(
          Reason.SCHEME,
          "the scheme '" + url.scheme() + "' is not supported; the gateway speaks https and http");
    }
    if (url.locality() == IpAddresses.Locality.METADATA) {
      return denied(
          Reason.LOCAL_ADDRESS,
          url.authorityHost() + " serves cloud metadata and is always refused");
    }
    for (Rule rule : candidates(url, denyExact, denyBelow, denyAtAndBelow)) {
      if (rule.allowsScheme(url.scheme())
          && rule.allowsPort(url.port())
          && rule.allowsMethod(method)) {
        return denied(
            Reason.DENYLISTED, "the deny rule " + rule + " matches " + url.authorityHost());
      }
    }
    List<Rule> candidates = candidates(url, allowExact, allowBelow, allowAtAndBelow);
    if (url.locality() == IpAddresses.Locality.LOCAL) {
      candidates.removeIf(rule -> rule.pattern().coverage() != Rule.Coverage.EXACT);
    }
    if (candidates.isEmpty()) {
      return denied(hostReason(url), hostMessage(url));
    }
    Rule first = null;
    boolean scheme = false;
    boolean port = false;
    for (Rule rule : candidates) {
      boolean schemeOk = rule.allowsScheme(url.scheme());
      boolean portOk = schemeOk && rule.allowsPort(url.port());
      scheme |= schemeOk;
      port |= portOk;
      if (portOk && rule.allowsMethod(method) && (first == null || rule.index() < first.index())) {
        first = rule;
      }
    }
    if (first != null) {
      return new Match(Verdict.ALLOW, first);
    }
    if (!scheme) {
      return denied(
          Reason.SCHEME,
          "no rule for " + url.authorityHost() + " allows the scheme " + url.scheme());
    }
    if (!port) {
      return denied(
          Reason.PORT, "no rule for " + url.authorityHost() + " allows the port " + url.port());
    }
    return denied(
        Reason.METHOD, "no rule for " + url.authorityHost() + " allows the method " + method);
  }

  /** Return the allow rules, in order. */
  List<Rule> allowRules() {
    return allowRules;
  }

  /** Return the deny rules, in order. */
  List<Rule> denyRules() {
    return denyRules;
  }

  private static Match denied(Reason reason, String message) {
    return new Match(Verdict.deny(reason, message), null);
  }

  private static Reason hostReason(EgressUrl url) {
    if (url.locality() == IpAddresses.Locality.LOCAL) {
      return Reason.LOCAL_ADDRESS;
    }
    return url.kind() == EgressUrl.HostKind.NAME ? Reason.NOT_ALLOWLISTED : Reason.IP_LITERAL;
  }

  private static String hostMessage(EgressUrl url) {
    if (url.locality() == IpAddresses.Locality.LOCAL) {
      return url.authorityHost()
          + " is a local or private address; only an allow rule naming it exactly admits it";
    }
    if (url.kind() != EgressUrl.HostKind.NAME) {
      return "no allow rule names the address " + url.authorityHost();
    }
    return "no allow rule matches the host " + url.host();
  }

  private static List<Rule> candidates(
      EgressUrl url,
      Map<String, List<Rule>> exact,
      Map<String, List<Rule>> below,
      Map<String, List<Rule>> atAndBelow) {
    List<Rule> found = new ArrayList<>(4);
    String host = url.host();
    addAll(found, exact.get(host));
    if (url.kind() != EgressUrl.HostKind.NAME) {
      return found;
    }
    addAll(found, atAndBelow.get(host));
    for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      String parent = host.substring(dot + 1);
      addAll(found, below.get(parent));
      addAll(found, atAndBelow.get(parent));
    }
    return found;
  }

  private static void addAll(List<Rule> found, @Nullable List<Rule> rules) {
    if (rules != null) {
      found.addAll(rules);
    }
  }

  private static void index(
      List<Rule> rules,
      Map<String, List<Rule>> exact,
      Map<String, List<Rule>> below,
      Map<String, List<Rule>> atAndBelow) {
    for (Rule rule : rules) {
      Map<String, List<Rule>> map =
          switch (rule.pattern().coverage()) {
            case EXACT -> exact;
            case SUBDOMAINS -> below;
            case NAME_AND_SUBDOMAINS -> atAndBelow;
          };
      map.computeIfAbsent(rule.pattern().base(), key -> new ArrayList<>()).add(rule);
    }
  }

  private static List<Rule> rules(
      List<RuleSpec> specs,
      KeyPath base,
      String kind,
      boolean allow,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      KeyPath at = base.key(kind).index(i);
      RuleSpec spec = specs.get(i);
      if (spec == null) {
        problems.add(problemAt.apply(at, "the rule is empty; write at least its host"));
        continue;
      }
      int before = problems.size();
      Rule rule = rule(spec, kind + "[" + i + "]", i, allow, at, problemAt, problems);
      if (rule != null && problems.size() == before) {
        rules.add(rule);
      }
    }
    return rules;
  }

  private static @Nullable Rule rule(
      RuleSpec spec,
      String name,
      int index,
      boolean allow,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    String hostText = spec.host();
    if (hostText == null || hostText.isBlank()) {
      problems.add(problemAt.apply(at.key("host"), "the rule " + name + " has no host"));
      return null;
    }
    String label = name + " (" + hostText + ")";
    Rule.HostPattern pattern = pattern(hostText, label, problems, problemAt, at.key("host"));
    int schemes = schemes(spec, allow, label, at.key("schemes"), problemAt, problems);
    int[] ports = ports(spec, allow, schemes, label, at.key("ports"), problemAt, problems);
    Set<String> methods = methods(spec, label, at.key("methods"), problemAt, problems);
    Rule.Rate rate = rate(spec, allow, label, at, problemAt, problems);
    if (pattern == null) {
      return null;
    }
    return new Rule(label, index, pattern, schemes, ports, methods, rate);
  }

  private static Rule.@Nullable HostPattern pattern(
      String text,
      String label,
      List<Problem> problems,
      BiFunction<KeyPath, String, Problem> problemAt,
      KeyPath at) {
    String never = "the rule " + label + " can never match: ";
    if (text.contains("://") || text.contains("/")) {
      problems.add(
          problemAt.apply(
              at,
              never
                  + "the host field holds a URL or a path; write the host alone, e.g. "
                  + "'example.com', and schemes under 'schemes'"));
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.equals("*") || trimmed.equals("**") || trimmed.equals("*.") || trimmed.isEmpty()) {
      problems.add(
          problemAt.apply(
              at,
              "the rule "
                  + label
                  + " allows every host; name the hosts, e.g. 'example.com' or '*.example.com'"));
      return null;
    }
    Rule.Coverage coverage = Rule.Coverage.EXACT;
    String base = trimmed;
    if (trimmed.startsWith("**.")) {
      coverage = Rule.Coverage.NAME_AND_SUBDOMAINS;
      base = trimmed.substring(3);
    } else if (trimmed.startsWith("*.")) {
      coverage = Rule.Coverage.SUBDOMAINS;
      base = trimmed.substring(2);
    }
    if (base.indexOf('*') >= 0) {
      problems.add(
          problemAt.apply(
              at,
              "the rule "
                  + label
                  + " puts '*' inside the name; a wildcard may only be the first label, as in"
                  + " '*.example.com' or '**.example.com'"));
      return null;
    }
    if (base.indexOf(':') >= 0 && !base.startsWith("[")) {
      String hint =
          base.indexOf(':') == base.lastIndexOf(':')
              ? "write the port under 'ports'"
              : "write an IPv6 address in brackets, e.g. '[::1]'";
      problems.add(problemAt.apply(at, never + "the host holds ':'; " + hint));
      return null;
    }
    UrlFrontDoor.HostReading reading = UrlFrontDoor.readHost(base);
    String host = reading.host();
    if (host == null) {
      problems.add(problemAt.apply(at, never + reading.message()));
      return null;
    }
    if (coverage != Rule.Coverage.EXACT) {
      if (reading.kind() != EgressUrl.HostKind.NAME) {
        problems.add(
            problemAt.apply(at, never + "a wildcard applies to names, not to IP addresses"));
        return null;
      }
      if (PublicSuffixes.isPublicSuffix(host)) {
        problems.add(
            problemAt.apply(
                at,
                "the rule "
                    + label
                    + " allows every name under the public suffix '"
                    + host
                    + "'; name a domain below it, e.g. '*.example."
                    + host
                    + "'"));
        return null;
      }
      if (reading.locality() != IpAddresses.Locality.PUBLIC) {
        problems.add(
            problemAt.apply(
                at, never + "local names are admitted only by a rule naming each one exactly"));
        return null;
      }
    } else if (reading.locality() == IpAddresses.Locality.METADATA) {
      problems.add(
          problemAt.apply(at, never + host + " serves cloud metadata, which is always refused"));
      return null;
    }
    return new Rule.HostPattern(coverage, host);
  }

  private static int schemes(
      RuleSpec spec,
      boolean allow,
      String label,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    List<String> schemes = spec.schemes();
    if (schemes == null) {
      return allow ? Rule.HTTPS : Rule.HTTP | Rule.HTTPS;
    }
    if (schemes.isEmpty()) {
      problems.add(
          problemAt.apply(at, "the rule " + label + " can never match: it lists no scheme"));
    }
    int bits = 0;
    for (int i = 0; i < schemes.size(); i++) {
      String scheme = String.valueOf(schemes.get(i)).toLowerCase(Locale.ROOT);
      int bit = Rule.schemeBit(scheme);
      if (bit == 0) {
        problems.add(
            problemAt.apply(
                at.index(i),
                "the rule "
                    + label
                    + " names the scheme '"
                    + schemes.get(i)
                    + "', which the gateway does not speak; use https or http"));
      }
      bits |= bit;
    }
    return bits;
  }

  private static int @Nullable [] ports(
      RuleSpec spec,
      boolean allow,
      int schemes,
      String label,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    List<Integer> ports = spec.ports();
    if (ports == null) {
      if (!allow) {
        return null;
      }
      Set<Integer> defaults = new LinkedHashSet<>();
      if ((schemes & Rule.HTTPS) != 0) {
        defaults.add(443);
      }
      if ((schemes & Rule.HTTP) != 0) {
        defaults.add(80);
      }
      return defaults.stream().mapToInt(Integer::intValue).toArray();
    }
    if (ports.isEmpty()) {
      problems.add(problemAt.apply(at, "the rule " + label + " can never match: it lists no port"));
    }
    int[] result = new int[ports.size()];
    for (int i = 0; i < ports.size(); i++) {
      Integer port = ports.get(i);
      if (port == null || port < 1 || port > 65535) {
        problems.add(
            problemAt.apply(
                at.index(i),
                "the rule "
                    + label
                    + " can never match: the port "
                    + port
                    + " is not from 1 to 65535"));
        continue;
      }
      result[i] = port;
    }
    return result;
  }

  private static @Nullable Set<String> methods(
      RuleSpec spec,
      String label,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    List<String> methods = spec.methods();
    if (methods == null) {
      return null;
    }
    if (methods.isEmpty()) {
      problems.add(
          problemAt.apply(at, "the rule " + label + " can never match: it lists no method"));
    }
    Set<String> result = new LinkedHashSet<>();
    for (int i = 0; i < methods.size(); i++) {
      String method = String.valueOf(methods.get(i)).toUpperCase(Locale.ROOT);
      if (!METHODS.contains(method)) {
        problems.add(
            problemAt.apply(
                at.index(i),
                "the rule "
                    + label
                    + " names the method '"
                    + methods.get(i)
                    + "', which is not an HTTP method the gateway forwards; use one of "
                    + String.join(", ", new java.util.TreeSet<>(METHODS))));
      }
      result.add(method);
    }
    return Set.copyOf(result);
  }

  private static Rule.@Nullable Rate rate(
      RuleSpec spec,
      boolean allow,
      String label,
      KeyPath at,
      BiFunction<KeyPath, String, Problem> problemAt,
      List<Problem> problems) {
    String rate = spec.rate();
    Integer burst = spec.burst();
    if (rate == null) {
      if (burst != null) {
        problems.add(
            problemAt.apply(
                at.key("burst"),
                "the rule " + label + " sets a burst without a rate; add e.g. 'rate: 10/s'"));
      }
      return null;
    }
    if (!allow) {
      problems.add(
          problemAt.apply(
              at.key("rate"), "the rule " + label + " is a deny rule, where a rate means nothing"));
      return null;
    }
    Matcher matcher = RATE.matcher(rate);
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      problems.add(
          problemAt.apply(
              at.key("rate"),
              "the rule "
                  + label
                  + " has the rate '"
                  + rate
                  + "'; write a positive count per s, m or h, e.g. '10/s'"));
      return null;
    }
    long tokens = Long.parseLong(matcher.group(1));
    Duration period =
        switch (matcher.group(2).charAt(0)) {
          case 's' -> Duration.ofSeconds(1);
          case 'm' -> Duration.ofMinutes(1);
          default -> Duration.ofHours(1);
        };
    if (burst != null && burst < 1) {
      problems.add(
          problemAt.apply(
              at.key("burst"),
              "the rule " + label + " has the burst " + burst + "; it must be 1 or more"));
      return null;
    }
    return new Rule.Rate(tokens, period, burst == null ? tokens : burst);
  }
}
