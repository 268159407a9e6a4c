package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front door binds documents to types for other file formats, with the same kind of problems.
 */
class YamlFrontDoorTests {

  record Rule(@JsonProperty(required = true) String host, @Nullable Integer port) {}

  record Policy(List<Rule> rules) {}

  @TempDir Path dir;

  private final YamlFrontDoor frontDoor = YamlFrontDoor.standard();

  @Test
  void documentsAreBoundToTheGivenTypeAndKeepTheirPlaceInTheFile() throws IOException {
    Path file = write("rules:\n  - host: example.org\n    port: 443\n---\nrules: []\n");

    List<Located<Policy>> policies = frontDoor.readAll(file, Policy.class);

    assertThat(policies)
        .extracting(Located::value)
        .containsExactly(new Policy(List.of(new Rule("example.org", 443))), new Policy(List.of()));
    assertThat(policies.get(1).origin()).isEqualTo(new Origin(file, 5, 1));
    assertThat(policies.get(0).document().origin(KeyPath.ROOT.key("rules").index(0).key("port")))
        .isEqualTo(new Origin(file, 3, 11));
  }

  @Test
  void anUnknownKeyWhileBindingSuggestsTheNearestProperty() throws IOException {
    Path file = write("rules:\n  - host: example.org\n    prot: 443\n");

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(file, 3, 5, "rules[0].prot", "unknown key 'prot'; did you mean 'port'?"));
  }

  @Test
  void aWrongTypeWhileBindingNamesTheExpectedType() throws IOException {
    Path file = write("rules:\n  - host: example.org\n    port: https\n");

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(
            new Problem(
                file,
                3,
                11,
                "rules[0].port",
                "expected a whole number but found the text 'https'"));
  }

  @Test
  void aMissingRequiredPropertyIsNamed() throws IOException {
    Path file = write("rules:\n  - port: 443\n");

    Problem problem = onlyProblem(file);

    assertThat(problem)
        .isEqualTo(new Problem(file, 2, 5, "rules[0].host", "missing required key 'host'"));
  }

  @Test
  void anAliasIsRefusedEvenWithoutItsAnchorSeenFirst() throws IOException {
    Path file = write("rules: *all\n");

    Problem problem = onlyProblem(file);

    assertThat(problem.message())
        .isEqualTo(
            "alias '*all' refused: YAML anchors and aliases are not allowed (alias limit 0);"
                + " write the value out");
  }

  @Test
  void anAnchorOnAScalarIsRefusedLikeOneOnACollection() throws IOException {
    String refused =
        "' refused: YAML anchors and aliases are not allowed (alias limit 0); write the value out";

    assertThat(readProblem("id: &x foo\n"))
        .isEqualTo(new Problem(file(), 1, 5, "id", "anchor '&x" + refused));
    assertThat(readProblem("recovery:\n  attempts: &a 3\n"))
        .isEqualTo(new Problem(file(), 2, 13, "recovery.attempts", "anchor '&a" + refused));
    assertThat(readProblem("tags: [ok, &t \"quoted\"]\n"))
        .isEqualTo(new Problem(file(), 1, 12, "tags[1]", "anchor '&t" + refused));
    assertThat(readProblem("name: &empty\n"))
        .isEqualTo(new Problem(file(), 1, 7, "name", "anchor '&empty" + refused));
    assertThat(readProblem("&k id: foo\n"))
        .isEqualTo(new Problem(file(), 1, 1, "id", "anchor '&k" + refused));
  }

  @Test
  void anAmpersandWithinAValueIsNoAnchor() throws IOException {
    Path file = write("a: \"&x\"\nb: x&y\nc: '&z'\nd: |\n  &w\n");

    assertThat(frontDoor.read(file)).hasSize(1);
  }

  @Test
  void smallerLimitsAreHonoured() throws IOException {
    Path file = write("rules: []\n# a comment that makes the file longer than thirty bytes\n");
    YamlFrontDoor strict = YamlFrontDoor.withLimits(new YamlFrontDoor.Limits(30, 4, 10));

    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> strict.read(file));

    assertThat(thrown.problems())
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .startsWith("file of 67 bytes refused: the limit is 30 bytes");
  }

  private Problem onlyProblem(Path file) {
    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> frontDoor.readAll(file, Policy.class));
    assertThat(thrown).isNotNull();
    assertThat(thrown.problems()).hasSize(1);
    return thrown.problems().get(0);
  }

  private Problem readProblem(String content) throws IOException {
    Path file = write(content);
    ScenarioException thrown =
        catchThrowableOfType(ScenarioException.class, () -> frontDoor.read(file));
    assertThat(thrown).as("reading %s", content).isNotNull();
    assertThat(thrown.problems()).hasSize(1);
    return thrown.problems().get(0);
  }

  private Path file() {
    return dir.resolve("policy.yaml");
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("policy.yaml"), content);
  }
}
