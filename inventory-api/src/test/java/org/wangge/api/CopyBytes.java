package org.wangge.api;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's COPY text format written straight into UTF-8 bytes: the same text as {@link
 * CopyText}, without building a {@code String} per chunk and encoding it again (a builder holding
 * Chinese text is UTF-16, so every chunk used to be inflated, copied and re-encoded). Not
 * thread-safe.
 *
 * <p>The import sent its rows this way until it moved to the binary format ({@code
 * importing.CopyBinary}); kept with the tests as the reference the binary rows are compared with.
 */
public final class CopyBytes {

  private byte[] buf;
  private int size;
  private boolean rowStarted;

  public CopyBytes(int initialCapacity) {
    buf = new byte[Math.max(64, initialCapacity)];
  }

  public int size() {
    return size;
  }

  /** The bytes written so far, as a new array; then starts empty again. */
  public byte[] take() {
    byte[] out = Arrays.copyOf(buf, size);
    size = 0;
    rowStarted = false;
    return out;
  }

  /** Ends the current row. */
  public CopyBytes endRow() {
    ensure(1);
    buf[size++] = '\n';
    rowStarted = false;
    return this;
  }

  private void separate() {
    if (rowStarted) {
      ensure(1);
      buf[size++] = '\t';
    }
    rowStarted = true;
  }

  /** A text value, escaped; {@code null} as {@code \N}. */
  public CopyBytes text(String v) {
    separate();
    if (v == null) {
      ensure(2);
      buf[size++] = '\\';
      buf[size++] = 'N';
      return this;
    }
    int n = v.length();
    ensure(n * 3);
    byte[] b = buf;
    int at = size;
    for (int k = 0; k < n; k++) {
      char ch = v.charAt(k);
      if (ch < 0x80) {
        switch (ch) {
          case '\\' -> {
            b[at++] = '\\';
            b[at++] = '\\';
          }
          case '\t' -> {
            b[at++] = '\\';
            b[at++] = 't';
          }
          case '\n' -> {
            b[at++] = '\\';
            b[at++] = 'n';
          }
          case '\r' -> {
            b[at++] = '\\';
            b[at++] = 'r';
          }
          default -> b[at++] = (byte) ch;
        }
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
        b[at++] = '?'; // an unpaired surrogate, as String.getBytes(UTF_8) writes it
      } else {
        b[at++] = (byte) (0xE0 | ch >> 12);
        b[at++] = (byte) (0x80 | ch >> 6 & 0x3F);
        b[at++] = (byte) (0x80 | ch & 0x3F);
      }
    }
    size = at;
    return this;
  }

  /** A number as {@link Double#toString(double)} writes it. */
  public CopyBytes number(double v) {
    return ascii(Double.toString(v));
  }

  /**
   * A date as yyyy-MM-dd (years 1000–9999 as four digits, others as {@link LocalDate#toString}).
   */
  public CopyBytes date(LocalDate d) {
    if (d == null) {
      return text(null);
    }
    int y = d.getYear();
    if (y < 1000 || y > 9999) {
      return ascii(d.toString());
    }
    separate();
    ensure(10);
    byte[] b = buf;
    b[size++] = (byte) ('0' + y / 1000);
    b[size++] = (byte) ('0' + y / 100 % 10);
    b[size++] = (byte) ('0' + y / 10 % 10);
    b[size++] = (byte) ('0' + y % 10);
    b[size++] = '-';
    int m = d.getMonthValue();
    b[size++] = (byte) ('0' + m / 10);
    b[size++] = (byte) ('0' + m % 10);
    b[size++] = '-';
    int day = d.getDayOfMonth();
    b[size++] = (byte) ('0' + day / 10);
    b[size++] = (byte) ('0' + day % 10);
    return this;
  }

  /** Text known to be ASCII without tabs, line breaks or backslashes (numbers, UUIDs). */
  public CopyBytes ascii(String v) {
    separate();
    int n = v.length();
    ensure(n);
    for (int k = 0; k < n; k++) {
      buf[size++] = (byte) v.charAt(k);
    }
    return this;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
