package dev.gauntlet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Turn Allure results into the HTML report with the Allure command line, as Maven unpacks it from
 * Maven Central ({@code io.qameta.allure:allure-commandline}, a zip holding {@code
 * allure-<version>/bin/allure}). The command line runs on the Java that runs this one.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class AllureCommandLine {

  private final Path executable;

  private AllureCommandLine(Path executable) {
    this.executable = executable;
  }

  /**
   * Find the command line in the folder Maven unpacked it to, e.g. {@code
   * target/allure-commandline}, or in an {@code allure-<version>} folder itself.
   */
  public static Optional<AllureCommandLine> find(Path folder) throws IOException {
    String script = isWindows() ? "allure.bat" : "allure";
    Path direct = folder.resolve("bin").resolve(script);
    if (Files.isRegularFile(direct)) {
      return Optional.of(new AllureCommandLine(direct));
    }
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(folder)) {
      return homes
          .filter(home -> String.valueOf(home.getFileName()).startsWith("allure-"))
          .map(home -> home.resolve("bin").resolve(script))
          .filter(Files::isRegularFile)
          .sorted()
          .reduce((first, second) -> second)
          .map(AllureCommandLine::new);
    }
  }

  /** Return the script that starts the command line. */
  public Path executable() {
    return executable;
  }

  /**
   * Say why {@code report} may not receive the report of {@code results}, or nothing when it may.
   * The command line empties the report folder before it writes, so only a folder that is absent,
   * empty or an earlier Allure report may be given: never the results, a folder holding them or
   * inside them, nor a folder of anything else.
   */
  public static Optional<String> whyNotReplace(Path results, Path report) throws IOException {
    Path resultsPath = real(results);
    Path reportPath = real(report);
    if (resultsPath.startsWith(reportPath) || reportPath.startsWith(resultsPath)) {
      return Optional.of(
          "The report folder "
              + report
              + " overlaps the results "
              + results
              + "; the report replaces its folder's contents, so give a folder of its own");
    }
    if (!Files.exists(report) || isEmptyFolder(report) || isReport(report)) {
      return Optional.empty();
    }
    return Optional.of(
        "The report folder "
            + report
            + " holds files that are not an Allure report; the report replaces its folder's"
            + " contents, so give a new or empty folder, or an earlier report's");
  }

  /**
   * Generate the HTML report of {@code results} into {@code report}, replacing what it held, with
   * the command line's output passed through to this process's; return its exit code.
   *
   * @throws IllegalArgumentException when {@link #whyNotReplace} says the report may not go there
   * @throws IOException when the command line cannot be started
   * @throws InterruptedException when interrupted while it runs
   */
  public int generate(Path results, Path report) throws IOException, InterruptedException {
    Optional<String> refusal = whyNotReplace(results, report);
    if (refusal.isPresent()) {
      throw new IllegalArgumentException(refusal.get());
    }
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("generate");
    command.add("--clean");
    command.add("-o");
    command.add(report.toString());
    command.add(results.toString());
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    executable.toFile().setExecutable(true);
    return builder.start().waitFor();
  }

  /** Allure 2 writes these two beside its data; nothing else is likely to hold both. */
  private static boolean isReport(Path folder) {
    return Files.isRegularFile(folder.resolve("index.html"))
        && Files.isDirectory(folder.resolve("widgets"));
  }

  private static boolean isEmptyFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }

  /**
   * The path with the links of its existing part followed, so that two names of one folder match.
   */
  private static Path real(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    return existing.toRealPath().resolve(existing.relativize(absolute));
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
  }
}
