package dev.gauntlet.cli;

import dev.gauntlet.loop.RunSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Check the options that say where a run writes, before anything runs: a run that cannot write its
 * traces would otherwise fail every scenario as a harness error, one stack trace at a time.
 */
final class OutputOptions {

  private OutputOptions() {}

  /**
   * Refuse a run id that is not one folder name, and a reports or Allure results folder that is a
   * file.
   *
   * @param runId the run id given, or null for one made from the time
   * @param allureResults the Allure results folder given, or null for the default
   * @throws ParameterException naming the option, the value and the rule
   */
  static void check(
      CommandLine command, Path reports, @Nullable String runId, @Nullable Path allureResults) {
    if (runId != null && !RunSettings.isRunId(runId)) {
      throw new ParameterException(
          command, "--run-id must be " + RunSettings.RUN_ID_RULE + ", but was '" + runId + "'");
    }
    folder(command, "--reports", reports);
    if (allureResults != null) {
      folder(command, "--allure-results", allureResults);
    }
  }

  private static void folder(CommandLine command, String option, Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new ParameterException(
          command, option + " must be a folder, but " + folder + " is a file");
    }
  }
}
