package dev.gauntlet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassRateTests {

  private static final double EXACT = 1e-12;

  @Test
  void passHatOfFivePassesInEightTrialsMatchesTheHandCalculation() {
    PassRate rate = new PassRate(8, 5, 0);

    // C(5,k) / C(8,k): 5/8, 10/28, 10/56, 5/70, 1/56, then 0 once k exceeds the 5 passes.
    assertThat(rate.passHat(1)).isCloseTo(5.0 / 8, within(EXACT));
    assertThat(rate.passHat(2)).isCloseTo(10.0 / 28, within(EXACT));
    assertThat(rate.passHat(3)).isCloseTo(10.0 / 56, within(EXACT));
    assertThat(rate.passHat(4)).isCloseTo(5.0 / 70, within(EXACT));
    assertThat(rate.passHat(5)).isCloseTo(1.0 / 56, within(EXACT));
    assertThat(rate.passHat(6)).isZero();
    assertThat(rate.passHat(8)).isZero();
  }

  @Test
  void passAtOfFivePassesInEightTrialsMatchesTheHandCalculation() {
    PassRate rate = new PassRate(8, 5, 0);

    // 1 - C(3,k) / C(8,k): 1 - 3/8, 1 - 3/28, 1 - 1/56, then 1 once k exceeds the 3 failures.
    assertThat(rate.passAt(1)).isCloseTo(1 - 3.0 / 8, within(EXACT));
    assertThat(rate.passAt(2)).isCloseTo(1 - 3.0 / 28, within(EXACT));
    assertThat(rate.passAt(3)).isCloseTo(1 - 1.0 / 56, within(EXACT));
    assertThat(rate.passAt(4)).isEqualTo(1.0);
  }

  @Test
  void theRunFigureIsTheMeanOverScenariosThatHaveKTrials() {
    List<PassRate> scenarios =
        List.of(new PassRate(8, 5, 0), new PassRate(8, 8, 0), new PassRate(2, 1, 1));

    assertThat(PassRate.passHat(scenarios, 2))
        .hasValueCloseTo((10.0 / 28 + 1 + 0) / 3, within(EXACT));
    assertThat(PassRate.passHat(scenarios, 3)).hasValueCloseTo((10.0 / 56 + 1) / 2, within(EXACT));
    assertThat(PassRate.passHat(scenarios, 9)).isEmpty();
  }

  @Test
  void kOutsideTheCountedTrialsIsRefusedWithTheRule() {
    PassRate rate = new PassRate(6, 4, 2);

    assertThatThrownBy(() -> rate.passHat(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and the 6 trials counted");
  }
}
