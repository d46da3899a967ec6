package org.wangge.api.importing;

/**
 * Component codes to one {@code long} each: codes as their numeric value (16 or 17 digits of a
 * county starting with a non-zero digit, so distinct codes have distinct positive values), in an
 * open-addressing table with linear probing, without a boxed key, value or node per entry. Kept at
 * most three quarters full. Not thread-safe; a published table is only read.
 */
final class CodeTable {

  private long[] keys; // 0: free (no code is 0)
  private long[] values;
  private int size;

  CodeTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected + expected / 3)) << 1;
    keys = new long[capacity];
    values = new long[capacity];
  }

  private CodeTable(long[] keys, long[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** A copy to add to, this one unchanged. */
  CodeTable copy() {
    return new CodeTable(keys.clone(), values.clone(), size);
  }

  /**
   * Stores {@code value} for {@code code} unless the code is there already.
   *
   * @param code a positive code value
   * @return the value stored before, or {@code absent} when the code is new
   */
  long putIfAbsent(long code, long value, long absent) {
    int i = slot(code);
    if (keys[i] == code) {
      return values[i];
    }
    insert(i, code, value);
    return absent;
  }

  /** Stores {@code value} for {@code code} (a positive code value), replacing any earlier one. */
  void put(long code, long value) {
    int i = slot(code);
    if (keys[i] == code) {
      values[i] = value;
    } else {
      insert(i, code, value);
    }
  }

  /** Whether {@code code} is stored with exactly {@code value}; false for a code not stored. */
  boolean holds(long code, long value) {
    if (code <= 0) {
      return false;
    }
    int i = slot(code);
    return keys[i] == code && values[i] == value;
  }

  int size() {
    return size;
  }

  /** The slot holding {@code code}, or the free slot where it would go. */
  private int slot(long code) {
    if (code <= 0) {
      throw new IllegalArgumentException("code value " + code + " must be positive");
    }
    int mask = keys.length - 1;
    long h = code * 0x9E3779B97F4A7C15L;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (keys[i] != code && keys[i] != 0) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void insert(int i, long code, long value) {
    keys[i] = code;
    values[i] = value;
    if (++size * 4 > keys.length * 3) {
      long[] oldKeys = keys;
      long[] oldValues = values;
      keys = new long[oldKeys.length * 2];
      values = new long[oldValues.length * 2];
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldKeys[j] != 0) {
          int k = slot(oldKeys[j]);
          keys[k] = oldKeys[j];
          values[k] = oldValues[j];
        }
      }
    }
  }
}
