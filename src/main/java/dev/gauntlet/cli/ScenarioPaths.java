package dev.gauntlet.cli;

import dev.gauntlet.engine.GauntletTestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turn the paths a user named into a discovery request for the Gauntlet engine alone. Paths are
 * passed on as written, so that problems name files the way the user did.
 */
final class ScenarioPaths {

  /** What {@code run} and {@code validate} read when no path is named. */
  static final Path DEFAULT = Path.of("scenarios");

  private ScenarioPaths() {}

  /**
   * Start a request that selects folders and files, refusing a path that does not exist.
   *
   * @throws ParameterException naming the first missing path
   */
  static LauncherDiscoveryRequestBuilder request(CommandLine command, List<Path> named) {
    List<Path> paths = named.isEmpty() ? List.of(DEFAULT) : named;
    List<DiscoverySelector> selectors = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        selectors.add(DiscoverySelectors.selectDirectory(path.toString()));
      } else if (Files.isRegularFile(path)) {
        selectors.add(DiscoverySelectors.selectFile(path.toString()));
      } else {
        throw new ParameterException(
            command,
            "No such file or folder: "
                + path
                + (named.isEmpty()
                    ? " (the default; name the scenario files or folders to use)"
                    : ""));
      }
    }
    return LauncherDiscoveryRequestBuilder.request()
        .selectors(selectors)
        .filters(EngineFilter.includeEngines(GauntletTestEngine.ENGINE_ID));
  }
}
