package org.wangge.api.component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts component rows by code in {@link String#compareTo} order, the order snapshot ids follow.
 * Component codes are 16 or 17 digits under one county prefix, so each row's code after the common
 * prefix fits into a {@code long} (base 11: digit + 1, zero for "ended", which keeps a shorter code
 * before its extensions) together with the row's position, and one primitive sort replaces 649,000
 * string comparisons' worth of TimSort. The sorted keys then answer "which id has this code" by
 * binary search ({@link CodeIds}), so a snapshot needs no hash map of its codes. Codes of any other
 * shape fall back to the comparator and a map. Its methods are thread-safe; a {@link Keys} is
 * filled by one thread and used up by the one sort it is handed to.
 */
public final class CodeOrder {

  private static final Comparator<ComponentRow> BY_CODE = Comparator.comparing(ComponentRow::code);

  /** Digits per radix pass of {@link #radixSort}. */
  private static final int RADIX_BITS = 11;

  private CodeOrder() {}

  /** Rows in code order, and the ids (positions) of their codes. */
  record Sorted(List<ComponentRow> rows, CodeIds ids) {}

  /** A new list of the rows sorted by code; the input is left as it was. */
  static List<ComponentRow> sorted(List<ComponentRow> rows) {
    return sort(rows).rows();
  }

  /** The rows sorted by code (the input is left as it was), with their ids by code. */
  static Sorted sort(List<ComponentRow> rows) {
    int n = rows.size();
    if (n == 0) {
      return new Sorted(new ArrayList<>(), CodeIds.of(List.of()));
    }
    String first = rows.get(0).code();
    int prefix = first.length();
    int longest = 0;
    for (ComponentRow row : rows) {
      String code = row.code();
      prefix = Math.min(prefix, commonPrefix(first, code, prefix));
      longest = Math.max(longest, code.length());
    }
    Keys keys = new Keys(first.substring(0, prefix), longest - prefix, n);
    for (ComponentRow row : rows) {
      keys.add(row.code());
    }
    return sort(rows, keys);
  }

  /**
   * As {@link #sort(List)}, with the keys of {@code rows}' codes already made (an import makes them
   * as it reads, so that only the sort is left once the last row is in).
   */
  static Sorted sort(List<ComponentRow> rows, Keys keys) {
    int n = rows.size();
    int indexBits = n < 2 ? 1 : 64 - Long.numberOfLeadingZeros(n - 1);
    if (!keys.fits() || keys.size() != n || keys.keyBits() + indexBits > 63) {
      List<ComponentRow> out = new ArrayList<>(rows);
      out.sort(BY_CODE);
      return new Sorted(out, CodeIds.of(out));
    }
    long[] k = keys.keys;
    for (int i = 0; i < n; i++) {
      k[i] = k[i] << indexBits | i;
    }
    // stable on the code bits alone: equal codes keep their input order without sorting the index
    k = radixSort(k, n, indexBits, keys.keyBits());
    long mask = (1L << indexBits) - 1;
    List<ComponentRow> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(rows.get((int) (k[i] & mask)));
      k[i] >>>= indexBits;
    }
    keys.keys = null; // handed over to the ids: a later sort with these keys compares strings
    keys.fits = false;
    return new Sorted(out, CodeIds.of(keys.prefix, keys.width, k, n));
  }

  /**
   * The keys of codes of one shape, a given prefix followed by at most {@code width} digits, made
   * one by one as codes come. {@link #fits()} turns false for good at the first code of another
   * shape (the sort then falls back to comparing strings). Not thread-safe.
   */
  public static final class Keys {

    private final String prefix;
    private final int width;
    private long[] keys;
    private int size;
    private boolean fits;

    /**
     * Keys for codes starting with {@code prefix} and at most {@code width} digits after it ({@code
     * width} ≤ 17), room for {@code expected} made ahead.
     */
    public Keys(String prefix, int width, int expected) {
      this.prefix = prefix;
      this.width = width;
      this.keys = new long[Math.max(16, expected)];
      this.fits = width >= 0 && width <= 17;
    }

    /** Adds the key of the next row's code. */
    public void add(String code) {
      if (!fits) {
        return;
      }
      long key = key(code, prefix, width);
      if (key < 0) {
        fits = false;
        keys = null;
        return;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size + (size >> 1));
      }
      keys[size++] = key;
    }

    boolean fits() {
      return fits;
    }

    int size() {
      return size;
    }

    /** Bits the largest key of this width can take. */
    int keyBits() {
      return 64 - Long.numberOfLeadingZeros(maxKey(width));
    }
  }

  /** 11^width - 1, the largest key of {@code width} digits. */
  private static long maxKey(int width) {
    long max = 1;
    for (int i = 0; i < width; i++) {
      max *= 11;
    }
    return max - 1;
  }

  private static int commonPrefix(String a, String b, int upTo) {
    int n = Math.min(upTo, Math.min(a.length(), b.length()));
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return i;
      }
    }
    return n;
  }

  /**
   * The digits after {@code prefix} in base 11, padded with zeros to width; -1 when the code does
   * not start with the prefix, has more digits than that after it, or a non-digit.
   */
  static long key(String code, String prefix, int width) {
    int p = prefix.length();
    if (code.length() > p + width || !code.startsWith(prefix)) {
      return -1;
    }
    long key = 0;
    for (int i = 0; i < width; i++) {
      int at = p + i;
      int digit;
      if (at < code.length()) {
        char c = code.charAt(at);
        if (c < '0' || c > '9') {
          return -1;
        }
        digit = c - '0' + 1;
      } else {
        digit = 0;
      }
      key = key * 11 + digit;
    }
    return key;
  }

  /**
   * Sorts {@code a[0..n)} by bits {@code [from, from + bits)}, least significant digit first:
   * stable, so elements equal in those bits keep their order. Returns the sorted array, {@code a}
   * or a new one. On a cold JVM this took a third of {@link Arrays#sort(long[])}'s time for 649,000
   * keys (small loops compile at once; the library's sort is one large method).
   */
  private static long[] radixSort(long[] a, int n, int from, int bits) {
    long[] to = new long[a.length];
    int[] counts = new int[1 << RADIX_BITS];
    int mask = (1 << RADIX_BITS) - 1;
    for (int shift = from; shift < from + bits; shift += RADIX_BITS) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[(int) (a[i] >>> shift) & mask]++;
      }
      int sum = 0;
      for (int d = 0; d < counts.length; d++) {
        int c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        long v = a[i];
        to[counts[(int) (v >>> shift) & mask]++] = v;
      }
      long[] t = a;
      a = to;
      to = t;
    }
    return a;
  }
}
