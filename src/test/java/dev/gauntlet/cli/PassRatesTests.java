package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Print the pass rates of repeated scenarios after a run's totals. */
class PassRatesTests {

  @Test
  void eachRepeatedScenarioGetsItsPassHatAndPassAtForEveryK() throws Exception {
    String summary =
        """
        {"scenarios": {"flaky": {"trials": 4, "passed": 2, "excluded": 1,
          "passHat": {"1": 0.5, "2": 0.16666666666666666, "3": 0.0, "4": 0.0},
          "passAt": {"1": 0.5, "2": 0.8333333333333334, "3": 1.0, "4": 1.0}}},
         "passHat": {"1": 0.5}, "passAt": {"1": 0.5}}
        """;

    String block = PassRates.format(new ObjectMapper().readTree(summary));

    assertThat(block)
        .isEqualTo(
            """
            Pass rates over trials (pass^k: all k pass; pass@k: at least one of k passes)
              flaky  2 of 4 passed, 1 excluded (the harness failed)
                pass^k  0.500  0.167  0.000  0.000
                pass@k  0.500  0.833  1.000  1.000
            """);
  }

  @Test
  void aRunWithoutRepeatedScenariosPrintsNothing() throws Exception {
    assertThat(PassRates.format(new ObjectMapper().readTree("{}"))).isEmpty();
  }
}
