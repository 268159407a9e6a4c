package dev.gauntlet.agent.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonDiffTests {

  @Test
  void namesEachDifferenceByItsPointer() {
    var expected = CassetteFile.parseOrKeep("{\"a\":[1,2],\"b\":{\"c\":\"x\"},\"gone\":true}");
    var actual = CassetteFile.parseOrKeep("{\"a\":[1,3,4],\"b\":{\"c\":\"y\"},\"new\":null}");

    var lines = JsonDiff.between(expected, actual, 10);

    assertThat(lines)
        .containsExactly(
            "/a/1: expected 2 but was 3",
            "/a/2: not expected, was 4",
            "/b/c: expected \"x\" but was \"y\"",
            "/gone: missing, expected true",
            "/new: not expected, was null");
  }

  @Test
  void countsTheDifferencesBeyondTheLimit() {
    var lines =
        JsonDiff.between(
            CassetteFile.parseOrKeep("[1,2,3,4]"), CassetteFile.parseOrKeep("[5,6,7,8]"), 2);

    assertThat(lines).hasSize(3).last().isEqualTo("… and 2 more differences");
  }
}
