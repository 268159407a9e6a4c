package dev.gauntlet.engine;

import dev.gauntlet.scenario.LoadResult;
import dev.gauntlet.scenario.Problem;
import dev.gauntlet.scenario.Scenario;
import dev.gauntlet.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/** Load scenario files for one discovery, each file once however many selectors reach it. */
final class ScenarioFiles {

  private final DiscoveryIssueReporter issues;
  private final ScenarioLoader loader = new ScenarioLoader();
  private final Map<Path, Loaded> loaded = new HashMap<>();

  ScenarioFiles(DiscoveryIssueReporter issues) {
    this.issues = issues;
  }

  /** The scenarios of a file, or its problems, already reported. */
  Loaded load(ScenarioLocation location) {
    return loaded.computeIfAbsent(
        location.path().toAbsolutePath().normalize(), path -> read(location));
  }

  private Loaded read(ScenarioLocation location) {
    // Problems are reported by the tests that stand for them, once sharding has chosen those.
    LoadResult result = loader.loadAll(List.of(location.path()));
    if (result.scenarios().isEmpty()) {
      return new Loaded.Broken(result.problems());
    }
    result.scenarios().forEach(scenario -> reportInvalidTags(location, scenario));
    return new Loaded.Scenarios(result);
  }

  private void reportInvalidTags(ScenarioLocation location, Scenario scenario) {
    for (String tag : scenario.tags()) {
      if (!TestTag.isValid(tag)) {
        issues.reportIssue(
            DiscoveryIssue.builder(
                    Severity.WARNING,
                    scenario.origin()
                        + " tags: '"
                        + tag
                        + "' is not a valid JUnit tag (it must not be blank or hold a space,"
                        + " a control character or any of , ( ) & | !), so scenario '"
                        + scenario.id()
                        + "' runs without it")
                .source(location.source(scenario.origin().line(), scenario.origin().column())));
      }
    }
  }

  /** What loading one file gave. */
  sealed interface Loaded {

    /**
     * The file's scenarios, in file order, the problems that each refused one scenario alone, such
     * as an id used twice, and where each id was written.
     */
    record Scenarios(LoadResult result) implements Loaded {}

    /** The file could not be loaded. */
    record Broken(List<Problem> problems) implements Loaded {

      public Broken {
        problems = List.copyOf(problems);
      }
    }
  }
}
