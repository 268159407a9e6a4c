package dev.gauntlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.loop.RunResult;
import dev.gauntlet.loop.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Gauntlet#run} from a user's own test: it leaves nothing behind once it returns. */
class GauntletRunTests {

  private static final Path NETWORKED = Path.of("scenarios/network/catalog-sync.yaml");

  @RegisterExtension final KeptWorkspaces kept = new KeptWorkspaces();

  @Test
  void aPassingNetworkedRunLeavesNoMockServerFolderBehind() throws IOException {
    List<Path> before = mockFolders();

    RunResult run = kept.of(Gauntlet.run(NETWORKED));

    assertThat(run.results()).allMatch(ScenarioResult::passed);
    assertThat(mockFolders()).isSubsetOf(before);
  }

  private static List<Path> mockFolders() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith("gauntlet-mocks"))
          .toList();
    }
  }
}
