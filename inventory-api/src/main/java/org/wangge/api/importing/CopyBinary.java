package org.wangge.api.importing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format ({@code copy … from stdin (format binary)}): per row a
 * field count, then each field as its length and the type's binary form — UTF-8 text, an IEEE
 * double, days since 2000-01-01, the 16 bytes of a UUID — instead of text the backend parses again
 * (doubles through {@code strtod}, dates, UUIDs) after scanning every line for tabs and escapes.
 * The stream starts with {@link #HEADER} and ends with {@link #TRAILER}; the rows between may be
 * sent in any number of pieces. Not thread-safe.
 */
final class CopyBinary {

  /** The signature, flags (no OIDs) and an empty header extension. */
  static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** A field count of -1. */
  static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final long EPOCH_2000 = LocalDate.of(2000, 1, 1).toEpochDay();

  private byte[] buf;
  private int size;

  CopyBinary(int initialCapacity) {
    buf = new byte[Math.max(64, initialCapacity)];
  }

  int size() {
    return size;
  }

  /** The bytes written so far, as a new array; then starts empty again. */
  byte[] take() {
    byte[] out = Arrays.copyOf(buf, size);
    size = 0;
    return out;
  }

  /** The hash of the bytes written in {@code [from, to)} (see {@link RowHashes#of}). */
  long hash(int from, int to) {
    Objects.checkFromToIndex(from, to, size);
    return RowHashes.of(buf, from, to);
  }

  /** Forgets what was written after the first {@code size} bytes (a row that is not sent). */
  void truncate(int size) {
    Objects.checkIndex(size, this.size + 1);
    this.size = size;
  }

  /** Starts a row of {@code fields} fields. */
  CopyBinary row(int fields) {
    ensure(2);
    buf[size++] = (byte) (fields >> 8);
    buf[size++] = (byte) fields;
    return this;
  }

  /**
   * A text value as UTF-8, {@code null} as SQL null. Unpaired surrogates become {@code ?}, as
   * {@code String.getBytes(UTF_8)} and the text rows wrote them.
   */
  CopyBinary text(String v) {
    if (v == null) {
      return nul();
    }
    int n = v.length();
    ensure(4 + n * 3);
    byte[] b = buf;
    int start = size;
    int at = start + 4;
    for (int k = 0; k < n; k++) {
      char ch = v.charAt(k);
      if (ch < 0x80) {
        b[at++] = (byte) ch;
      } else if (ch < 0x800) {
        b[at++] = (byte) (0xC0 | ch >> 6);
        b[at++] = (byte) (0x80 | ch & 0x3F);
      } else if (Character.isHighSurrogate(ch)
          && k + 1 < n
          && Character.isLowSurrogate(v.charAt(k + 1))) {
        int cp = Character.toCodePoint(ch, v.charAt(++k));
        b[at++] = (byte) (0xF0 | cp >> 18);
        b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
        b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
        b[at++] = (byte) (0x80 | cp & 0x3F);
      } else if (Character.isSurrogate(ch)) {
        b[at++] = '?';
      } else {
        b[at++] = (byte) (0xE0 | ch >> 12);
        b[at++] = (byte) (0x80 | ch >> 6 & 0x3F);
        b[at++] = (byte) (0x80 | ch & 0x3F);
      }
    }
    INT.set(b, start, at - start - 4);
    size = at;
    return this;
  }

  /**
   * A {@code double precision}, bit for bit ({@code NaN} as Java's canonical NaN, which is also
   * what the text {@code NaN} becomes).
   */
  CopyBinary float8(double v) {
    ensure(12);
    INT.set(buf, size, 8);
    LONG.set(buf, size + 4, Double.doubleToLongBits(v));
    size += 12;
    return this;
  }

  /**
   * A {@code date}, {@code null} as SQL null. Years 1–9999 only: the text rows wrote other years in
   * forms PostgreSQL refused or read as another date, so they are refused here rather than stored.
   */
  CopyBinary date(LocalDate d) {
    if (d == null) {
      return nul();
    }
    if (d.getYear() < 1 || d.getYear() > 9999) {
      throw new IllegalArgumentException("date out of range (years 1-9999): " + d);
    }
    ensure(8);
    INT.set(buf, size, 4);
    INT.set(buf, size + 4, (int) (d.toEpochDay() - EPOCH_2000));
    size += 8;
    return this;
  }

  /** A {@code uuid}, {@code null} as SQL null. */
  CopyBinary uuid(UUID v) {
    if (v == null) {
      return nul();
    }
    ensure(20);
    INT.set(buf, size, 16);
    LONG.set(buf, size + 4, v.getMostSignificantBits());
    LONG.set(buf, size + 12, v.getLeastSignificantBits());
    size += 20;
    return this;
  }

  private CopyBinary nul() {
    ensure(4);
    INT.set(buf, size, -1);
    size += 4;
    return this;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
