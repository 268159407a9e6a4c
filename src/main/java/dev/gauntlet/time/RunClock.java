package dev.gauntlet.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * Keep a run's time: every wait of the harness, its tools and its agents goes through one clock.
 *
 * <p>A {@linkplain #virtual virtual} clock (the default for scenarios) starts at a pinned instant
 * and moves only when something waits: {@link #sleep} advances it at once, so ten minutes of
 * backoff take no real time and show in the trace as simulated time. A {@linkplain #real real}
 * clock really waits, for latency benchmarks. Both pin the time zone, so that formatted timestamps
 * do not depend on the machine.
 *
 * <p>Simulated time ({@link #elapsed}) is kept apart from the real time the loop measures for each
 * stage: a virtual clock never reads the machine's clock. It counts nanoseconds in a {@code long},
 * so it stops at about 292 years of simulated time instead of wrapping around: no duration of a
 * scenario comes near that ({@link Durations#LONGEST} is about 11 years), but some 26 of the
 * longest waits in one trial would reach it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class RunClock {

  /** Where a virtual clock starts unless told otherwise: a fixed instant, so traces repeat. */
  public static final Instant VIRTUAL_EPOCH = Instant.parse("2030-01-01T00:00:00Z");

  private final ZoneId zone;

  private RunClock(ZoneId zone) {
    this.zone = zone;
  }

  /** Return a virtual clock that starts at {@link #VIRTUAL_EPOCH} in UTC. */
  public static RunClock virtual() {
    return virtual(VIRTUAL_EPOCH, ZoneOffset.UTC);
  }

  /** Return a virtual clock that starts at {@code start} in {@code zone}. */
  public static RunClock virtual(Instant start, ZoneId zone) {
    return new Virtual(start, zone);
  }

  /** Return a clock that reads the machine's time and really waits, in {@code zone}. */
  public static RunClock real(ZoneId zone) {
    return new Real(zone);
  }

  /** Return whether waits advance the clock at once instead of taking real time. */
  public abstract boolean isVirtual();

  /** Return the current instant. */
  public abstract Instant instant();

  /** Return the time since the clock started: simulated for a virtual clock, real otherwise. */
  public abstract Duration elapsed();

  /**
   * Wait for {@code duration}: a virtual clock advances at once, a real one sleeps.
   *
   * @throws InterruptedException when a real wait is interrupted
   */
  public abstract void sleep(Duration duration) throws InterruptedException;

  /** Return the pinned time zone. */
  public ZoneId zone() {
    return zone;
  }

  /** Return this clock as a {@link Clock}, for libraries that take one. */
  public Clock asClock() {
    RunClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return self.zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        throw new UnsupportedOperationException("A run's time zone is pinned: " + self.zone);
      }

      @Override
      public Instant instant() {
        return self.instant();
      }
    };
  }

  private static final class Virtual extends RunClock {

    /** The most simulated time a count of nanoseconds holds, about 292 years. */
    private static final Duration MOST = Duration.ofNanos(Long.MAX_VALUE);

    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    Virtual(Instant start, ZoneId zone) {
      super(zone);
      this.start = start;
    }

    @Override
    public boolean isVirtual() {
      return true;
    }

    @Override
    public Instant instant() {
      return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public Duration elapsed() {
      return Duration.ofNanos(elapsedNanos.get());
    }

    @Override
    public void sleep(Duration duration) {
      if (duration.isNegative()) {
        return;
      }
      long nanos = duration.compareTo(MOST) >= 0 ? Long.MAX_VALUE : duration.toNanos();
      elapsedNanos.accumulateAndGet(
          nanos,
          (elapsed, wait) -> wait > Long.MAX_VALUE - elapsed ? Long.MAX_VALUE : elapsed + wait);
    }

    @Override
    public String toString() {
      return "virtual clock at " + instant() + " (" + zone() + ")";
    }
  }

  private static final class Real extends RunClock {

    private final long startNanos = System.nanoTime();

    Real(ZoneId zone) {
      super(zone);
    }

    @Override
    public boolean isVirtual() {
      return false;
    }

    @Override
    public Instant instant() {
      return Instant.now();
    }

    @Override
    public Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      long millis = duration.toMillis();
      if (millis > 0) {
        Thread.sleep(millis);
      }
    }

    @Override
    public String toString() {
      return "real clock (" + zone() + ")";
    }
  }
}
