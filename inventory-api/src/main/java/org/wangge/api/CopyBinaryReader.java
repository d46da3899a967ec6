package org.wangge.api;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads rows of PostgreSQL's binary COPY format ({@code COPY … TO STDOUT WITH (FORMAT binary)}): a
 * signature, then per row a field count and per field a length (-1 for NULL) and the value in the
 * type's binary send format. Reads numbers and dates without parsing text, which is what made the
 * start-up's 649,000-row read through a {@code ResultSet} slow (decimal parsing of every double, a
 * time-zone look-up for every date). Not thread-safe.
 */
public final class CopyBinaryReader {

  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
  };

  /** Days from 1970-01-01 to PostgreSQL's date epoch 2000-01-01. */
  private static final long PG_EPOCH_DAY = 10_957;

  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int limit;
  private int fieldsLeft;
  private long rows;
  private final Map<Key, String> shared = new HashMap<>();
  private final Key probe = new Key();
  private final Map<Integer, LocalDate> dates = new HashMap<>();

  public CopyBinaryReader(InputStream in) throws IOException {
    this.in = in;
    this.buf = new byte[1 << 16];
    byte[] sig = bytes(SIGNATURE.length);
    if (!Arrays.equals(sig, SIGNATURE)) {
      throw new IOException("not PostgreSQL binary COPY data (bad signature)");
    }
    int flags = int32();
    // bits 0-15: incompatible format changes; bit 16: OIDs included (never asked for here)
    if ((flags & 0x1ffff) != 0) {
      throw new IOException("binary COPY with flags " + Integer.toHexString(flags));
    }
    skip(int32()); // header extension
  }

  /**
   * Moves to the next row and returns its number of fields, or -1 after the last row (the trailer).
   * Fails when the previous row's fields were not all read.
   */
  public int nextRow() throws IOException {
    if (fieldsLeft != 0) {
      throw new IllegalStateException(fieldsLeft + " fields of the previous row not read");
    }
    int n = int16();
    if (n == -1) {
      return -1;
    }
    fieldsLeft = n;
    rows++;
    return n;
  }

  /** Rows read so far. */
  public long rows() {
    return rows;
  }

  /** A text (or varchar) field, decoded from UTF-8; null for NULL. */
  public String text() throws IOException {
    int len = fieldLength();
    if (len < 0) {
      return null;
    }
    fill(len);
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  /**
   * A text field whose values repeat across rows (class codes, states, unit ids, names): returns
   * one instance per distinct value without decoding the bytes again; null for NULL.
   */
  public String sharedText() throws IOException {
    int len = fieldLength();
    if (len < 0) {
      return null;
    }
    fill(len);
    probe.set(buf, pos, len);
    String known = shared.get(probe);
    if (known == null) {
      known = new String(buf, pos, len, StandardCharsets.UTF_8);
      shared.put(probe.copy(), known);
    }
    pos += len;
    return known;
  }

  /** A float8 field; NaN for NULL. */
  public double float8() throws IOException {
    int len = fieldLength();
    if (len < 0) {
      return Double.NaN;
    }
    if (len != 8) {
      throw new IOException("float8 field of " + len + " bytes");
    }
    fill(8);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (buf[pos++] & 0xff);
    }
    return Double.longBitsToDouble(bits);
  }

  /** A date field; null for NULL. Infinite dates are refused. */
  public LocalDate date() throws IOException {
    int len = fieldLength();
    if (len < 0) {
      return null;
    }
    if (len != 4) {
      throw new IOException("date field of " + len + " bytes");
    }
    int days = int32();
    if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
      throw new IOException("infinite date");
    }
    // survey and change dates repeat across rows: one instance per day
    LocalDate d = dates.get(days);
    if (d == null) {
      d = LocalDate.ofEpochDay(PG_EPOCH_DAY + days);
      dates.put(days, d);
    }
    return d;
  }

  /** A bytea field's bytes; null for NULL. */
  public byte[] bytea() throws IOException {
    int len = fieldLength();
    return len < 0 ? null : bytes(len);
  }

  /** An int4 field. NULL is refused. */
  public int int4() throws IOException {
    int len = fieldLength();
    if (len != 4) {
      throw new IOException("int4 field of " + len + " bytes");
    }
    return int32();
  }

  /** An int8 field. NULL is refused. */
  public long int8() throws IOException {
    int len = fieldLength();
    if (len != 8) {
      throw new IOException("int8 field of " + len + " bytes");
    }
    return ((long) int32() << 32) | (int32() & 0xffffffffL);
  }

  private int fieldLength() throws IOException {
    if (fieldsLeft <= 0) {
      throw new IllegalStateException("no field left in this row");
    }
    fieldsLeft--;
    return int32();
  }

  private int int16() throws IOException {
    fill(2);
    int v = (short) (((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff));
    pos += 2;
    return v;
  }

  private int int32() throws IOException {
    fill(4);
    int v =
        ((buf[pos] & 0xff) << 24)
            | ((buf[pos + 1] & 0xff) << 16)
            | ((buf[pos + 2] & 0xff) << 8)
            | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  private byte[] bytes(int len) throws IOException {
    byte[] out = new byte[len];
    int done = 0;
    while (done < len) {
      if (pos == limit) {
        fill(1);
      }
      int n = Math.min(len - done, limit - pos);
      System.arraycopy(buf, pos, out, done, n);
      pos += n;
      done += n;
    }
    return out;
  }

  private void skip(int len) throws IOException {
    bytes(len);
  }

  /** Makes at least {@code n} bytes available at {@code pos}; n must fit the buffer. */
  private void fill(int n) throws IOException {
    if (limit - pos >= n) {
      return;
    }
    if (n > buf.length) {
      throw new IOException("a field of " + n + " bytes is longer than this reader's buffer");
    }
    System.arraycopy(buf, pos, buf, 0, limit - pos);
    limit -= pos;
    pos = 0;
    while (limit < n) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        throw new EOFException("binary COPY data ends inside a row");
      }
      limit += r;
    }
  }

  /** A byte range as a hash key; a probe over the buffer, or a copy once stored. */
  private static final class Key {
    private byte[] b;
    private int off;
    private int len;
    private int hash;

    void set(byte[] b, int off, int len) {
      this.b = b;
      this.off = off;
      this.len = len;
      int h = 1;
      for (int i = off; i < off + len; i++) {
        h = 31 * h + b[i];
      }
      this.hash = h;
    }

    Key copy() {
      Key k = new Key();
      k.b = Arrays.copyOfRange(b, off, off + len);
      k.off = 0;
      k.len = len;
      k.hash = hash;
      return k;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.len == len
          && Arrays.equals(b, off, off + len, k.b, k.off, k.off + k.len);
    }
  }
}
