package org.wangge.ingest.log;

import java.time.Duration;

/** Exponential back-off between retries of a failed batch: doubles from min up to max. */
record BackOff(Duration min, Duration max) {

  BackOff {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("back-off needs 0 < min <= max, got " + min + ", " + max);
    }
  }

  /** The wait before retry number {@code attempt} (1 = the first retry). */
  Duration delay(int attempt) {
    long millis = min.toMillis();
    for (int i = 1; i < attempt && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }
}
