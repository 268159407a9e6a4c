package dev.gauntlet.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Write small scenario files for tests, each passing unless it is told otherwise. */
final class ScenarioFilesOnDisk {

  /** The folder of the shipped test suite under the test resources. */
  static final String SUITE_PACKAGE = "dev.gauntlet.engine.suite";

  private ScenarioFilesOnDisk() {}

  /** A scenario that writes a file and expects what it wrote. */
  static String passing(String id) {
    return """
        id: %s
        name: Scenario %s writes a file
        tags: [generated]
        budget: { steps: 10, wallClock: 10s }
        agent:
          scripted:
            - write: { path: out.txt, content: "done" }
            - read: out.txt
        expect:
          outcome: success
          files:
            out.txt: { equals: "done" }
        """
        .formatted(id, id);
  }

  /** A scenario whose two file expectations cannot hold. */
  static String failing(String id) {
    return """
        id: %s
        name: Scenario %s expects what it never wrote
        budget: { steps: 10, wallClock: 10s }
        agent:
          scripted:
            - write: { path: out.txt, content: "done" }
        expect:
          outcome: success
          files:
            out.txt: { contains: "something else" }
            missing.txt: { exists: true }
        """
        .formatted(id, id);
  }

  /** Write a file, creating its folders. */
  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
