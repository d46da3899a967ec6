package org.wangge.api.importing;

/**
 * The row each component code was first seen in, for duplicate detection within one file: codes as
 * their numeric value (16 or 17 digits of a county starting with a non-zero digit, so distinct
 * codes have distinct values), in an open-addressing table without a boxed key, value or node per
 * entry. Not thread-safe.
 */
final class CodeRows {

  private long[] keys; // 0: free (no code is 0)
  private long[] rows;
  private int size;

  CodeRows(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    rows = new long[capacity];
  }

  /**
   * Remembers {@code row} for {@code code} unless the code was seen before.
   *
   * @param code a positive code value
   * @return the earlier row of this code, or -1 when this is its first
   */
  long putIfAbsent(long code, long row) {
    if (code <= 0) {
      throw new IllegalArgumentException("code value " + code + " must be positive");
    }
    int mask = keys.length - 1;
    for (int i = slot(code, mask); ; i = (i + 1) & mask) {
      if (keys[i] == code) {
        return rows[i];
      }
      if (keys[i] == 0) {
        keys[i] = code;
        rows[i] = row;
        if (++size * 2 > keys.length) {
          grow();
        }
        return -1;
      }
    }
  }

  int size() {
    return size;
  }

  private static int slot(long code, int mask) {
    long h = code * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldRows = rows;
    keys = new long[oldKeys.length * 2];
    rows = new long[oldRows.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != 0) {
        int i = slot(oldKeys[j], mask);
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        rows[i] = oldRows[j];
      }
    }
  }
}
