package org.wangge.geo.io.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import mil.nga.geopackage.db.GeoPackageDataType;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Decodes GeoPackage geometry blobs (the {@code GP} header of OGC 12-128 §2.1.3 followed by ISO
 * WKB) to JTS, and column values to the types {@link org.wangge.geo.io.SourceFeature} carries.
 * Stateless and thread-safe.
 */
final class GpkgGeometries {

  private static final int[] ENVELOPE_BYTES = {0, 32, 48, 48, 64};

  private GpkgGeometries() {}

  /**
   * The geometry in {@code blob}.
   *
   * @throws IllegalArgumentException saying why it is not a GeoPackage geometry
   */
  static Geometry decode(byte[] blob) {
    if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
      throw new IllegalArgumentException(
          "not a GeoPackage geometry (no 'GP' header, " + blob.length + " bytes)");
    }
    int flags = blob[3];
    if ((flags & 0x20) != 0) {
      throw new IllegalArgumentException("extended GeoPackage geometry types are not supported");
    }
    int envelope = (flags >> 1) & 0x07;
    if (envelope >= ENVELOPE_BYTES.length) {
      throw new IllegalArgumentException("invalid envelope indicator " + envelope);
    }
    int offset = 8 + ENVELOPE_BYTES[envelope];
    if (blob.length <= offset) {
      throw new IllegalArgumentException("truncated: " + blob.length + " bytes");
    }
    byte[] wkb = new byte[blob.length - offset];
    System.arraycopy(blob, offset, wkb, 0, wkb.length);
    try {
      return new WKBReader().read(wkb);
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException("invalid WKB: " + e.getMessage(), e);
    }
  }

  /** A column value as String, Long, Double, Boolean, LocalDate or null, by its declared type. */
  static Object value(Object raw, GeoPackageDataType type) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof byte[] bytes) {
      return type == GeoPackageDataType.TEXT
          ? new String(bytes, StandardCharsets.UTF_8)
          : Base64.getEncoder().encodeToString(bytes);
    }
    if (type == null) {
      return normalise(raw);
    }
    return switch (type) {
      case BOOLEAN -> raw instanceof Number n ? n.longValue() != 0 : normalise(raw);
      case DATE -> {
        try {
          yield LocalDate.parse(raw.toString().trim());
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("'" + raw + "' is not a date (yyyy-mm-dd)", e);
        }
      }
      case TEXT, DATETIME -> raw.toString();
      case FLOAT, DOUBLE, REAL -> raw instanceof Number n ? n.doubleValue() : normalise(raw);
      default -> normalise(raw);
    };
  }

  private static Object normalise(Object raw) {
    if (raw instanceof Float f) {
      return Double.valueOf(f.toString());
    }
    if (raw instanceof Double) {
      return raw;
    }
    if (raw instanceof Number n) {
      return n.longValue();
    }
    return raw.toString();
  }
}
