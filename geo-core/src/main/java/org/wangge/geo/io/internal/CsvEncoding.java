package org.wangge.geo.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    String name = csv.getFileName().toString();
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
    try (InputStream in = Files.newInputStream(csv)) {
      return isUtf8(in)
          ? new Detected(StandardCharsets.UTF_8, 0, "UTF-8 detected")
          : new Detected(DbfCodePages.GBK, 0, "GBK detected");
    }
  }

  private static boolean isAsciiCompatible(Charset charset) {
    byte[] probe = ",;\t\"\r\n09AZaz".getBytes(charset);
    return new String(probe, StandardCharsets.ISO_8859_1).equals(",;\t\"\r\n09AZaz");
  }

  /** Whether the whole stream is well-formed UTF-8 (RFC 3629 lead/continuation structure). */
  static boolean isUtf8(InputStream in) throws IOException {
    byte[] buf = new byte[1 << 16];
    int pending = 0; // continuation bytes still expected
    int n;
    while ((n = in.read(buf)) > 0) {
      for (int i = 0; i < n; i++) {
        int b = buf[i];
        if (pending > 0) {
          if ((b & 0xC0) != 0x80) {
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
            return false; // overlong
          }
          pending = 1;
        } else if ((b & 0xF0) == 0xE0) {
          pending = 2;
        } else if ((b & 0xF8) == 0xF0 && (b & 0xFF) <= 0xF4) {
          pending = 3;
        } else {
          return false;
        }
      }
    }
    return pending == 0;
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
