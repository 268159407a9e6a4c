package dev.gauntlet.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunClockTests {

  @Test
  void aVirtualClockAdvancesByEveryWaitAtOnce() throws InterruptedException {
    RunClock clock = RunClock.virtual();

    clock.sleep(Duration.ofMinutes(12));
    clock.sleep(Duration.ofMillis(500));

    assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(12).plusMillis(500));
    assertThat(clock.instant()).isEqualTo(RunClock.VIRTUAL_EPOCH.plus(clock.elapsed()));
  }

  @Test
  void aVirtualClockStopsAtTheMostItCanCountInsteadOfWrappingAround() throws InterruptedException {
    RunClock clock = RunClock.virtual();

    for (int wait = 0; wait < 30; wait++) {
      clock.sleep(Durations.LONGEST);
    }
    clock.sleep(Duration.ofDays(200_000));

    assertThat(clock.elapsed()).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
  }
}
