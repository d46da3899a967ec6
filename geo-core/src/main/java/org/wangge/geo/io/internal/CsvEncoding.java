package org.wangge.geo.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.wangge.geo.io.CsvFiles;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Works out a CSV file's text encoding: a byte-order mark, else UTF-8 when every byte sequence in
 * the file is valid UTF-8, else GBK (what Excel on Chinese Windows saves). Stateless and
 * thread-safe.
 */
public final class CsvEncoding {

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** The detected encoding and how many BOM bytes to skip. */
  public record Detected(Charset charset, int bomLength, String how) {}

  private CsvEncoding() {}

  /**
   * Detects the encoding of {@code csv}, or checks the user's choice.
   *
   * @param chosen the user's encoding or {@code null}
   * @throws UnreadableFileException for UTF-16/32 files and encodings that are not ASCII-based
   */
  public static Detected detect(Path csv, Charset chosen) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(csv)) {
      head = in.readNBytes(4);
    }
    Detected known = fromHead(head, chosen, csv.getFileName().toString());
    if (known != null) {
      return known;
    }
    try (InputStream in = Files.newInputStream(csv)) {
      return isUtf8(in)
          ? new Detected(StandardCharsets.UTF_8, 0, "UTF-8 detected")
          : new Detected(DbfCodePages.GBK, 0, "GBK detected");
    }
  }

  /** The encoding of a CSV read as it arrives, and the stream to read it from. */
  public record Streamed(Detected detected, InputStream in) {}

  /**
   * The encoding of a CSV read once, as it arrives: a byte-order mark or the user's choice as for a
   * file; otherwise UTF-8 is assumed and the returned stream checks every byte it passes on,
   * throwing {@link CsvFiles.NotUtf8Exception} at the first one that is not UTF-8 (or at the end
   * when a character is left open). The caller must then read the content again from the start with
   * {@link #detect(Path, Charset)}, which will say GBK.
   */
  public static Streamed detect(InputStream in, Charset chosen, String name) throws IOException {
    java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 1 << 16);
    buffered.mark(4);
    byte[] head = buffered.readNBytes(4);
    buffered.reset();
    Detected known = fromHead(head, chosen, name);
    if (known != null) {
      return new Streamed(known, buffered);
    }
    return new Streamed(
        new Detected(StandardCharsets.UTF_8, 0, "UTF-8 checked while reading"),
        new Utf8CheckingStream(buffered, name));
  }

  /**
   * Passes bytes on only while they are UTF-8; see {@link #detect(InputStream, Charset, String)}.
   */
  static final class Utf8CheckingStream extends java.io.FilterInputStream {
    private final Utf8Check check = new Utf8Check();
    private final String name;

    Utf8CheckingStream(InputStream in, String name) {
      super(in);
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0 && !check.accept(b, off, n) || n < 0 && !check.complete()) {
        throw new CsvFiles.NotUtf8Exception(name);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // skipped bytes must be checked too
      byte[] buf = new byte[(int) Math.min(n, 8192)];
      int read = read(buf, 0, buf.length);
      return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /**
   * What the first bytes and the user's choice settle: the encoding, or {@code null} when only the
   * whole content can tell (UTF-8 if all of it is valid UTF-8, else GBK).
   *
   * @param head the first (up to) four bytes
   */
  static Detected fromHead(byte[] head, Charset chosen, String name)
      throws UnreadableFileException {
    boolean utf8Bom = startsWith(head, UTF8_BOM);
    if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xFE})
        || startsWith(head, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
      throw new UnreadableFileException(
          name + " is UTF-16 (Excel \"Unicode text\"); save it as CSV UTF-8 or CSV (GBK) instead");
    }
    if (chosen != null) {
      if (!isAsciiCompatible(chosen)) {
        throw new UnreadableFileException(
            "encoding " + chosen.name() + " is not supported for CSV; use UTF-8 or GBK");
      }
      boolean skipBom = utf8Bom && chosen.equals(StandardCharsets.UTF_8);
      return new Detected(chosen, skipBom ? 3 : 0, chosen.name() + " chosen on upload");
    }
    if (utf8Bom) {
      return new Detected(StandardCharsets.UTF_8, 3, "UTF-8 with BOM");
    }
    return null;
  }

  private static boolean isAsciiCompatible(Charset charset) {
    byte[] probe = ",;\t\"\r\n09AZaz".getBytes(charset);
    return new String(probe, StandardCharsets.ISO_8859_1).equals(",;\t\"\r\n09AZaz");
  }

  /** Whether the whole stream is well-formed UTF-8 (RFC 3629 lead/continuation structure). */
  static boolean isUtf8(InputStream in) throws IOException {
    byte[] buf = new byte[1 << 16];
    Utf8Check check = new Utf8Check();
    int n;
    while ((n = in.read(buf)) > 0) {
      if (!check.accept(buf, 0, n)) {
        return false;
      }
    }
    return check.complete();
  }

  /**
   * Checks bytes for well-formed UTF-8 as they come, in pieces of any size (a character may be
   * split between two pieces). Not thread-safe.
   */
  static final class Utf8Check {
    private int pending; // continuation bytes still expected
    private boolean broken;

    /** Takes the next bytes; false once any byte so far is not UTF-8. */
    boolean accept(byte[] buf, int off, int len) {
      if (broken) {
        return false;
      }
      int n = off + len;
      int pending = this.pending;
      for (int i = off; i < n; i++) {
        int b = buf[i];
        if (pending > 0) {
          if ((b & 0xC0) != 0x80) {
            broken = true;
            return false;
          }
          pending--;
        } else if (b >= 0) {
          // ASCII: the common case; skip ahead eight at a time.
          while (i + 9 <= n && ((long) LONGS.get(buf, i + 1) & 0x8080808080808080L) == 0) {
            i += 8;
          }
        } else if ((b & 0xE0) == 0xC0) {
          if ((b & 0xFE) == 0xC0) {
            broken = true; // overlong
            return false;
          }
          pending = 1;
        } else if ((b & 0xF0) == 0xE0) {
          pending = 2;
        } else if ((b & 0xF8) == 0xF0 && (b & 0xFF) <= 0xF4) {
          pending = 3;
        } else {
          broken = true;
          return false;
        }
      }
      this.pending = pending;
      return true;
    }

    /** At the end of the input: whether everything was UTF-8 and no character is left open. */
    boolean complete() {
      return !broken && pending == 0;
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
