package dev.gauntlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspacePathsTests {

  @ParameterizedTest(name = "accepts {0}")
  @ValueSource(
      strings = {
        "plan.md",
        "notes/page-1.md",
        "./notes//a.md",
        "notes/",
        ".",
        "a/../b",
        ".hidden",
        "..hidden",
        "a..b",
        "%252e%252e%252f",
        "100%25.txt",
        "50%",
        "%zz",
        "名前.md",
        " leading-space.md"
      })
  void acceptsPathsThatStayInside(String path) {
    assertThat(WorkspacePaths.violation(path)).isNull();
    assertThat(WorkspacePaths.explanation(path)).isNull();
  }

  @ParameterizedTest(name = "refuses {0} as {1}")
  @CsvSource(
      delimiterString = "| ",
      quoteCharacter = '`',
      value = {
        "``                | empty_path",
        "a\\nb             | control_character",
        "../x              | path_escape",
        "a/../../x         | path_escape",
        "/x                | absolute_path",
        "a\\b              | windows_path",
        "C:x               | windows_path",
        "a:b               | windows_path",
        "name.             | windows_path",
        "a*b               | reserved_character",
        "a?b               | reserved_character",
        "a|b               | reserved_character",
        "a<b>              | reserved_character",
        "%2e%2e            | percent_encoded",
        "%2E%2e/x/../..    | percent_encoded",
        "%0a               | percent_encoded"
      })
  void refusesPathsByTheirText(String path, String reason) {
    String unescaped = path.replace("\\n", "\n");

    assertThat(WorkspacePaths.violation(unescaped)).isEqualTo(reason);
  }

  @Test
  void explainsARefusalNamingThePathAndTheRule() {
    assertThat(WorkspacePaths.explanation("../../etc/passwd"))
        .isEqualTo(
            "Path '../../etc/passwd' climbs out of the workspace through '..'; paths must stay"
                + " inside it.");
  }

  @Test
  void showsControlCharactersAsEscapesInMessages() {
    assertThat(WorkspacePaths.explanation("a.txt\u0000.png")).contains("'a.txt\\0.png'");
    assertThat(WorkspacePaths.explanation("a\nb")).contains("'a\\u000Ab'");
  }

  @Test
  void explainsAnEncodedRefusalWithTheDecodedText() {
    assertThat(WorkspacePaths.explanation("%2e%2e/x"))
        .contains("'%2e%2e/x'")
        .contains("'../x'")
        .contains("path_escape");
  }

  @Test
  void decodesOnlyOnceAndLeavesPlusSignsAndBrokenEscapesAlone() {
    assertThat(WorkspacePaths.decodeOnce("%252e%2E%2f")).isEqualTo("%2e./");
    assertThat(WorkspacePaths.decodeOnce("a+b%zz%4")).isEqualTo("a+b%zz%4");
    assertThat(WorkspacePaths.decodeOnce("%C3%A9t%C3%A9")).isEqualTo("été");
  }

  @Test
  void reducesAPathToTheNamesItWalksThrough() {
    assertThat(WorkspacePaths.names("./a//b/../c/")).containsExactly("a", "c");
    assertThat(WorkspacePaths.names("a/..")).isEmpty();
  }
}
