package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A suggestion is offered only when the word is plausibly a misspelling of it. */
class NearestTests {

  @Test
  void aMisspellingIsMatchedToTheWordItMeant() {
    assertThat(Nearest.of("pgae", List.of("page", "step"))).isEqualTo("page");
    assertThat(Nearest.of("retry_after_ignord", List.of("retry_after_ignored", "not_retried")))
        .isEqualTo("retry_after_ignored");
    assertThat(Nearest.of("backof", List.of("attempts", "backoff", "budget"))).isEqualTo("backoff");
    assertThat(Nearest.of("clik", List.of("click", "open", "type"))).isEqualTo("click");
    assertThat(Nearest.of("al", List.of("none", "once", "all"))).isEqualTo("all");
    assertThat(Nearest.of("idd", List.of("id", "name"))).isEqualTo("id");
  }

  @Test
  void aShortWordIsNotMatchedToAnUnrelatedShortOne() {
    assertThat(Nearest.of("dir", List.of("i", "last", "step"))).isNull();
    assertThat(Nearest.of("sh", List.of("i", "last", "step"))).isNull();
    assertThat(Nearest.of("dir", List.of("repeat", "as", "do"))).isNull();
    assertThat(Nearest.of("x", List.of("id", "name"))).isNull();
  }

  @Test
  void withoutAPlausibleMatchTheHintListsEveryChoice() {
    assertThat(Nearest.unknownKey("dir", List.of("repeat", "as", "do")))
        .isEqualTo("unknown key 'dir'; expected one of as, do, repeat");
  }
}
