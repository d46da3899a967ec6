package org.wangge.geo.io;

import java.io.IOException;
import java.nio.file.Path;
import org.wangge.geo.io.internal.GeoJsonFeatureReader;

/**
 * Opens GeoJSON files: a {@code FeatureCollection} (streamed feature by feature), a single {@code
 * Feature} or a bare geometry.
 *
 * <p><b>Fields.</b> The file is read twice: a first pass collects the union of all property names
 * in order of first appearance (skipping geometries), so {@link FeatureReader#fieldNames()} is
 * complete and fixed before the first feature and every feature's values line up with it; the
 * second pass returns the features. Memory holds one feature at a time. Property values become
 * {@code String}, {@code Long} (integers that fit), {@code Double}, {@code Boolean} or {@code
 * null}; nested objects and arrays become their JSON text, integers beyond {@code long} their
 * digits as a {@code String}; a property a feature lacks is {@code null}.
 *
 * <p><b>CRS.</b> The legacy (2008) {@code crs} member ({@code "urn:ogc:def:crs:EPSG::4549"}, {@code
 * "EPSG:4490"}, {@code "urn:ogc:def:crs:OGC:1.3:CRS84"}) is the declared CRS. Without a {@code crs}
 * member RFC 7946 applies and the declared CRS is WGS 84; {@code "crs": null} declares none. {@link
 * ReadOptions#crs()}, when given, overrides whatever the file says (survey teams often export
 * CGCS2000 or Gauss-Krüger coordinates without saying so). A declared CRS Wangge does not support
 * makes the file unreadable unless the options give one.
 *
 * <p><b>Errors.</b> A feature whose geometry is structurally wrong (a string coordinate, an
 * unclosed ring, an unknown type) comes back unreadable with the reason; malformed JSON throws
 * {@link UnreadableFileException} naming the line and column, from {@link FeatureReader#next()}
 * when the features before it were fine, so those come back first.
 */
public final class GeoJsonFiles {

  private GeoJsonFiles() {}

  /**
   * Opens {@code file} for reading.
   *
   * @throws UnreadableFileException if it is not GeoJSON, is malformed before its first feature or
   *     declares an unsupported CRS
   */
  public static FeatureReader open(Path file, ReadOptions options) throws IOException {
    return GeoJsonFeatureReader.open(file, options == null ? ReadOptions.defaults() : options);
  }
}
