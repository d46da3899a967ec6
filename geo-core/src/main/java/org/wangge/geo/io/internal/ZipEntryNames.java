package org.wangge.geo.io.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Decodes and checks zip entry names. The archive is opened with ISO-8859-1 so that a name without
 * the UTF-8 flag keeps its raw bytes; those are then read as UTF-8 when valid (Info-ZIP, macOS),
 * else as GBK (the Windows "compressed folder" on Chinese systems). Stateless and thread-safe.
 */
public final class ZipEntryNames {

  private static final Charset GBK = Charset.forName("GBK");

  private ZipEntryNames() {}

  /**
   * The entry's real name given the name the JDK decoded with ISO-8859-1 (or with UTF-8 when the
   * entry had the UTF-8 flag).
   */
  public static String decode(String latin1OrUtf8) {
    for (int i = 0; i < latin1OrUtf8.length(); i++) {
      if (latin1OrUtf8.charAt(i) > 0xFF) {
        return latin1OrUtf8; // already decoded as UTF-8 because of the entry's flag
      }
    }
    byte[] raw = latin1OrUtf8.getBytes(StandardCharsets.ISO_8859_1);
    String utf8 = strict(raw, StandardCharsets.UTF_8);
    if (utf8 != null) {
      return utf8;
    }
    String gbk = strict(raw, GBK);
    return gbk != null ? gbk : latin1OrUtf8;
  }

  private static String strict(byte[] raw, Charset charset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * The name as a relative path with forward slashes.
   *
   * @throws UnreadableFileException for absolute paths, drive letters and {@code ..} segments
   *     (zip-slip), naming the entry
   */
  public static String safeRelative(String name, String archive) throws UnreadableFileException {
    String path = name.replace('\\', '/');
    boolean absolute =
        path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.indexOf('\0') >= 0;
    boolean climbs = false;
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        climbs = true;
      }
    }
    if (absolute || climbs) {
      throw new UnreadableFileException(
          archive
              + " was rejected: its entry '"
              + name
              + "' "
              + (absolute ? "is an absolute path" : "climbs out of the upload folder with '..'")
              + " (a zip-slip attack or a broken archive); zip the files with relative paths");
    }
    return path;
  }

  /** macOS resource forks and Finder metadata, never data. */
  public static boolean isMacMetadata(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String fileName = lower.substring(lower.lastIndexOf('/') + 1);
    return lower.startsWith("__macosx/")
        || lower.contains("/__macosx/")
        || fileName.startsWith("._")
        || fileName.equals(".ds_store");
  }
}
