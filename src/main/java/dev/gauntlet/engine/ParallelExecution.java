package dev.gauntlet.engine;

import java.util.Locale;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy;
import org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;

/**
 * Build the executor of a parallel run from the parameters under {@value
 * GauntletTestEngine#PARALLEL_CONFIG_PREFIX}, read the way the platform's own engines read theirs:
 * {@code strategy} ({@code dynamic}, the default, {@code fixed} or {@code custom}) and that
 * strategy's settings, such as {@code fixed.parallelism}.
 */
final class ParallelExecution {

  private ParallelExecution() {}

  static HierarchicalTestExecutorService executor(ConfigurationParameters parameters) {
    return new ForkJoinPoolHierarchicalTestExecutorService(configuration(parameters));
  }

  static ParallelExecutionConfiguration configuration(ConfigurationParameters parameters) {
    ConfigurationParameters config =
        new PrefixedConfigurationParameters(parameters, GauntletTestEngine.PARALLEL_CONFIG_PREFIX);
    String name =
        config
            .get(DefaultParallelExecutionConfigurationStrategy.CONFIG_STRATEGY_PROPERTY_NAME)
            .map(String::strip)
            .orElse("dynamic");
    DefaultParallelExecutionConfigurationStrategy strategy;
    try {
      strategy =
          DefaultParallelExecutionConfigurationStrategy.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new PreconditionViolationException(
          "Configuration parameter "
              + GauntletTestEngine.PARALLEL_CONFIG_PREFIX
              + DefaultParallelExecutionConfigurationStrategy.CONFIG_STRATEGY_PROPERTY_NAME
              + " must be dynamic, fixed or custom, but was '"
              + name
              + "'",
          e);
    }
    return strategy.createConfiguration(config);
  }
}
