package org.wangge.geo.io;

import java.io.IOException;
import java.nio.file.Path;
import org.wangge.geo.io.internal.FgbFeatureReader;

/**
 * Opens FlatGeobuf files ({@code .fgb}, format version 3), streaming the features in file order
 * (with a spatial index, GDAL writes them in Hilbert-curve order, not the order of its source).
 *
 * <p>Fields are the header's columns. Values: the integer types → {@code Long} (a {@code ULong}
 * above {@code Long.MAX_VALUE} → its digits as {@code String}), Float/Double → {@code Double}, Bool
 * → {@code Boolean}, String and Json → {@code String}, Binary → Base64 {@code String}, DateTime →
 * {@code java.time.LocalDate} when it is a date or a local midnight (FlatGeobuf has no date type,
 * and GDAL writes date fields as midnight), otherwise its ISO-8601 text. A column a feature does
 * not set is {@code null}.
 *
 * <p>The declared CRS is the header's {@code crs}: organisation (EPSG when absent) and code, else
 * its WKT; none when the header has neither. {@link ReadOptions#crs()}, when given, overrides it. A
 * feature whose geometry or properties cannot be decoded comes back unreadable; a truncated file
 * throws {@link UnreadableFileException} after the last complete feature.
 */
public final class FlatGeobufFiles {

  private FlatGeobufFiles() {}

  /**
   * Opens {@code file} for reading.
   *
   * @throws UnreadableFileException if it is not FlatGeobuf, its header is corrupt or it declares
   *     an unsupported CRS
   */
  public static FeatureReader open(Path file, ReadOptions options) throws IOException {
    return FgbFeatureReader.open(file, options == null ? ReadOptions.defaults() : options);
  }
}
