package dev.gauntlet.report;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.gauntlet.engine.GauntletTestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Write scenario files and run them through the engine, as the report tests need. */
final class ReportScenarios {

  private ReportScenarios() {}

  /** A scenario of {@code 2 * pages + 1} steps that writes and reads pages, then a digest. */
  static String pages(String id, int pages, String tags) {
    return """
        id: %s
        name: Write %d pages and a digest
        tags: [%s]
        budget: { steps: %d, wallClock: 10m }
        workspace:
          files:
            plan.md: "Write the pages, then a digest."
            obsolete.md: "to be deleted"
        agent:
          scripted:
            - repeat: %d
              as: n
              do:
                - write: { path: "notes/page-${n}.md", content: "page ${n}" }
                - read: "notes/page-${n}.md"
            - delete: obsolete.md
            - write: { path: digest.md, content: "%d pages" }
        expect:
          outcome: success
          files:
            digest.md: { contains: "%d pages" }
        """
        .formatted(id, pages, tags, 2 * pages + 10, pages, pages, pages);
  }

  /** A scenario whose expectation cannot hold. */
  static String failing(String id) {
    return """
        id: %s
        name: Expect what was never written
        tags: [critical, broken-on-purpose]
        agent:
          scripted:
            - write: { path: out.txt, content: "done" }
        expect:
          files:
            out.txt: { contains: "something else" }
        """
        .formatted(id);
  }

  /** Write a scenario file, creating its folders. */
  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** Run files through the engine with reports under {@code reports} and a fixed run id. */
  static EngineExecutionResults run(Path reports, Path... files) {
    EngineTestKit.Builder builder =
        EngineTestKit.engine(GauntletTestEngine.ENGINE_ID)
            .configurationParameter(
                GauntletTestEngine.REPORTS_DIR_PROPERTY_NAME, reports.toString())
            .configurationParameter(GauntletTestEngine.RUN_ID_PROPERTY_NAME, "run");
    for (Path file : files) {
      builder.selectors(selectFile(file.toString()));
    }
    return builder.execute();
  }
}
