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
  void theLongestDurationIsAHundredThousandHours() {
    assertThat(Durations.parse("100000h")).isEqualTo(Durations.LONGEST);
    assertThat(Durations.parse("99999h59m59s1000ms")).isEqualTo(Durations.LONGEST);
    assertThat(Durations.parse("100000h1ms")).isNull();
    assertThat(Durations.parse("2147483648s")).isNull();
    assertThat(Durations.parse("99999999999999999999999h")).isNull();
  }

  @Test
  void aDurationTooLongIsRefusedWithTheLongest() {
    assertThat(Durations.whyNot("10000000h"))
        .isEqualTo("is too long: a duration is at most 100000h (about 11 years)");
    assertThat(Durations.whyNot("99999999999999999999999h"))
        .isEqualTo("is too long: a duration is at most 100000h (about 11 years)");
  }

  @Test
  void decimalsAndUnitsBelowAMillisecondAreRefusedWithTheRule() {
    String rule =
        "is not a duration: write whole numbers of ms, s, m or h, such as 1500ms or 1m30s";

    assertThat(Durations.whyNot("1.5s")).isEqualTo(rule);
    assertThat(Durations.whyNot("1ns")).isEqualTo(rule);
    assertThat(Durations.whyNot("500us")).isEqualTo(rule);
    assertThat(Durations.whyNot("30")).isEqualTo(rule);
    assertThat(Durations.whyNot("")).isEqualTo(rule);
  }

  @Test
  void noTimeAtAllIsRefusedAsSuch() {
    assertThat(Durations.whyNot("0s"))
        .isEqualTo("is no time at all: write a duration longer than 0, such as 500ms or 30s");
    assertThat(Durations.whyNot("0h0ms")).isEqualTo(Durations.whyNot("0s"));
  }

  @Test
  void aDurationThatIsReadHasNoReasonToBeRefused() {
    assertThat(Durations.whyNot("1h30m")).isNull();
    assertThat(Durations.whyNot("100000h")).isNull();
  }

  @Test
  void durationsAreWrittenTheWayTheyAreRead() {
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Durations.LONGEST)).isEqualTo("100000h");
  }
}
