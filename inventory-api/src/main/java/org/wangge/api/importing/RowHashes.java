package org.wangge.api.importing;

import java.time.LocalDate;

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
   * The hash of every column an import writes and the merge compares (the code is the key; the
   * district and the job are not compared). Equal rows hash alike; a null differs from "".
   */
  static long of(ImportedComponent c) {
    long h = SEED;
    h = text(h, c.classCode());
    h = text(h, c.name());
    h = mix(h ^ Double.doubleToLongBits(c.lon()));
    h = mix(h ^ Double.doubleToLongBits(c.lat()));
    h = text(h, c.state());
    h = text(h, c.competentDeptId());
    h = text(h, c.competentDeptName());
    h = text(h, c.ownerId());
    h = text(h, c.ownerName());
    h = text(h, c.maintenanceUnitId());
    h = text(h, c.maintenanceUnitName());
    h = text(h, c.gridCode());
    h = text(h, c.bgidReported());
    h = date(h, c.surveyed());
    h = date(h, c.changed());
    h = text(h, c.dataSource());
    h = text(h, c.note());
    return h;
  }

  private static long text(long h, String s) {
    if (s == null) {
      return mix(h ^ NULL);
    }
    long t = h ^ s.length();
    for (int i = 0; i < s.length(); i++) {
      t = (t ^ s.charAt(i)) * 0x100000001B3L; // FNV-1a, one char at a time
    }
    return mix(t);
  }

  private static long date(long h, LocalDate d) {
    return mix(h ^ (d == null ? NULL : d.toEpochDay()));
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
