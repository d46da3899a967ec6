package org.wangge.geo.io;

import java.io.IOException;
import java.nio.file.Path;
import org.wangge.geo.io.internal.ShpReader;

/**
 * Reads ESRI Shapefiles: {@code .shp} with its {@code .shx} and {@code .dbf}, an optional {@code
 * .prj} (the declared CRS) and an optional {@code .cpg} (the attribute encoding).
 *
 * <p>Geometries: Point, MultiPoint, PolyLine and Polygon, with Z (kept) or M (dropped). A PolyLine
 * of one part is a {@code LineString}, of several a {@code MultiLineString}; polygon rings follow
 * the ESRI rule (clockwise shells, counter-clockwise holes), each hole going to the smallest shell
 * that contains it, giving a {@code Polygon} or a {@code MultiPolygon}. A null shape gives a
 * feature with a {@code null} geometry. MultiPatch files are refused.
 *
 * <p>Attributes: C → {@code String}, N/F → {@code Long} (no decimals) or {@code Double}, I → {@code
 * Long}, L → {@code Boolean}, D → {@code LocalDate}; padding is trimmed and blank values are {@code
 * null}. Text encoding, first match wins: {@link ReadOptions#charset()}, the {@code .cpg} ({@code
 * UTF-8}, {@code GBK}, {@code 936}, {@code CP936} …), the DBF language driver id (0x4D and 0x7A =
 * GBK; 0x57 "ANSI" is read as GBK, the ANSI code page of Chinese Windows), else GBK. Deleted DBF
 * records are skipped; {@link SourceFeature#row()} stays the record number.
 *
 * <p>The CRS is {@link ReadOptions#crs()} if given, else the one the {@code .prj} names, else none.
 * A corrupt record (offset past the end of the file, inconsistent counts, an unparsable date) comes
 * back as an unreadable row naming the problem; a broken header, a missing {@code .shx} or {@code
 * .dbf}, an unknown code page or an unsupported {@code .prj} throw {@link UnreadableFileException}.
 * Stateless and thread-safe; each reader is single-threaded.
 */
public final class Shapefiles {

  private Shapefiles() {}

  /**
   * Opens a Shapefile for streaming.
   *
   * @param shp the {@code .shp} file; its siblings are found by base name, extension in any case
   * @param options encoding and CRS overrides; {@code null} means {@link ReadOptions#defaults()}
   * @throws UnreadableFileException naming the missing part, broken header or unknown code page
   */
  public static FeatureReader open(Path shp, ReadOptions options) throws IOException {
    return ShpReader.open(shp, options);
  }
}
