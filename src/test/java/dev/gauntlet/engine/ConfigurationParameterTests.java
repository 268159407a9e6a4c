package dev.gauntlet.engine;

import static dev.gauntlet.engine.ScenarioFilesOnDisk.passing;
import static dev.gauntlet.engine.ScenarioFilesOnDisk.write;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import dev.gauntlet.agent.cassette.RecordMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Refuse a configuration parameter whose value breaks its rule with one sentence that names the
 * parameter, the value and the rule, and the nearest valid value where there is one. Every value is
 * checked at discovery, where each refusal is a discovery issue of severity {@code ERROR}, so that
 * the launcher fails the engine before any scenario starts.
 */
class ConfigurationParameterTests {

  private static final String PARALLEL = GauntletTestEngine.PARALLEL_ENABLED_PROPERTY_NAME;
  private static final String STRATEGY = GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "strategy";
  private static final String PARALLELISM =
      GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "fixed.parallelism";

  @TempDir Path dir;
  @TempDir Path reports;

  private final Map<String, String> parameters = new LinkedHashMap<>();

  @BeforeEach
  void writeAScenario() {
    write(dir.resolve("a.yaml"), passing("a"));
  }

  @Nested
  class Booleans {

    @ParameterizedTest
    @ValueSource(
        strings = {
          GauntletTestEngine.KEEP_WORKSPACES_PROPERTY_NAME,
          GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME,
          GauntletTestEngine.PARALLEL_ENABLED_PROPERTY_NAME,
          GauntletTestEngine.FAIL_FAST_PROPERTY_NAME
        })
    void aValueOtherThanTrueOrFalseIsRefusedInsteadOfBeingReadAsFalse(String name) {
      parameters.put(name, "yes-please");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter '" + name + "' is 'yes-please', but must be true or false");
    }

    @Test
    void aWordThatMeansTrueIsRefusedWithTrueAsTheNearestValue() {
      parameters.put(GauntletTestEngine.FAIL_FAST_PROPERTY_NAME, "yes");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.execution.fail-fast' is 'yes', but must be true"
                  + " or false; did you mean 'true'?");
    }

    @Test
    void trueAndFalseAreReadWhateverTheirCase() {
      parameters.put(GauntletTestEngine.KEEP_WORKSPACES_PROPERTY_NAME, "TRUE");
      parameters.put(GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME, " False ");

      EngineDiscoveryResults results = discover();

      assertThat(results.getDiscoveryIssues()).isEmpty();
    }
  }

  @Nested
  class Values {

    @Test
    void aTimeOtherThanVirtualOrRealIsRefusedWithBothChoices() {
      parameters.put(GauntletTestEngine.TIME_PROPERTY_NAME, "fast");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.time' is 'fast', but must be virtual (waits pass"
                  + " at once, the default) or real (waits take real time)");
    }

    @Test
    void aMisspelledTimeIsRefusedWithTheNearestChoice() {
      parameters.put(GauntletTestEngine.TIME_PROPERTY_NAME, "reel");

      List<String> errors = errors(discover());

      assertThat(errors).singleElement(STRING).endsWith("; did you mean 'real'?");
    }

    @Test
    void aTimeIsReadWhateverItsCase() {
      parameters.put(GauntletTestEngine.TIME_PROPERTY_NAME, "Real");

      EngineDiscoveryResults results = discover();

      assertThat(results.getDiscoveryIssues()).isEmpty();
    }

    @Test
    void aSeedThatIsNotAWholeNumberIsRefusedWithAnExample() {
      parameters.put(GauntletTestEngine.SEED_PROPERTY_NAME, "abc");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.seed' is 'abc', but must be a whole number that"
                  + " fits in 64 bits, such as 42");
    }

    @Test
    void aSeedWrittenWithDigitSeparatorsIsRefusedWithTheNumberItMeant() {
      parameters.put(GauntletTestEngine.SEED_PROPERTY_NAME, "1_000_000");

      List<String> errors = errors(discover());

      assertThat(errors).singleElement(STRING).endsWith("; did you mean '1000000'?");
    }

    @Test
    void aShardOutsideItsCountIsRefusedWithTheNearestShard() {
      parameters.put(GauntletTestEngine.SHARD_PROPERTY_NAME, "4/3");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.shard' is '4/3', but must be i/n with 1 <= i <= n;"
                  + " did you mean '3/3'?");
    }

    @Test
    void aShardWrittenInWordsIsRefusedWithTheShardItMeant() {
      parameters.put(GauntletTestEngine.SHARD_PROPERTY_NAME, "2 of 3");

      List<String> errors = errors(discover());

      assertThat(errors).singleElement(STRING).endsWith("; did you mean '2/3'?");
    }

    @Test
    void aShardWithoutNumbersIsRefusedWithAnExample() {
      parameters.put(GauntletTestEngine.SHARD_PROPERTY_NAME, "first");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.shard' is 'first', but must be i/n with"
                  + " 1 <= i <= n, such as 2/3");
    }

    @Test
    void aRunIdThatIsNotOneFolderNameIsRefusedWithAFolderNameMadeFromIt() {
      parameters.put(GauntletTestEngine.RUN_ID_PROPERTY_NAME, "../nightly run");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.run.id' is '../nightly run', but must be one"
                  + " folder name: letters, digits, '.', '_' or '-', not starting with '.'; did"
                  + " you mean 'nightly-run'?");
    }

    @Test
    void aValueWithControlCharactersIsQuotedWithThemEscaped() {
      parameters.put(GauntletTestEngine.TIME_PROPERTY_NAME, "real\u001b[2J");

      List<String> errors = errors(discover());

      assertThat(errors)
          .singleElement(STRING)
          .startsWith("Configuration parameter 'gauntlet.time' is 'real\\u001b[2J', but must be")
          .doesNotContain("\u001b");
    }
  }

  @Nested
  class FilesAndFolders {

    @Test
    void aReportsFolderThatIsAFileIsRefused() {
      Path file = write(dir.resolve("notes.txt"), "not a folder");
      parameters.put(GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, file.toString());

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.reports.dir' is '"
                  + file
                  + "', but must name a folder, new or existing, not a file");
    }

    @Test
    void anAllureResultsFolderThatIsAFileIsRefused() {
      Path file = write(dir.resolve("notes.txt"), "not a folder");
      parameters.put(GauntletTestEngine.ALLURE_RESULTS_DIR_PROPERTY_NAME, file.toString());

      List<String> errors = errors(discover());

      assertThat(errors)
          .singleElement(STRING)
          .startsWith("Configuration parameter 'gauntlet.allure.results.dir' is '" + file + "'");
    }

    @Test
    void aPolicyFileThatDoesNotExistIsRefusedWithWhereItWasLookedFor() {
      parameters.put(GauntletTestEngine.POLICY_PROPERTY_NAME, "no-such-policy.yaml");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.network.policy' is 'no-such-policy.yaml', but"
                  + " must name a network policy file, and there is none at "
                  + Path.of("no-such-policy.yaml").toAbsolutePath());
    }

    @Test
    void aRecoveryPolicyThatIsAFolderIsRefused() {
      parameters.put(GauntletTestEngine.RECOVERY_PROPERTY_NAME, dir.toString());

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.recovery.policy' is '"
                  + dir
                  + "', but must name a recovery policy file, and "
                  + dir
                  + " is a folder");
    }

    @Test
    void aBrokenRecoveryPolicyIsAnErrorThatPointsIntoTheFile() {
      Path broken = write(dir.resolve("policies/broken.yaml"), "attempts: 0\n");
      parameters.put(GauntletTestEngine.RECOVERY_PROPERTY_NAME, broken.toString());

      EngineDiscoveryResults results = discover();

      DiscoveryIssue issue = ScenarioDiscoveryTests.only(results.getDiscoveryIssues());
      assertThat(issue.severity()).isEqualTo(Severity.ERROR);
      assertThat(issue.message())
          .isEqualTo(
              "Configuration parameter 'gauntlet.recovery.policy' names a file with a problem: "
                  + broken
                  + ":1:11 attempts: expected a positive whole number but found the number 0");
      assertThat(issue.source())
          .contains(FileSource.from(broken.toFile(), FilePosition.from(1, 11)));
    }

    @Test
    void theShippedPoliciesAreAccepted() {
      parameters.put(
          GauntletTestEngine.POLICY_PROPERTY_NAME, "scenarios/policies/shop-strict.yaml");
      parameters.put(
          GauntletTestEngine.RECOVERY_PROPERTY_NAME, "scenarios/policies/recovery-impatient.yaml");

      EngineDiscoveryResults results = discover();

      assertThat(results.getDiscoveryIssues()).isEmpty();
    }
  }

  @Nested
  class Parallel {

    @Test
    void anUnknownStrategyIsRefusedWithTheChoices() {
      parameters.put(PARALLEL, "true");
      parameters.put(STRATEGY, "fast");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.execution.parallel.config.strategy' is 'fast',"
                  + " but must be dynamic, fixed or custom");
    }

    @Test
    void aMisspelledStrategyIsRefusedWithTheNearestOne() {
      parameters.put(PARALLEL, "true");
      parameters.put(STRATEGY, "fixd");
      parameters.put(PARALLELISM, "2");

      List<String> errors = errors(discover());

      assertThat(errors).singleElement(STRING).endsWith("; did you mean 'fixed'?");
    }

    @Test
    void aFixedStrategyWithoutAParallelismIsRefused() {
      parameters.put(PARALLEL, "true");
      parameters.put(STRATEGY, "fixed");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.execution.parallel.config.fixed.parallelism' is"
                  + " not set, but must be a whole number of 1 or more when the strategy is fixed,"
                  + " such as 4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2"})
    void aParallelismBelowOneIsRefusedWithOneAsTheNearestValue(String parallelism) {
      parameters.put(PARALLEL, "true");
      parameters.put(STRATEGY, "fixed");
      parameters.put(PARALLELISM, parallelism);

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.execution.parallel.config.fixed.parallelism' is '"
                  + parallelism
                  + "', but must be a whole number of 1 or more; did you mean '1'?");
    }

    @Test
    void aParallelismBeyondWhatAForkJoinPoolCanHoldIsRefusedBeforeTheRun() {
      parameters.put(PARALLEL, "true");
      parameters.put(STRATEGY, "fixed");
      parameters.put(PARALLELISM, "32768");

      List<String> errors = errors(discover());

      assertThat(errors)
          .singleElement(as(STRING))
          .contains("ask for 33024 threads, but a parallel run can have at most 32767");
    }

    @Test
    void aParallelismThatIsNotANumberIsRefusedWithAnExample() {
      parameters.put(PARALLEL, "true");
      parameters.put(STRATEGY, "fixed");
      parameters.put(PARALLELISM, "four");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.execution.parallel.config.fixed.parallelism' is"
                  + " 'four', but must be a whole number of 1 or more, such as 4");
    }

    @Test
    void aMaximumPoolSmallerThanTheParallelismIsRefusedWithTheParallelism() {
      parameters.put(PARALLEL, "true");
      parameters.put(STRATEGY, "fixed");
      parameters.put(PARALLELISM, "4");
      parameters.put(GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "fixed.max-pool-size", "2");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.execution.parallel.config.fixed.max-pool-size' is"
                  + " '2', but must be a whole number no smaller than the parallelism (4); did you"
                  + " mean '4'?");
    }

    @Test
    void aDynamicFactorThatIsNotAPositiveNumberIsRefused() {
      parameters.put(PARALLEL, "true");
      parameters.put(GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "dynamic.factor", "-1");

      List<String> errors = errors(discover());

      assertThat(errors)
          .containsExactly(
              "Configuration parameter 'gauntlet.execution.parallel.config.dynamic.factor' is"
                  + " '-1', but must be a decimal number above 0, such as 1 or 0.5");
    }

    @Test
    void aCustomStrategyClassThatCannotBeLoadedIsRefused() {
      parameters.put(PARALLEL, "true");
      parameters.put(STRATEGY, "custom");
      parameters.put(GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "custom.class", "com.example.No");

      List<String> errors = errors(discover());

      assertThat(errors)
          .singleElement(STRING)
          .startsWith(
              "Configuration parameter 'gauntlet.execution.parallel.config.custom.class' is"
                  + " 'com.example.No', but must name a class that implements"
                  + " ParallelExecutionConfigurationStrategy");
    }

    @Test
    void itsSettingsAreNotCheckedWhileParallelExecutionIsOff() {
      parameters.put(STRATEGY, "fast");

      EngineDiscoveryResults results = discover();

      assertThat(results.getDiscoveryIssues()).isEmpty();
    }
  }

  @Nested
  class Names {

    @Test
    void anUnknownGauntletParameterIsAWarningThatNamesTheOneMeant() {
      parameters.put("gauntlet.keepWorkspaces", "true");

      EngineDiscoveryResults results = discover();

      DiscoveryIssue issue = ScenarioDiscoveryTests.only(results.getDiscoveryIssues());
      assertThat(issue.severity()).isEqualTo(Severity.WARNING);
      assertThat(issue.message())
          .isEqualTo(
              "Configuration parameter 'gauntlet.keepWorkspaces' is not one that Gauntlet reads,"
                  + " so it has no effect; did you mean 'gauntlet.workspace.keep'?");
    }

    @Test
    void anUnknownNameThatMatchesTwoParametersEquallyNamesBoth() {
      parameters.put("gauntlet.policy", "scenarios/policies/shop.yaml");

      List<String> warnings = warnings(discover());

      assertThat(warnings)
          .singleElement(STRING)
          .endsWith("; did you mean 'gauntlet.network.policy' or 'gauntlet.recovery.policy'?");
    }

    @Test
    void anUnknownParallelSettingNamesTheSettingMeant() {
      parameters.put(GauntletTestEngine.PARALLEL_CONFIG_PREFIX + "parallelism", "4");

      List<String> warnings = warnings(discover());

      assertThat(warnings)
          .singleElement(STRING)
          .endsWith("; did you mean 'gauntlet.execution.parallel.config.fixed.parallelism'?");
    }

    @Test
    void anUnknownNameLikeNoParameterListsThemAll() {
      parameters.put("gauntlet.colour", "blue");

      List<String> warnings = warnings(discover());

      assertThat(warnings)
          .singleElement(STRING)
          .startsWith(
              "Configuration parameter 'gauntlet.colour' is not one that Gauntlet reads, so it has"
                  + " no effect; Gauntlet reads gauntlet.reports.dir, gauntlet.run.id,")
          .contains(GauntletTestEngine.SHARD_PROPERTY_NAME);
    }

    @Test
    void parametersOfOtherEnginesAreLeftAlone() {
      parameters.put("junit.jupiter.execution.parallel.enabled", "maybe");
      parameters.put("gauntletish.colour", "blue");

      EngineDiscoveryResults results = discover();

      assertThat(results.getDiscoveryIssues()).isEmpty();
    }

    @Test
    void aRecordModeGivenAsAConfigurationParameterIsAWarningThatItIsReadAsASystemProperty() {
      parameters.put(RecordMode.PROPERTY, "once");

      List<String> warnings = warnings(discover());

      assertThat(warnings)
          .containsExactly(
              "Configuration parameter 'gauntlet.record' has no effect: the record mode is read"
                  + " from the Java system property of that name, so set it with"
                  + " -Dgauntlet.record=once instead");
    }

    @Test
    void aRecordModeSystemPropertyThatIsNoModeIsRefused() {
      String previous = System.getProperty(RecordMode.PROPERTY);
      System.setProperty(RecordMode.PROPERTY, "sometimes");
      try {
        List<String> errors = errors(discover());

        assertThat(errors)
            .containsExactly(
                "System property 'gauntlet.record' is 'sometimes', but must be none, once or all");
      } finally {
        if (previous == null) {
          System.clearProperty(RecordMode.PROPERTY);
        } else {
          System.setProperty(RecordMode.PROPERTY, previous);
        }
      }
    }
  }

  @Nested
  class TheRun {

    @Test
    void reportsEveryBadValueAtOnce() {
      parameters.put(GauntletTestEngine.TIME_PROPERTY_NAME, "fast");
      parameters.put(GauntletTestEngine.SEED_PROPERTY_NAME, "abc");
      parameters.put(GauntletTestEngine.SHARD_PROPERTY_NAME, "4/3");

      List<String> errors = errors(discover());

      assertThat(errors)
          .hasSize(3)
          .anySatisfy(error -> assertThat(error).contains("'gauntlet.time' is 'fast'"))
          .anySatisfy(error -> assertThat(error).contains("'gauntlet.seed' is 'abc'"))
          .anySatisfy(error -> assertThat(error).contains("'gauntlet.shard' is '4/3'"));
    }

    @Test
    void failsTheEngineWithTheSentenceAndNoStackTraceBeforeAnyScenarioStarts() {
      parameters.put(GauntletTestEngine.TIME_PROPERTY_NAME, "fast");

      EngineExecutionResults results = execute();

      results.testEvents().assertStatistics(stats -> stats.started(0));
      Throwable failure = engineFailure(results);
      assertThat(failure.getMessage())
          .contains(
              "Configuration parameter 'gauntlet.time' is 'fast', but must be virtual (waits pass"
                  + " at once, the default) or real (waits take real time)");
      assertThat(failure.getStackTrace()).isEmpty();
      assertThat(reports).isEmptyDirectory();
    }

    @Test
    void runsAsBeforeWhenEveryValueIsGood() {
      parameters.put(GauntletTestEngine.TIME_PROPERTY_NAME, "virtual");
      parameters.put(GauntletTestEngine.SEED_PROPERTY_NAME, "-42");
      parameters.put(GauntletTestEngine.SHARD_PROPERTY_NAME, "1/1");
      parameters.put(GauntletTestEngine.KEEP_WORKSPACES_PROPERTY_NAME, "false");
      parameters.put(GauntletTestEngine.FAIL_FAST_PROPERTY_NAME, "true");
      parameters.put(GauntletTestEngine.ALLURE_ENABLED_PROPERTY_NAME, "false");

      EngineExecutionResults results = execute();

      results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }
  }

  private EngineDiscoveryResults discover() {
    return kit().discover();
  }

  private EngineExecutionResults execute() {
    return kit().execute();
  }

  private EngineTestKit.Builder kit() {
    EngineTestKit.Builder kit =
        EngineTestKit.engine(new GauntletTestEngine())
            .selectors(selectDirectory(dir.toFile()))
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, "run-1");
    parameters.forEach(kit::configurationParameter);
    return kit;
  }

  private static List<String> errors(EngineDiscoveryResults results) {
    return messages(results, Severity.ERROR);
  }

  private static List<String> warnings(EngineDiscoveryResults results) {
    return messages(results, Severity.WARNING);
  }

  private static List<String> messages(EngineDiscoveryResults results, Severity severity) {
    return results.getDiscoveryIssues().stream()
        .filter(issue -> issue.severity() == severity)
        .map(DiscoveryIssue::message)
        .toList();
  }

  private static Throwable engineFailure(EngineExecutionResults results) {
    return results.containerEvents().finished().stream()
        .filter(event -> event.getTestDescriptor().getUniqueId().getSegments().size() == 1)
        .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable())
        .flatMap(Optional::stream)
        .findFirst()
        .orElseThrow();
  }
}
