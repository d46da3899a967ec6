package org.wangge.api.importing;

/**
 * A 64-bit hash of every written column of each stored component, by code: what lets a re-import
 * leave out the rows that would not change (see {@link ImportingComponents}). Codes are keys as
 * their numeric value, in a {@link CodeTable}: 16 MB for the 649,000 Wujiang components. Two
 * different rows hash alike with a probability of about 2^-64 per row. Not thread-safe; a published
 * table is only read.
 */
final class RowHashes {

  private static final long SEED = 0x243F6A8885A308D3L;
  private static final long NULL = 0x13198A2E03707344L;
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private final CodeTable table;

  RowHashes(int expected) {
    this(new CodeTable(expected));
  }

  private RowHashes(CodeTable table) {
    this.table = table;
  }

  /** A copy to add to, this one unchanged. */
  RowHashes copy() {
    return new RowHashes(table.copy());
  }

  /** Whether the stored row of {@code code} has this hash; false for an unknown code. */
  boolean holds(long code, long hash) {
    return table.holds(code, hash);
  }

  /** Records the hash of the row now stored under {@code code} (ignored for a code ≤ 0). */
  void put(long code, long hash) {
    if (code > 0) {
      table.put(code, hash);
    }
  }

  int size() {
    return table.size();
  }

  /** The code's numeric value, or -1 when it is not 1–18 decimal digits. */
  static long codeValue(String code) {
    int n = code == null ? 0 : code.length();
    if (n == 0 || n > 18) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * The hash of one row as {@link CopyBinary} encoded it, {@code bytes[from, to)}: every column an
   * import writes and the merge compares, without the job's (see {@link
   * ImportedComponent#JOB_FIELD_BYTES}). The encoding holds each value's length (-1 for null), so
   * equal rows hash alike, a null differs from "" and a value moved to the next column differs.
   * Eight bytes a step: hashing the Java strings char by char again cost as much as encoding them.
   */
  static long of(byte[] bytes, int from, int to) {
    long h = SEED ^ (to - from);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h =
          Long.rotateLeft(h + (long) LONGS.get(bytes, i) * 0xC2B2AE3D27D4EB4FL, 31)
              * 0x9E3779B185EBCA87L;
    }
    long tail = NULL;
    for (int shift = 0; i < to; i++, shift += 8) {
      tail ^= (bytes[i] & 0xFFL) << shift;
    }
    return mix(h ^ mix(tail));
  }

  /** MurmurHash3's 64-bit finaliser, after a step that depends on the order of the columns. */
  private static long mix(long h) {
    h = (h + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }
}
