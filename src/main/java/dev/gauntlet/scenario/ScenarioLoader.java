package dev.gauntlet.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Load scenario files and validate every part of every scenario in them. A file may hold several
 * scenarios separated by {@code ---}; a file with any problem yields no scenario at all, so that
 * half a file never runs, except for an id used twice: only the later scenario is refused, as JUnit
 * reports a duplicate while the rest still runs. The format is described by {@code
 * scenario.schema.json} next to this class.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioLoader {

  private final YamlFrontDoor frontDoor;

  /** Create a loader that reads through {@link YamlFrontDoor#standard()}. */
  public ScenarioLoader() {
    this(YamlFrontDoor.standard());
  }

  /** Create a loader that reads through the given front door, e.g. one with other limits. */
  public ScenarioLoader(YamlFrontDoor frontDoor) {
    this.frontDoor = frontDoor;
  }

  /**
   * Load the scenarios of one file, in document order.
   *
   * @throws ScenarioException carrying every problem of the file, an id used twice included, when
   *     there is at least one
   */
  public List<Scenario> load(Path file) {
    LoadResult result = loadAll(List.of(file));
    if (result.hasProblems()) {
      throw new ScenarioException(result.problems());
    }
    return result.scenarios();
  }

  /**
   * Load the scenarios of many files, collecting the problems of bad files instead of throwing. An
   * id already used by an earlier scenario (in the order given, in the same file or an earlier one)
   * refuses the later scenario with a problem that names both places; the rest of its file still
   * loads.
   */
  public LoadResult loadAll(Collection<Path> files) {
    List<Scenario> scenarios = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, Origin> firstUse = new HashMap<>();
    Map<Origin, String> ids = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        for (Loaded loaded : loadFile(file)) {
          ids.put(loaded.idOrigin(), loaded.scenario().id());
          Origin first = firstUse.putIfAbsent(loaded.scenario().id(), loaded.idOrigin());
          if (first == null) {
            scenarios.add(loaded.scenario());
          } else {
            problems.add(duplicate(loaded, first));
          }
        }
      } catch (ScenarioException e) {
        problems.addAll(e.problems());
      }
    }
    return new LoadResult(scenarios, problems, ids);
  }

  /**
   * Return every scenario of a file, those whose id an earlier one has included; throw when any
   * other problem spoils the file, with every problem, ids used twice included.
   */
  private List<Loaded> loadFile(Path file) {
    List<YamlDocument> documents = frontDoor.read(file);
    if (documents.isEmpty()) {
      throw new ScenarioException(
          new Problem(file, 0, 0, "", "no scenario: the file is empty or holds only comments"));
    }
    List<Loaded> loaded = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    boolean broken = false;
    Map<String, Origin> firstUse = new HashMap<>();
    for (YamlDocument document : documents) {
      ScenarioReader reader = new ScenarioReader(document, frontDoor.limits().maxFileBytes());
      Scenario scenario = reader.read();
      problems.addAll(reader.problems());
      broken |= !reader.problems().isEmpty();
      Origin idOrigin = reader.idOrigin();
      if (scenario == null || idOrigin == null) {
        continue;
      }
      Loaded one = new Loaded(scenario, idOrigin);
      loaded.add(one);
      Origin first = firstUse.putIfAbsent(scenario.id(), idOrigin);
      if (first != null) {
        problems.add(duplicate(one, first));
      }
    }
    if (broken) {
      throw new ScenarioException(problems);
    }
    return loaded;
  }

  private static Problem duplicate(Loaded loaded, Origin first) {
    Origin at = loaded.idOrigin();
    return new Problem(
        at.file(),
        at.line(),
        at.column(),
        "id",
        "duplicate id '"
            + loaded.scenario().id()
            + "', already used at "
            + first
            + "; ids must be unique across a run, so this scenario does not run");
  }

  /** A scenario and where its id was written. */
  private record Loaded(Scenario scenario, Origin idOrigin) {}
}
