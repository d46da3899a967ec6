package org.wangge.geo.io.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Resolves the text encoding of a DBF: the user's choice, else the {@code .cpg}, else the header's
 * language driver id (LDID), else GBK, because undeclared survey data in China is almost always
 * GBK. Stateless and thread-safe.
 */
public final class DbfCodePages {

  public static final Charset GBK = Charset.forName("GBK");

  static final String SUPPORTED =
      "supported code pages: UTF-8 (65001), GBK (936, CP936, GB2312), GB18030 (54936), Big5 (950),"
          + " Windows 1250-1258, ISO-8859-x, CP437, CP850, CP866, Shift_JIS (932), EUC-KR (949)"
          + " and other Java charset names";

  /**
   * LDID → code page, after GDAL's table (ogr/ogrsf_frmts/shape). 0x57 is ESRI's "ANSI", the
   * writing machine's code page: on the Chinese Windows that survey teams use that is GBK, so it is
   * read as GBK rather than as GDAL's ISO-8859-1.
   */
  private static final Map<Integer, String> LDID =
      Map.ofEntries(
          Map.entry(0x01, "IBM437"),
          Map.entry(0x02, "IBM850"),
          Map.entry(0x03, "windows-1252"),
          Map.entry(0x04, "x-MacRoman"),
          Map.entry(0x08, "IBM865"),
          Map.entry(0x0A, "IBM850"),
          Map.entry(0x0B, "IBM437"),
          Map.entry(0x13, "Shift_JIS"),
          Map.entry(0x26, "IBM866"),
          Map.entry(0x4D, "GBK"),
          Map.entry(0x4E, "x-windows-949"),
          Map.entry(0x4F, "Big5"),
          Map.entry(0x50, "x-windows-874"),
          Map.entry(0x57, "GBK"),
          Map.entry(0x58, "windows-1252"),
          Map.entry(0x59, "windows-1252"),
          Map.entry(0x64, "IBM852"),
          Map.entry(0x65, "IBM866"),
          Map.entry(0x78, "Big5"),
          Map.entry(0x79, "x-windows-949"),
          Map.entry(0x7A, "GBK"),
          Map.entry(0x7B, "Shift_JIS"),
          Map.entry(0x7C, "x-windows-874"),
          Map.entry(0xC8, "windows-1250"),
          Map.entry(0xC9, "windows-1251"),
          Map.entry(0xCA, "windows-1254"),
          Map.entry(0xCB, "windows-1253"),
          Map.entry(0xCC, "windows-1257"));

  private DbfCodePages() {}

  /** The encoding for an LDID byte, or {@code null} when the id is 0 or unknown. */
  public static Charset forLdid(int ldid) {
    String name = LDID.get(ldid & 0xFF);
    return name == null ? null : Charset.forName(name);
  }

  /**
   * The encoding named by a {@code .cpg} text such as {@code UTF-8}, {@code 936}, {@code CP936},
   * {@code GBK} or {@code ANSI 1252}.
   *
   * @param source what to name in the message, e.g. the file name
   * @throws UnreadableFileException naming the code page and the supported ones
   */
  public static Charset forName(String codePage, String source) throws UnreadableFileException {
    String text = codePage.replace("\uFEFF", "").trim();
    String key = text.toUpperCase(Locale.ROOT).replace(" ", "").replace("_", "-");
    if (key.startsWith("ANSI")) {
      key = key.substring(4);
    }
    if (key.startsWith("LDID/")) {
      Charset byLdid = forLdid(parseOrMinusOne(key.substring(5)));
      if (byLdid != null) {
        return byLdid;
      }
    }
    String alias =
        switch (key) {
          case "UTF8", "UTF-8", "65001" -> "UTF-8";
          case "936", "CP936", "GBK", "GB2312", "EUC-CN", "MS936", "WINDOWS-936" -> "GBK";
          case "54936", "GB18030" -> "GB18030";
          case "950", "CP950", "BIG5" -> "Big5";
          case "932", "CP932" -> "Shift_JIS";
          case "949", "CP949" -> "x-windows-949";
          case "88591", "8859-1", "ISO88591", "LATIN1" -> "ISO-8859-1";
          default -> null;
        };
    if (alias != null) {
      return Charset.forName(alias);
    }
    if (key.matches("\\d{3,5}")) {
      int number = Integer.parseInt(key);
      for (String candidate :
          new String[] {"windows-" + number, "IBM" + number, "x-IBM" + number}) {
        if (Charset.isSupported(candidate)) {
          return Charset.forName(candidate);
        }
      }
    } else if (key.matches("8859-\\d{1,2}")) {
      key = "ISO-" + key;
    }
    try {
      return Charset.forName(key);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new UnreadableFileException(
          source + " declares the code page '" + text + "', which is not known; " + SUPPORTED);
    }
  }

  private static int parseOrMinusOne(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
