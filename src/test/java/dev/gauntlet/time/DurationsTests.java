package dev.gauntlet.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTests {

  @Test
  void durationsWithUnitsAreRead() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void textWithoutAUnitOrWithNoTimeIsNotADuration() {
    assertThat(Durations.parse("5")).isNull();
    assertThat(Durations.parse("0s")).isNull();
    assertThat(Durations.parse("5 s")).isNull();
    assertThat(Durations.parse("")).isNull();
  }

  @Test
  void durationsAreWrittenTheWayTheyAreRead() {
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }
}
