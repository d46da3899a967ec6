package org.wangge.geo.io.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Splits RFC 4180 CSV into records, working on bytes: the delimiter, quote, CR and LF are ASCII and
 * never occur inside a multi-byte UTF-8 or GBK character, so each field is decoded once, straight
 * from the read buffer. Quoted fields may hold delimiters, doubled quotes and line breaks; lines
 * may end in LF, CRLF or CR. Not thread-safe.
 */
public final class CsvScanner implements Closeable {

  /** A single record longer than this is taken as an unclosed quote rather than buffered. */
  static final int MAX_RECORD_BYTES = 64 << 20;

  private static final int NEED_MORE = -1;

  private final InputStream in;
  private final Charset charset;
  private byte delimiter = ',';
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private byte[] scratch = new byte[256];
  private String problem;
  // Survey tables repeat classes, names, departments and states with a few dozen distinct values
  // per column, and decoding (Chinese text above all) was the scanner's largest cost: each column
  // first keeps the values it has decoded, found again by their bytes, and hands out the same
  // string for the same bytes. A column with more distinct values than that holds (codes, dates,
  // coordinates, grids) falls back to remembering its last value, and stops remembering anything
  // when even that rarely repeats.
  private static final int REMEMBERED_COLUMNS = 64;
  private final ColumnValues[] known = new ColumnValues[REMEMBERED_COLUMNS];
  private final byte[][] lastBytes = new byte[REMEMBERED_COLUMNS][];
  private final String[] lastText = new String[REMEMBERED_COLUMNS];
  private final int[] tries = new int[REMEMBERED_COLUMNS];
  private final int[] hits = new int[REMEMBERED_COLUMNS];

  /**
   * Starts scanning; reads the first block, and more until it holds the first line break, so that
   * {@link #detectDelimiter} can look at the whole first line (a stream still arriving may hand out
   * its first bytes in small pieces).
   */
  public CsvScanner(InputStream in, Charset charset) throws IOException {
    this.in = in;
    this.charset = charset;
    while (fill() && limit < buf.length && !holdsLineBreak()) {
      // read on
    }
  }

  private boolean holdsLineBreak() {
    for (int i = pos; i < limit; i++) {
      if (buf[i] == '\n' || buf[i] == '\r') {
        return true;
      }
    }
    return false;
  }

  /**
   * Picks comma, tab or semicolon, whichever occurs most often outside quotes in the first line;
   * comma on a tie or when none occurs.
   */
  public char detectDelimiter() {
    int commas = 0;
    int tabs = 0;
    int semicolons = 0;
    boolean quoted = false;
    for (int i = pos; i < limit; i++) {
      byte b = buf[i];
      if (b == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (b == '\n' || b == '\r') {
          break;
        } else if (b == ',') {
          commas++;
        } else if (b == '\t') {
          tabs++;
        } else if (b == ';') {
          semicolons++;
        }
      }
    }
    char chosen = tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    delimiter = (byte) chosen;
    return chosen;
  }

  public void delimiter(char value) {
    delimiter = (byte) value;
  }

  /** Skips {@code n} bytes at the start (a byte-order mark). */
  public void skip(int n) {
    pos = Math.min(limit, pos + n);
  }

  /** Whether the unread input starts with these bytes. */
  public boolean startsWith(byte[] prefix) {
    if (limit - pos < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the next record's fields into {@code out} (cleared first): empty fields as {@code null},
   * others as strings.
   *
   * @return false at the end of the input
   */
  public boolean next(List<Object> out) throws IOException {
    problem = null;
    while (true) {
      if (pos >= limit && eof) {
        return false;
      }
      out.clear();
      int end = record(pos, out);
      if (end != NEED_MORE) {
        pos = end;
        return true;
      }
      if (!fill()) {
        continue; // now at end of input: parse the rest as the last record
      }
    }
  }

  /** Why the last record was malformed (an unclosed quote), or {@code null}. */
  public String problem() {
    return problem;
  }

  private int record(int p, List<Object> out) {
    final byte[] b = buf;
    final byte d = delimiter;
    final int lim = limit;
    while (true) {
      if (p < lim && b[p] == '"') {
        p = quoted(p + 1, out);
        if (p == NEED_MORE) {
          return NEED_MORE;
        }
      } else {
        int q = p;
        while (q < lim) {
          byte c = b[q];
          if (c == d || c == '\n' || c == '\r') {
            break;
          }
          q++;
        }
        if (q >= lim && !eof) {
          return NEED_MORE;
        }
        out.add(q > p ? decode(p, q, out.size()) : null);
        p = q;
      }
      if (p >= lim) {
        return p;
      }
      byte c = b[p];
      if (c == d) {
        p++;
      } else if (c == '\n') {
        return p + 1;
      } else {
        if (p + 1 >= lim && !eof) {
          return NEED_MORE;
        }
        return p + 1 < lim && b[p + 1] == '\n' ? p + 2 : p + 1;
      }
    }
  }

  private String decode(int from, int to, int column) {
    if (column >= REMEMBERED_COLUMNS) {
      return new String(buf, from, to - from, charset);
    }
    ColumnValues values = known[column];
    if (values == null) {
      values = known[column] = new ColumnValues();
    }
    if (!values.full) {
      String text = values.find(buf, from, to, charset);
      if (text != null) {
        return text;
      }
    }
    if (tries[column] >= 1024 && hits[column] * 4 < tries[column]) {
      return new String(buf, from, to - from, charset);
    }
    tries[column]++;
    byte[] last = lastBytes[column];
    int n = to - from;
    if (last != null && last.length == n && Arrays.equals(last, 0, n, buf, from, to)) {
      hits[column]++;
      return lastText[column];
    }
    String text = new String(buf, from, n, charset);
    lastBytes[column] = Arrays.copyOfRange(buf, from, to);
    lastText[column] = text;
    return text;
  }

  /** Parses a quoted field starting after its opening quote; returns the position after it. */
  private int quoted(int p, List<Object> out) {
    final byte[] b = buf;
    final int lim = limit;
    int segment = p;
    int copied = 0;
    while (true) {
      if (p >= lim) {
        if (!eof) {
          return NEED_MORE;
        }
        problem = "a quoted value is not closed";
        out.add(text(segment, p, copied));
        return p;
      }
      if (b[p] != '"') {
        p++;
        continue;
      }
      if (p + 1 >= lim && !eof) {
        return NEED_MORE;
      }
      if (p + 1 < lim && b[p + 1] == '"') {
        copied = append(segment, p + 1, copied);
        p += 2;
        segment = p;
        continue;
      }
      String value = text(segment, p, copied);
      p++;
      // Text between the closing quote and the delimiter is kept, as spreadsheets do.
      int q = p;
      while (q < lim && b[q] != delimiter && b[q] != '\n' && b[q] != '\r') {
        q++;
      }
      if (q >= lim && !eof) {
        return NEED_MORE;
      }
      if (q > p) {
        value = value + new String(b, p, q - p, charset);
      }
      out.add(value);
      return q;
    }
  }

  private int append(int from, int to, int copied) {
    int n = to - from;
    if (copied + n > scratch.length) {
      scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, copied + n));
    }
    System.arraycopy(buf, from, scratch, copied, n);
    return copied + n;
  }

  private String text(int from, int to, int copied) {
    if (copied == 0) {
      return new String(buf, from, to - from, charset);
    }
    copied = append(from, to, copied);
    return new String(scratch, 0, copied, charset);
  }

  /** Compacts and reads more; returns false once the end of input is reached. */
  private boolean fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      if (buf.length >= MAX_RECORD_BYTES) {
        throw new UnreadableFileException(
            "a single CSV record is longer than "
                + (MAX_RECORD_BYTES >> 20)
                + " MiB: is a quote (\") left open?");
      }
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * The distinct values of one column decoded so far, by their bytes (open addressing), up to
   * {@link #LIMIT}; then {@link #full} and no longer consulted.
   */
  static final class ColumnValues {
    static final int LIMIT = 256;
    private static final int SLOTS = 4 * LIMIT;

    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] texts = new String[SLOTS];
    private final int[] hashes = new int[SLOTS];
    private int size;
    boolean full;

    /** The string these bytes decode to; null (and {@link #full}) once the column has too many. */
    String find(byte[] buf, int from, int to, Charset charset) {
      int h = 0x811C9DC5;
      for (int i = from; i < to; i++) {
        h = (h ^ buf[i]) * 0x01000193;
      }
      int n = to - from;
      int slot = (h ^ h >>> 16) & (SLOTS - 1);
      while (true) {
        byte[] b = bytes[slot];
        if (b == null) {
          if (size == LIMIT) {
            full = true;
            return null;
          }
          String text = new String(buf, from, n, charset);
          bytes[slot] = Arrays.copyOfRange(buf, from, to);
          texts[slot] = text;
          hashes[slot] = h;
          size++;
          return text;
        }
        if (hashes[slot] == h && b.length == n && Arrays.equals(b, 0, n, buf, from, to)) {
          return texts[slot];
        }
        slot = (slot + 1) & (SLOTS - 1);
      }
    }
  }
}
