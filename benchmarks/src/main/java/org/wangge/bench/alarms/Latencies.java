package org.wangge.bench.alarms;

import java.util.Arrays;

/**
 * Latency samples in microseconds and their percentiles (nearest rank). Thread-safe: samples may
 * come from callback threads.
 */
final class Latencies {

  /** A summary in milliseconds. */
  record Summary(long count, double p50, double p90, double p99, double p999, double max) {

    static final Summary EMPTY =
        new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    String compact() {
      return count == 0
          ? "–"
          : String.format(
              "%s / %s / %s / %s / %s ms", ms(p50), ms(p90), ms(p99), ms(p999), ms(max));
    }

    static String ms(double v) {
      if (Double.isNaN(v)) {
        return "–";
      }
      return v < 10 ? String.format("%.1f", v) : String.format("%.0f", v);
    }
  }

  private long[] micros = new long[1 << 14];
  private int size;

  synchronized void add(long latencyMicros) {
    if (size == micros.length) {
      micros = Arrays.copyOf(micros, size * 2);
    }
    micros[size++] = latencyMicros;
  }

  synchronized long count() {
    return size;
  }

  synchronized Summary summary() {
    if (size == 0) {
      return Summary.EMPTY;
    }
    long[] sorted = Arrays.copyOf(micros, size);
    Arrays.sort(sorted);
    return new Summary(
        size,
        rank(sorted, 0.50),
        rank(sorted, 0.90),
        rank(sorted, 0.99),
        rank(sorted, 0.999),
        sorted[size - 1] / 1000.0);
  }

  /** Nearest rank: the smallest sample with at least {@code q} of the samples at or below it. */
  static double rank(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
  }
}
