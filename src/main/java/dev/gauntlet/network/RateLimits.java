package dev.gauntlet.network;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Keep one token bucket per allow rule and host, for one scope. */
final class RateLimits {

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final TimeMeter time;

  RateLimits(LongSupplier nanoTime) {
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return nanoTime.getAsLong();
          }

          @Override
          public boolean isWallClockBased() {
            return false;
          }
        };
  }

  /** Take one token for a request to {@code host} under {@code rule}; false when none is left. */
  boolean tryAcquire(Rule rule, String host) {
    Rule.Rate rate = rule.rate();
    if (rate == null) {
      return true;
    }
    Bucket bucket = buckets.computeIfAbsent(rule.label() + " " + host, key -> bucket(rate));
    return bucket.tryConsume(1);
  }

  private Bucket bucket(Rule.Rate rate) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(rate.tokens(), rate.period()))
        .withCustomTimePrecision(time)
        .build();
  }
}
