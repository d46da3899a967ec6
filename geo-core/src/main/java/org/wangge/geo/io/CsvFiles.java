package org.wangge.geo.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.wangge.geo.io.internal.CsvReader;

/**
 * Reads point tables saved as CSV, the usual delivery of component inventories from Excel.
 *
 * <p>The first row must name the columns. Encoding: {@link ReadOptions#charset()}, else a UTF-8
 * byte-order mark, else UTF-8 when the whole file is valid UTF-8, else GBK; UTF-16 files are
 * refused with a message. The delimiter (comma, tab or semicolon) is taken from the header row;
 * quoting follows RFC 4180 (quoted delimiters, doubled quotes, line breaks inside quotes).
 *
 * <p>Geometry: the columns named by {@link ReadOptions#xField()}/{@link ReadOptions#yField()}, else
 * the first columns named (any case) lon, lng, long, longitude, 经度, x, 横坐标, X坐标 … and lat,
 * latitude, 纬度, y, 纵坐标, Y坐标 …, else a column named WKT or geometry holding WKT. Note that Chinese
 * survey tables often call the northing "X": pass the columns explicitly for such files. Values are
 * strings as written (empty values {@code null}) for the importer to map.
 *
 * <p>Rows: {@link SourceFeature#row()} counts data rows from 1 (the header is not counted, a blank
 * line is). A row with a missing, non-numeric or infinite coordinate, invalid WKT, a wrong number
 * of values or an unclosed quote is unreadable with a reason such as {@code "row 17: 经度/longitude
 * 'abc' is not a number"}; extra trailing empty values are ignored.
 *
 * <p>The CSV declares no CRS: {@link FeatureReader#declaredCrs()} is {@link ReadOptions#crs()}. The
 * file is scanned once up front when its encoding must be detected. Stateless and thread-safe; each
 * reader is single-threaded.
 */
public final class CsvFiles {

  private CsvFiles() {}

  /**
   * Opens a CSV file for streaming.
   *
   * @param options encoding, CRS and coordinate-column choices; {@code null} means {@link
   *     ReadOptions#defaults()}
   * @throws UnreadableFileException if there is no header row, no coordinate column or the encoding
   *     is unusable
   */
  public static FeatureReader open(Path csv, ReadOptions options) throws IOException {
    return CsvReader.open(csv, options);
  }

  /**
   * Opens a CSV for streaming while it is still arriving (an upload being received), reading {@code
   * in} once. Encoding as for a file, except that without a byte-order mark or a chosen charset
   * UTF-8 is <em>assumed</em> and checked byte by byte as the rows are read: content that is not
   * UTF-8 makes {@link FeatureReader#next()} throw {@link NotUtf8Exception} (possibly after rows
   * were returned, decoded wrongly), and the caller must then read the complete file again with
   * {@link #open(Path, ReadOptions)}, which detects GBK. The reader closes {@code in}.
   *
   * @param fileName the name for messages
   */
  public static FeatureReader open(InputStream in, String fileName, ReadOptions options)
      throws IOException {
    return CsvReader.open(in, fileName, options);
  }

  /**
   * The content of a CSV opened with {@link #open(InputStream, String, ReadOptions)} turned out not
   * to be UTF-8: everything read from it so far must be discarded and the complete file read again
   * with {@link #open(Path, ReadOptions)}.
   */
  public static final class NotUtf8Exception extends IOException {
    public NotUtf8Exception(String fileName) {
      super(fileName + " is not UTF-8: read it again as a whole to detect its encoding");
    }
  }
}
