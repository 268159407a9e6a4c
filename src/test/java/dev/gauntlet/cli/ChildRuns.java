package dev.gauntlet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Start {@code gauntlet} in a JVM of its own, on this test's class path, and check what it left.
 */
final class ChildRuns {

  private ChildRuns() {}

  /** Start {@code gauntlet <args>} with a small heap and its own temporary folder. */
  static Process start(Path tmp, Path output, String heap, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(heap);
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  /** The {@code gauntlet-*} entries a run left in a temporary folder. */
  static List<Path> leftovers(Path tmp) throws IOException {
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries.filter(path -> path.getFileName().toString().startsWith("gauntlet")).toList();
    }
  }

  /** The processes still alive whose command line names {@code marker}, e.g. a temporary folder. */
  static List<String> processesNaming(String marker) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(process -> process.info().commandLine().orElse(""))
        .filter(line -> line.contains(marker))
        .toList();
  }
}
