package org.wangge.geo.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.wangge.geo.io.internal.GpkgFeatureReader;

/**
 * Opens the feature tables of OGC GeoPackage files ({@code .gpkg}).
 *
 * <p>The table read is {@link ReadOptions#layer()}, or else the first feature table in {@code
 * gpkg_contents} order (the order the tables were created in); when there are several, {@link
 * FeatureReader#describe()} names the others. Fields are the table's columns in table order except
 * the geometry column and the integer primary key ({@code fid} as GDAL and ArcGIS write it). Values
 * follow the declared column types: integers → {@code Long}, REAL/FLOAT/DOUBLE → {@code Double},
 * BOOLEAN → {@code Boolean}, DATE → {@code java.time.LocalDate}, TEXT and DATETIME → {@code
 * String}, BLOB → Base64 {@code String}. Rows come in primary-key order; a geometry blob that
 * cannot be decoded makes that row unreadable, naming its primary key.
 *
 * <p>The declared CRS is the table's SRS: its EPSG organisation code, else its definition WKT
 * (identified by {@link org.wangge.geo.crs.PrjFiles}); SRS ids 0 and -1 (undefined) declare none.
 * {@link ReadOptions#crs()}, when given, overrides it. Nothing is written to the file.
 */
public final class GeoPackages {

  private GeoPackages() {}

  /**
   * Opens one feature table of {@code file} for reading.
   *
   * @throws UnreadableFileException if the file is not a GeoPackage (or is corrupt), has no feature
   *     table, lacks the requested layer (naming those it has) or declares an unsupported CRS
   */
  public static FeatureReader open(Path file, ReadOptions options) throws IOException {
    return GpkgFeatureReader.open(file, options == null ? ReadOptions.defaults() : options);
  }

  /**
   * The feature tables of {@code file} in {@code gpkg_contents} order, to offer a choice of layer.
   *
   * @throws UnreadableFileException if the file is not a GeoPackage or is corrupt
   */
  public static List<String> featureTables(Path file) throws IOException {
    return GpkgFeatureReader.featureTables(file);
  }
}
