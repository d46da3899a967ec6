package org.wangge.api.component;

import java.util.Arrays;

/**
 * Sorting the ids a box query finds: a least-significant-digit radix sort on 11-bit digits, which
 * for the few hundred to few thousand ids below 2^22 of one box takes a fraction of the time of
 * {@link Arrays#sort(int[])} (that sort was 6% of the service's CPU per box query).
 */
final class Ids {

  private static final int BITS = 11;
  static final int RADIX = 1 << BITS;

  private Ids() {}

  /** Sorts {@code ids[0..count)} (all ≥ 0) ascending, in place. */
  static void sort(int[] ids, int count) {
    sort(ids, count, count < 64 ? null : new int[count], count < 64 ? null : new int[RADIX]);
  }

  /**
   * Sorts {@code ids[0..count)} (all ≥ 0) ascending, in place, with the caller's scratch arrays:
   * {@code spare} of at least {@code count} and {@code counts} of {@link #RADIX} ints (their
   * contents are overwritten; unused below 64 ids).
   */
  static void sort(int[] ids, int count, int[] spare, int[] counts) {
    if (count < 64) {
      Arrays.sort(ids, 0, count);
      return;
    }
    int max = 0;
    for (int i = 0; i < count; i++) {
      max |= ids[i];
    }
    if (max < 0) {
      throw new IllegalArgumentException("ids must not be negative");
    }
    int[] from = ids;
    int[] to = spare;
    int passes = 0;
    for (int shift = 0; shift == 0 || (max >>> shift) != 0; shift += BITS) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < count; i++) {
        counts[(from[i] >>> shift) & (RADIX - 1)]++;
      }
      int sum = 0;
      for (int d = 0; d < RADIX; d++) {
        int c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (int i = 0; i < count; i++) {
        int v = from[i];
        to[counts[(v >>> shift) & (RADIX - 1)]++] = v;
      }
      int[] t = from;
      from = to;
      to = t;
      passes++;
    }
    if ((passes & 1) == 1) {
      System.arraycopy(from, 0, ids, 0, count);
    }
  }
}
