package dev.gauntlet.engine;

import static dev.gauntlet.engine.GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.ALLURE_RESULTS_DIR_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.FAIL_FAST_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.KEEP_WORKSPACES_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.PARALLEL_CONFIG_PREFIX;
import static dev.gauntlet.engine.GauntletTestEngine.PARALLEL_ENABLED_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.POLICY_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.RECOVERY_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.RUN_ID_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.SEED_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.SHARD_PROPERTY_NAME;
import static dev.gauntlet.engine.GauntletTestEngine.TIME_PROPERTY_NAME;
import static org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy.CONFIG_CUSTOM_CLASS_PROPERTY_NAME;
import static org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy.CONFIG_DYNAMIC_FACTOR_PROPERTY_NAME;
import static org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy.CONFIG_DYNAMIC_MAX_POOL_SIZE_FACTOR_PROPERTY_NAME;
import static org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy.CONFIG_DYNAMIC_SATURATE_PROPERTY_NAME;
import static org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy.CONFIG_FIXED_MAX_POOL_SIZE_PROPERTY_NAME;
import static org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy.CONFIG_FIXED_PARALLELISM_PROPERTY_NAME;
import static org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy.CONFIG_FIXED_SATURATE_PROPERTY_NAME;
import static org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy.CONFIG_STRATEGY_PROPERTY_NAME;

import dev.gauntlet.agent.cassette.RecordMode;
import dev.gauntlet.loop.RunSettings;
import dev.gauntlet.network.Policy;
import dev.gauntlet.scenario.Nearest;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.RecoverySpec;
import dev.gauntlet.scenario.ScenarioException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;

/**
 * Read the engine's configuration parameters, each by its rule. A value that breaks its rule gets
 * one sentence that names the parameter, the value and the rule, and the nearest valid value where
 * one can be told, e.g. {@code Configuration parameter 'gauntlet.shard' is '4/3', but must be i/n
 * with 1 <= i <= n; did you mean '3/3'?}. A {@code gauntlet.*} name that the engine does not read
 * gets a warning that names the parameter most likely meant.
 *
 * <p>Discovery checks every parameter and reports each broken rule as a discovery issue of severity
 * {@code ERROR}: every launcher takes such an issue as critical and fails the engine with the
 * issue's message before any scenario starts, and without a stack trace. The issue is the right
 * place even for what only execution uses, because the values are the same in both phases and a
 * failure thrown while execution sets up reaches the user as "failed to execute tests" with the
 * reason buried in its cause. Execution reads what it needs again and throws on a broken rule,
 * which happens only when it was given other parameters than discovery.
 */
final class EngineParameters {

  /** The prefix of every parameter the engine reads. */
  private static final String PREFIX = "gauntlet.";

  /** What discovery found: every issue, and the shard to keep, or null for the whole suite. */
  record Checked(List<DiscoveryIssue> issues, @Nullable Shard shard) {

    Checked {
      issues = List.copyOf(issues);
    }
  }

  /**
   * What execution needs to set up a run.
   *
   * @param allureResults the Allure results folder, or null to write none
   */
  record Run(RunSettings settings, @Nullable Path allureResults, boolean failFast) {}

  private static final String TRUE_OR_FALSE = "be true or false";
  private static final String TIME_RULE =
      "be virtual (waits pass at once, the default) or real (waits take real time)";
  private static final String SEED_RULE = "be a whole number that fits in 64 bits";
  private static final String SHARD_RULE = "be i/n with 1 <= i <= n";
  private static final String PARALLELISM_RULE = "be a whole number of 1 or more";
  private static final String FOLDER_RULE = "name a folder, new or existing, not a file";
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern NOT_IN_RUN_ID = Pattern.compile("[^A-Za-z0-9._-]+");
  private static final Pattern DOTS_AND_DASHES_AT_THE_EDGES = Pattern.compile("^[.-]+|-+$");
  private static final int SHOWN_LENGTH = 120;

  /** The most threads a fork-join pool can have. */
  static final int MOST_THREADS = 0x7fff;

  /**
   * The parameters that configure a parallel run, under {@link
   * GauntletTestEngine#PARALLEL_CONFIG_PREFIX}.
   */
  private static final List<String> PARALLEL_SETTINGS =
      List.of(
          CONFIG_STRATEGY_PROPERTY_NAME,
          CONFIG_FIXED_PARALLELISM_PROPERTY_NAME,
          CONFIG_FIXED_MAX_POOL_SIZE_PROPERTY_NAME,
          CONFIG_FIXED_SATURATE_PROPERTY_NAME,
          CONFIG_DYNAMIC_FACTOR_PROPERTY_NAME,
          CONFIG_DYNAMIC_MAX_POOL_SIZE_FACTOR_PROPERTY_NAME,
          CONFIG_DYNAMIC_SATURATE_PROPERTY_NAME,
          CONFIG_CUSTOM_CLASS_PROPERTY_NAME);

  /**
   * Every parameter the engine reads apart from those under {@link
   * GauntletTestEngine#PARALLEL_CONFIG_PREFIX}, including {@link RecordMode#PROPERTY}: it is read
   * as a system property, which a launcher also passes as a configuration parameter.
   */
  private static final List<String> NAMES =
      List.of(
          REPORTS_DIR_PROPERTY_NAME,
          RUN_ID_PROPERTY_NAME,
          KEEP_WORKSPACES_PROPERTY_NAME,
          ALLURE_ENABLED_PROPERTY_NAME,
          ALLURE_RESULTS_DIR_PROPERTY_NAME,
          SEED_PROPERTY_NAME,
          TIME_PROPERTY_NAME,
          PARALLEL_ENABLED_PROPERTY_NAME,
          FAIL_FAST_PROPERTY_NAME,
          SHARD_PROPERTY_NAME,
          POLICY_PROPERTY_NAME,
          RECOVERY_PROPERTY_NAME,
          RecordMode.PROPERTY);

  private final ConfigurationParameters parameters;
  private final List<DiscoveryIssue> issues = new ArrayList<>();

  private EngineParameters(ConfigurationParameters parameters) {
    this.parameters = parameters;
  }

  /** Check every parameter, for discovery, and read the shard. */
  static Checked check(ConfigurationParameters parameters) {
    EngineParameters read = new EngineParameters(parameters);
    read.run();
    read.parallel();
    Shard shard = read.shard();
    read.recordMode();
    read.unknownNames();
    return new Checked(read.issues, shard);
  }

  /**
   * Read how scenarios are executed in parallel, or null when they run one after another.
   *
   * @throws PreconditionViolationException when a value breaks its rule
   */
  static @Nullable ParallelExecutionConfiguration parallel(ConfigurationParameters parameters) {
    EngineParameters read = new EngineParameters(parameters);
    ParallelExecutionConfiguration parallel = read.parallel();
    read.requireValid();
    return parallel;
  }

  /**
   * Read what a run needs: its settings, its Allure results folder and whether it fails fast.
   *
   * @throws PreconditionViolationException when a value breaks its rule
   */
  static Run run(ConfigurationParameters parameters) {
    EngineParameters read = new EngineParameters(parameters);
    Run run = read.run();
    read.requireValid();
    return run;
  }

  private Run run() {
    Path reportsDir = folder(REPORTS_DIR_PROPERTY_NAME).orElse(Path.of("reports"));
    boolean keepWorkspaces = bool(KEEP_WORKSPACES_PROPERTY_NAME, false);
    RunSettings settings =
        runId()
            .map(runId -> new RunSettings(reportsDir, runId, keepWorkspaces))
            .orElseGet(() -> RunSettings.of(reportsDir, keepWorkspaces));
    Optional<Long> seed = seed();
    if (seed.isPresent()) {
      settings = settings.withSeed(seed.get());
    }
    if (realTime()) {
      settings = settings.withRealTime();
    }
    Policy policy = file(POLICY_PROPERTY_NAME, "network policy", Policy::load);
    if (policy != null) {
      settings = settings.withPolicy(policy);
    }
    RecoverySpec recovery = file(RECOVERY_PROPERTY_NAME, "recovery policy", RecoverySpec::load);
    if (recovery != null) {
      settings = settings.withRecovery(recovery);
    }
    boolean allure = bool(ALLURE_ENABLED_PROPERTY_NAME, true);
    Path results =
        folder(ALLURE_RESULTS_DIR_PROPERTY_NAME)
            .orElse(settings.reportsDir().resolve("allure-results"));
    return new Run(settings, allure ? results : null, bool(FAIL_FAST_PROPERTY_NAME, false));
  }

  private Optional<String> runId() {
    Optional<String> runId = text(RUN_ID_PROPERTY_NAME);
    if (runId.isEmpty() || RunSettings.isRunId(runId.get())) {
      return runId;
    }
    String nearest =
        DOTS_AND_DASHES_AT_THE_EDGES
            .matcher(NOT_IN_RUN_ID.matcher(runId.get()).replaceAll("-"))
            .replaceAll("");
    refuse(
        RUN_ID_PROPERTY_NAME,
        runId.get(),
        "be "
            + RunSettings.RUN_ID_RULE
            + (RunSettings.isRunId(nearest) ? didYouMean(nearest) : ""));
    return Optional.empty();
  }

  private Optional<Long> seed() {
    Optional<String> seed = text(SEED_PROPERTY_NAME);
    if (seed.isEmpty()) {
      return Optional.empty();
    }
    Optional<Long> number = parseLong(seed.get());
    if (number.isEmpty()) {
      Optional<Long> meant = parseLong(seed.get().replaceAll("[_,' ]", ""));
      refuse(
          SEED_PROPERTY_NAME,
          seed.get(),
          SEED_RULE + meant.map(n -> didYouMean(n.toString())).orElse(", such as 42"));
    }
    return number;
  }

  private boolean realTime() {
    Optional<String> time = text(TIME_PROPERTY_NAME);
    String lower = time.orElse("virtual").toLowerCase(Locale.ROOT);
    if (time.isPresent() && !lower.equals("virtual") && !lower.equals("real")) {
      String nearest = Nearest.of(lower, List.of("virtual", "real"));
      refuse(TIME_PROPERTY_NAME, time.get(), TIME_RULE + didYouMean(nearest));
    }
    return lower.equals("real");
  }

  private @Nullable Shard shard() {
    Optional<String> shard = text(SHARD_PROPERTY_NAME);
    if (shard.isEmpty()) {
      return null;
    }
    Optional<Shard> parsed = Shard.parse(shard.get());
    if (parsed.isEmpty()) {
      String nearest = nearestShard(shard.get());
      refuse(
          SHARD_PROPERTY_NAME,
          shard.get(),
          SHARD_RULE + (nearest == null ? ", such as 2/3" : didYouMean(nearest)));
    }
    return parsed.orElse(null);
  }

  /** The shard that two numbers in a value make once each is within its bounds, or null. */
  private static @Nullable String nearestShard(String value) {
    List<String> numbers = NUMBER.matcher(value).results().map(MatchResult::group).toList();
    if (numbers.size() != 2 || numbers.stream().anyMatch(number -> number.length() > 6)) {
      return null;
    }
    int count = Math.max(1, Integer.parseInt(numbers.get(1)));
    int index = Math.min(count, Math.max(1, Integer.parseInt(numbers.get(0))));
    return index + "/" + count;
  }

  /** Read a parallel run's settings the way the platform's own engines read theirs. */
  private @Nullable ParallelExecutionConfiguration parallel() {
    if (!bool(PARALLEL_ENABLED_PROPERTY_NAME, false)) {
      return null;
    }
    int before = issues.size();
    DefaultParallelExecutionConfigurationStrategy strategy = strategy();
    if (strategy == DefaultParallelExecutionConfigurationStrategy.FIXED) {
      String parallelismName = PARALLEL_CONFIG_PREFIX + CONFIG_FIXED_PARALLELISM_PROPERTY_NAME;
      Optional<Integer> parallelism = whole(parallelismName, 1, PARALLELISM_RULE, "4");
      if (text(parallelismName).isEmpty()) {
        refuseMissing(parallelismName, PARALLELISM_RULE + " when the strategy is fixed, such as 4");
      }
      int least = parallelism.orElse(1);
      whole(
          PARALLEL_CONFIG_PREFIX + CONFIG_FIXED_MAX_POOL_SIZE_PROPERTY_NAME,
          least,
          "be a whole number no smaller than the parallelism (" + least + ")",
          Integer.toString(least + 256));
      bool(PARALLEL_CONFIG_PREFIX + CONFIG_FIXED_SATURATE_PROPERTY_NAME, true);
    } else if (strategy == DefaultParallelExecutionConfigurationStrategy.DYNAMIC) {
      decimal(
          PARALLEL_CONFIG_PREFIX + CONFIG_DYNAMIC_FACTOR_PROPERTY_NAME,
          BigDecimal.ZERO,
          false,
          "be a decimal number above 0, such as 1 or 0.5");
      decimal(
          PARALLEL_CONFIG_PREFIX + CONFIG_DYNAMIC_MAX_POOL_SIZE_FACTOR_PROPERTY_NAME,
          BigDecimal.ONE,
          true,
          "be a decimal number of 1 or more, such as 256");
      bool(PARALLEL_CONFIG_PREFIX + CONFIG_DYNAMIC_SATURATE_PROPERTY_NAME, true);
    } else if (strategy == DefaultParallelExecutionConfigurationStrategy.CUSTOM
        && text(PARALLEL_CONFIG_PREFIX + CONFIG_CUSTOM_CLASS_PROPERTY_NAME).isEmpty()) {
      refuseMissing(
          PARALLEL_CONFIG_PREFIX + CONFIG_CUSTOM_CLASS_PROPERTY_NAME,
          "name a class that implements ParallelExecutionConfigurationStrategy when the strategy"
              + " is custom");
    }
    if (strategy == null || issues.size() > before) {
      return null;
    }
    return configuration(strategy);
  }

  private @Nullable DefaultParallelExecutionConfigurationStrategy strategy() {
    String name = PARALLEL_CONFIG_PREFIX + CONFIG_STRATEGY_PROPERTY_NAME;
    String value = text(name).orElse("dynamic");
    List<String> choices = List.of("dynamic", "fixed", "custom");
    if (choices.contains(value.toLowerCase(Locale.ROOT))) {
      return DefaultParallelExecutionConfigurationStrategy.valueOf(value.toUpperCase(Locale.ROOT));
    }
    refuse(name, value, "be dynamic, fixed or custom" + didYouMean(Nearest.of(value, choices)));
    return null;
  }

  /**
   * Let the platform make the configuration, which also loads a custom strategy's class; what it
   * refuses beyond the checks above is reported in its own words.
   */
  private @Nullable ParallelExecutionConfiguration configuration(
      DefaultParallelExecutionConfigurationStrategy strategy) {
    try {
      ParallelExecutionConfiguration configuration =
          strategy.createConfiguration(
              new PrefixedConfigurationParameters(parameters, PARALLEL_CONFIG_PREFIX));
      return withinThePool(configuration) ? configuration : null;
    } catch (JUnitException e) {
      String reason = rootCause(e);
      if (strategy == DefaultParallelExecutionConfigurationStrategy.CUSTOM) {
        String name = PARALLEL_CONFIG_PREFIX + CONFIG_CUSTOM_CLASS_PROPERTY_NAME;
        refuse(
            name,
            text(name).orElse(""),
            "name a class that implements ParallelExecutionConfigurationStrategy; " + reason);
      } else {
        error(
            "Configuration parameters under '"
                + PARALLEL_CONFIG_PREFIX
                + "' make no parallel configuration: "
                + reason);
      }
      return null;
    }
  }

  /**
   * Whether the configuration fits a fork-join pool, which refuses more than {@value #MOST_THREADS}
   * threads only when the run starts, with no word of which setting asked for them.
   */
  private boolean withinThePool(ParallelExecutionConfiguration configuration) {
    int asked = Math.max(configuration.getParallelism(), configuration.getMaxPoolSize());
    if (asked <= MOST_THREADS) {
      return true;
    }
    error(
        "Configuration parameters under '"
            + PARALLEL_CONFIG_PREFIX
            + "' ask for "
            + asked
            + " threads, but a parallel run can have at most "
            + MOST_THREADS
            + "; a parallelism of a few times the machine's cores is plenty");
    return false;
  }

  private static String rootCause(Throwable failure) {
    Throwable cause = failure;
    for (Throwable next = cause.getCause(); next != null && next != cause; next = next.getCause()) {
      cause = next;
    }
    if (cause instanceof ClassNotFoundException) {
      return "there is no such class on the class path";
    }
    return String.valueOf(cause.getMessage());
  }

  /**
   * Check the record mode that cassettes read from the system property of that name, since a bad
   * one would otherwise fail each scenario with a cassette in turn.
   */
  private void recordMode() {
    String property = System.getProperty(RecordMode.PROPERTY);
    if (property != null && !property.isBlank()) {
      String mode = property.strip().toLowerCase(Locale.ROOT);
      if (RecordMode.byKey(mode) == null) {
        List<String> modes = Stream.of(RecordMode.values()).map(RecordMode::key).toList();
        error(
            "System property '"
                + RecordMode.PROPERTY
                + "' is '"
                + shown(property)
                + "', but must be none, once or all"
                + didYouMean(Nearest.of(mode, modes)));
      }
    }
    Optional<String> parameter = text(RecordMode.PROPERTY);
    if (parameter.isPresent() && (property == null || !parameter.get().equals(property.strip()))) {
      warning(
          "Configuration parameter '"
              + RecordMode.PROPERTY
              + "' has no effect: the record mode is read from the Java system property of that"
              + " name, so set it with -D"
              + RecordMode.PROPERTY
              + "="
              + shown(parameter.get())
              + " instead");
    }
  }

  /** Warn of each {@code gauntlet.*} parameter that the engine does not read. */
  private void unknownNames() {
    List<String> settings =
        PARALLEL_SETTINGS.stream().map(setting -> PARALLEL_CONFIG_PREFIX + setting).toList();
    List<String> known = Stream.concat(NAMES.stream(), settings.stream()).toList();
    for (String name : new TreeSet<>(parameters.keySet())) {
      if (!name.startsWith(PREFIX) || known.contains(name)) {
        continue;
      }
      List<String> meant = NearestChoice.names(name, known);
      String hint;
      if (!meant.isEmpty()) {
        hint =
            "did you mean "
                + meant.stream()
                    .map(choice -> "'" + choice + "'")
                    .collect(Collectors.joining(" or "))
                + "?";
      } else if (name.startsWith(PARALLEL_CONFIG_PREFIX)) {
        hint = "Gauntlet reads " + String.join(", ", settings);
      } else {
        hint =
            "Gauntlet reads " + String.join(", ", NAMES) + " and " + PARALLEL_CONFIG_PREFIX + "*";
      }
      warning(
          "Configuration parameter '"
              + shown(name)
              + "' is not one that Gauntlet reads, so it has no effect; "
              + hint);
    }
  }

  /** Read a file that a parameter names, with a loader that reports its problems. */
  private <T> @Nullable T file(String name, String kind, Function<Path, T> loader) {
    Optional<String> value = text(name);
    Optional<Path> file = value.flatMap(text -> path(name, text));
    if (value.isEmpty() || file.isEmpty()) {
      return null;
    }
    Path absolute = file.get().toAbsolutePath().normalize();
    if (Files.isDirectory(file.get())) {
      refuse(name, value.get(), "name a " + kind + " file, and " + absolute + " is a folder");
      return null;
    }
    if (!Files.isRegularFile(file.get())) {
      refuse(name, value.get(), "name a " + kind + " file, and there is none at " + absolute);
      return null;
    }
    try {
      return loader.apply(file.get());
    } catch (ScenarioException e) {
      for (Problem problem : e.problems()) {
        issues.add(
            DiscoveryIssue.builder(
                    Severity.ERROR,
                    "Configuration parameter '"
                        + name
                        + "' names a file with a problem: "
                        + problem)
                .source(
                    new ScenarioLocation.OnDisk(problem.file())
                        .source(problem.line(), problem.column()))
                .build());
      }
      return null;
    }
  }

  private Optional<Path> folder(String name) {
    Optional<String> value = text(name);
    Optional<Path> folder = value.flatMap(text -> path(name, text));
    if (folder.isPresent() && Files.exists(folder.get()) && !Files.isDirectory(folder.get())) {
      refuse(name, value.orElseThrow(), FOLDER_RULE);
      return Optional.empty();
    }
    return folder;
  }

  private Optional<Path> path(String name, String value) {
    try {
      return Optional.of(Path.of(value));
    } catch (InvalidPathException e) {
      refuse(name, value, "be a path this system can use, but " + e.getReason());
      return Optional.empty();
    }
  }

  /** Read a boolean: true or false in any case, never anything else read as false. */
  private boolean bool(String name, boolean fallback) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return fallback;
    }
    String lower = value.get().toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return lower.equals("true");
    }
    refuse(name, value.get(), TRUE_OR_FALSE + didYouMean(NearestChoice.bool(value.get())));
    return fallback;
  }

  /**
   * Read a whole number of at least {@code least}; one below it is refused with {@code least} as
   * the nearest value, anything else with the example.
   */
  private Optional<Integer> whole(String name, int least, String rule, String example) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<Long> number = parseLong(value.get());
    if (number.isPresent() && number.get() >= least && number.get() <= Integer.MAX_VALUE) {
      return Optional.of(number.get().intValue());
    }
    boolean tooSmall = number.isPresent() && number.get() < least;
    refuse(
        name,
        value.get(),
        rule + (tooSmall ? didYouMean(Integer.toString(least)) : ", such as " + example));
    return Optional.empty();
  }

  private void decimal(String name, BigDecimal bound, boolean boundAllowed, String rule) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return;
    }
    try {
      int comparison = new BigDecimal(value.get()).compareTo(bound);
      if (comparison > 0 || (boundAllowed && comparison == 0)) {
        return;
      }
    } catch (NumberFormatException e) {
      // Refused below, with the rule.
    }
    refuse(name, value.get(), rule);
  }

  private static Optional<Long> parseLong(String value) {
    try {
      return Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The value of a parameter without surrounding space, or empty when it is unset or blank. */
  private Optional<String> text(String name) {
    return parameters.get(name).map(String::strip).filter(value -> !value.isEmpty());
  }

  /** Refuse a value: the parameter, the value and what it must be, as one sentence. */
  private void refuse(String name, String value, String rule) {
    error("Configuration parameter '" + name + "' is '" + shown(value) + "', but must " + rule);
  }

  private void refuseMissing(String name, String rule) {
    error("Configuration parameter '" + name + "' is not set, but must " + rule);
  }

  private void error(String message) {
    issues.add(DiscoveryIssue.create(Severity.ERROR, message));
  }

  private void warning(String message) {
    issues.add(DiscoveryIssue.create(Severity.WARNING, message));
  }

  private static String didYouMean(@Nullable String nearest) {
    return nearest == null ? "" : "; did you mean '" + nearest + "'?";
  }

  /** Throw the sentences of every broken rule, one a line. */
  private void requireValid() {
    List<String> errors =
        issues.stream()
            .filter(issue -> issue.severity() == Severity.ERROR)
            .map(DiscoveryIssue::message)
            .toList();
    if (!errors.isEmpty()) {
      throw new PreconditionViolationException(String.join("\n", errors));
    }
  }

  /**
   * Quote a value as it can be printed: what does not print is escaped, so that no value can drive
   * the terminal that shows the message, and a long value is cut.
   */
  private static String shown(String value) {
    StringBuilder shown = new StringBuilder();
    value
        .codePoints()
        .forEach(
            codePoint -> {
              int type = Character.getType(codePoint);
              boolean prints =
                  !Character.isISOControl(codePoint)
                      && type != Character.FORMAT
                      && type != Character.UNASSIGNED
                      && type != Character.LINE_SEPARATOR
                      && type != Character.PARAGRAPH_SEPARATOR
                      && type != Character.PRIVATE_USE
                      && type != Character.SURROGATE;
              if (prints) {
                shown.appendCodePoint(codePoint);
              } else {
                for (char unit : Character.toChars(codePoint)) {
                  shown.append(String.format(Locale.ROOT, "\\u%04x", (int) unit));
                }
              }
            });
    return shown.length() <= SHOWN_LENGTH
        ? shown.toString()
        : shown.substring(0, SHOWN_LENGTH - 3) + "...";
  }
}
