package org.wangge.bench.alarms;

/**
 * An open-loop schedule: message {@code i} is due at {@code start + i / rate}, whatever happened to
 * the messages before it. A generator that falls behind sends the overdue messages at once and
 * keeps their scheduled times, so a slow system cannot slow the offered load down and hide its own
 * queueing (no coordinated omission). Times are {@link System#nanoTime()} values.
 */
final class Pacer {

  private final long startNanos;
  private final double ratePerSecond;

  Pacer(long startNanos, double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate " + ratePerSecond + "/s is not positive");
    }
    this.startNanos = startNanos;
    this.ratePerSecond = ratePerSecond;
  }

  /** When message {@code i} (from 0) is due. */
  long dueNanos(long i) {
    return startNanos + (long) (i * 1e9 / ratePerSecond);
  }

  /** How many messages are due by {@code nowNanos}: the ones with index below the result. */
  long dueBy(long nowNanos) {
    if (nowNanos < startNanos) {
      return 0;
    }
    long n = (long) ((nowNanos - startNanos) * ratePerSecond / 1e9) + 1;
    // Rounding of the two divisions can disagree by one at an exact boundary.
    while (n > 0 && dueNanos(n - 1) > nowNanos) {
      n--;
    }
    while (dueNanos(n) <= nowNanos) {
      n++;
    }
    return n;
  }

  /** How many messages a run of {@code seconds} sends. */
  long messagesIn(double seconds) {
    return Math.round(seconds * ratePerSecond);
  }
}
