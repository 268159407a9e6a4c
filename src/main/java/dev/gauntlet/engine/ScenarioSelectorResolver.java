package dev.gauntlet.engine;

import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.gauntlet.engine.ScenarioFiles.Loaded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.commons.io.Resource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Turn directories, files, class path resources and unique ids into file containers and scenario
 * tests. Class path roots and packages arrive here as class path resources, already filtered by
 * {@link ScenarioFolders#RESOURCES}.
 */
final class ScenarioSelectorResolver implements SelectorResolver {

  private final ScenarioFiles files;

  ScenarioSelectorResolver(ScenarioFiles files) {
    this.files = files;
  }

  @Override
  public Resolution resolve(DirectorySelector selector, Context context) {
    List<Path> found;
    try {
      found = ScenarioFolders.scenarioFiles(selector.getPath());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the scenario files under " + selector.getPath(), e);
    }
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    found.forEach(file -> selectors.add(DiscoverySelectors.selectFile(file.toString())));
    return selectors.isEmpty() ? unresolved() : Resolution.selectors(selectors);
  }

  @Override
  public Resolution resolve(FileSelector selector, Context context) {
    Path file = selector.getPath();
    if (!ScenarioFolders.isScenarioFileName(file) || !Files.isRegularFile(file)) {
      return unresolved();
    }
    return resolve(new ScenarioLocation.OnDisk(file), selector.getPosition(), context);
  }

  @Override
  public Resolution resolve(ClasspathResourceSelector selector, Context context) {
    String name = selector.getClasspathResourceName();
    if (!ScenarioFolders.isScenarioFileName(name.substring(name.lastIndexOf('/') + 1))) {
      return unresolved();
    }
    Optional<ScenarioLocation> location = onClasspath(selector);
    return location.isEmpty()
        ? unresolved()
        : resolve(location.get(), selector.getPosition(), context);
  }

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    UniqueId uniqueId = selector.getUniqueId();
    List<UniqueId.Segment> all = uniqueId.getSegments();
    // Under the suite engine, this engine's ids start with the suite's segments, e.g.
    // [engine:junit-platform-suite]/[suite:…]/[engine:gauntlet]/[file:…]: count from our own.
    List<UniqueId.Segment> segments = all.subList(engineSegment(all), all.size());
    if (segments.size() == 2) {
      return locationOf(segments.get(1))
          .map(location -> resolve(location, Optional.empty(), context))
          .orElse(unresolved());
    }
    UniqueId.Segment last = uniqueId.getLastSegment();
    if (segments.size() == 3 && last.getType().equals(FileDescriptor.SCENARIO_SEGMENT)) {
      Supplier<DiscoverySelector> file =
          () -> DiscoverySelectors.selectUniqueId(uniqueId.removeLastSegment());
      return context
          .addToParent(file, parent -> scenarioOf(parent, last.getValue()))
          .map(scenario -> Resolution.match(Match.exact(scenario, scenario::trialSelectors)))
          .orElse(unresolved());
    }
    if (segments.size() == 3 && last.getType().equals(ProblemDescriptor.SEGMENT)) {
      Supplier<DiscoverySelector> file =
          () -> DiscoverySelectors.selectUniqueId(uniqueId.removeLastSegment());
      return context
          .addToParent(file, parent -> problemOf(parent, last.getValue()))
          .map(problem -> Resolution.match(Match.exact(problem)))
          .orElse(unresolved());
    }
    if (segments.size() == 4 && last.getType().equals(TrialDescriptor.SEGMENT)) {
      Supplier<DiscoverySelector> scenario =
          () -> DiscoverySelectors.selectUniqueId(uniqueId.removeLastSegment());
      return context
          .addToParent(scenario, parent -> trialOf(parent, last.getValue()))
          .map(trial -> Resolution.match(Match.exact(trial)))
          .orElse(unresolved());
    }
    return unresolved();
  }

  private Resolution resolve(
      ScenarioLocation location, Optional<FilePosition> position, Context context) {
    Loaded loaded = files.load(location);
    if (loaded instanceof Loaded.Broken broken) {
      return context
          .addToParent(
              parent ->
                  Optional.of(
                      new BrokenFileDescriptor(
                          location.uniqueId(parent.getUniqueId()), location, broken.problems())))
          .map(descriptor -> Resolution.match(Match.exact(descriptor)))
          .orElse(unresolved());
    }
    Loaded.Scenarios scenarios = (Loaded.Scenarios) loaded;
    return context
        .addToParent(
            parent ->
                Optional.of(
                    new FileDescriptor(
                        location.uniqueId(parent.getUniqueId()), location, scenarios.result())))
        .map(
            file ->
                Resolution.match(
                    Match.exact(
                        file,
                        () ->
                            position.isPresent()
                                ? file.selectAt(position.get().getLine())
                                : file.selectAll())))
        .orElse(unresolved());
  }

  private static int engineSegment(List<UniqueId.Segment> segments) {
    for (int i = segments.size() - 1; i > 0; i--) {
      if (segments.get(i).getType().equals("engine")) {
        return i;
      }
    }
    return 0;
  }

  private static Optional<TrialDescriptor> trialOf(TestDescriptor parent, String trial) {
    if (!(parent instanceof ScenarioDescriptor scenario) || !trial.matches("[1-9][0-9]{0,8}")) {
      return Optional.empty();
    }
    return scenario.trial(Integer.parseInt(trial));
  }

  private static Optional<ScenarioDescriptor> scenarioOf(TestDescriptor parent, String id) {
    return parent instanceof FileDescriptor file ? file.scenario(id) : Optional.empty();
  }

  private static Optional<ProblemDescriptor> problemOf(TestDescriptor parent, String position) {
    return parent instanceof FileDescriptor file ? file.problem(position) : Optional.empty();
  }

  private static Optional<ScenarioLocation> locationOf(UniqueId.Segment segment) {
    if (segment.getType().equals(ScenarioLocation.FILE_SEGMENT)) {
      // A relative path is read from the working folder, as the id was made; an absolute one, as
      // ids held before they became relative, still selects its file.
      Path file;
      try {
        file = Path.of(segment.getValue());
      } catch (InvalidPathException e) {
        return Optional.empty();
      }
      return Files.isRegularFile(file)
          ? Optional.of(new ScenarioLocation.OnDisk(file))
          : Optional.empty();
    }
    if (segment.getType().equals(ScenarioLocation.RESOURCE_SEGMENT)) {
      return onClasspath(DiscoverySelectors.selectClasspathResource(segment.getValue()));
    }
    return Optional.empty();
  }

  /**
   * The first resource of that name: two class path entries that hold the same scenario file name
   * would share one unique id, so only the first is used.
   */
  private static Optional<ScenarioLocation> onClasspath(ClasspathResourceSelector selector) {
    Set<Resource> resources;
    try {
      resources = selector.getResources();
    } catch (PreconditionViolationException e) {
      return Optional.empty();
    }
    return resources.stream()
        .findFirst()
        .map(resource -> new ScenarioLocation.OnClasspath(resource.getName(), pathOf(resource)));
  }

  private static Path pathOf(Resource resource) {
    URI uri = resource.getUri();
    if ("jar".equals(uri.getScheme())) {
      try {
        FileSystems.newFileSystem(uri, Map.of());
      } catch (FileSystemAlreadyExistsException e) {
        // Another resource of the same jar opened it; it stays open for the life of the JVM so that
        // scenarios can read seed files beside them during execution.
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open " + uri, e);
      }
    }
    return Path.of(uri);
  }
}
