package org.wangge.geo.crs;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A coordinate reference system that Wangge can transform: WGS 84 (EPSG:4326), CGCS2000 (EPSG:4490,
 * Wangge's internal lon/lat), the 64 CGCS2000 Gauss-Krüger zones (EPSG:4491–4554), Web Mercator
 * (EPSG:3857) and the Chinese web-map pseudo-systems GCJ-02 and BD-09, which have no EPSG code.
 *
 * <p>Axis order is always x = longitude or easting, y = latitude or northing, whatever EPSG says:
 * EPSG lists latitude first for 4326/4490 and northing ("X") first for the Gauss-Krüger zones, as
 * Chinese survey tables do. Swap such columns before calling a transform.
 *
 * <p>Obtain values from {@link #epsg}, {@link #parse}, {@link #gaussKruger} or the constants; the
 * constructor rejects combinations that are not in the catalogue.
 */
public record Crs(String id, String name, Kind kind) {

  /** Geographic or projected; GCJ-02 and BD-09 count as geographic (degrees). */
  public enum Kind {
    GEOGRAPHIC,
    PROJECTED
  }

  /** The order of x and y in every transform call. */
  public enum AxisOrder {
    /** x = longitude, y = latitude, degrees. */
    LON_LAT,
    /** x = easting, y = northing, metres. */
    EASTING_NORTHING
  }

  public static final Crs WGS84 = epsg(4326);
  public static final Crs CGCS2000 = epsg(4490);
  public static final Crs WEB_MERCATOR = epsg(3857);
  public static final Crs GCJ02 = byId(CrsCatalog.GCJ02_ID);
  public static final Crs BD09 = byId(CrsCatalog.BD09_ID);

  public Crs {
    Objects.requireNonNull(id, "CRS id is missing");
    CrsCatalog.Definition definition =
        CrsCatalog.lookup(id)
            .orElseThrow(
                () ->
                    new UnsupportedCrsException(
                        "coordinate reference system '"
                            + id
                            + "' is not supported; "
                            + CrsCatalog.SUPPORTED));
    if (!definition.name().equals(name) || definition.kind() != kind) {
      throw new IllegalArgumentException(
          "CRS "
              + id
              + " is '"
              + definition.name()
              + "' ("
              + definition.kind()
              + "), not '"
              + name
              + "' ("
              + kind
              + "); use Crs.epsg or Crs.parse");
    }
  }

  /**
   * The CRS with this EPSG code.
   *
   * @throws UnsupportedCrsException naming the code if it is not supported; legacy Chinese datums
   *     (Beijing 1954, Xian 1980, New Beijing) get a message saying why they are refused
   */
  public static Crs epsg(int code) {
    if (CrsCatalog.isLegacyChineseDatum(code)) {
      throw new UnsupportedCrsException(
          "EPSG:"
              + code
              + " is a legacy Chinese datum and is not supported."
              + CrsCatalog.LEGACY_DATUM_REASON);
    }
    return byId("EPSG:" + code);
  }

  /**
   * Parses "EPSG:4549", "4549", "CGCS2000", "WGS84", "WebMercator", "GCJ02"/"GCJ-02" or
   * "BD09"/"BD-09" (case and separators ignored).
   *
   * @throws UnsupportedCrsException naming the text if it is not a supported CRS
   */
  public static Crs parse(String text) {
    if (text == null || text.isBlank()) {
      throw new UnsupportedCrsException(
          "coordinate reference system is missing; " + CrsCatalog.SUPPORTED);
    }
    String id = CrsCatalog.canonicalId(text);
    if (id.startsWith("EPSG:")) {
      return epsg(Integer.parseInt(id.substring(5)));
    }
    return byId(id);
  }

  /**
   * The CGCS2000 Gauss-Krüger zone with this width (3 or 6 degrees) and central meridian (degrees
   * east), with or without the zone number prefixed to the false easting.
   *
   * @throws IllegalArgumentException naming the meridian if no zone of that width has it
   */
  public static Crs gaussKruger(
      int zoneWidthDegrees, double centralMeridianDegrees, boolean zonePrefix) {
    return epsg(
        GaussKrugerZone.ofCentralMeridian(zoneWidthDegrees, centralMeridianDegrees, zonePrefix)
            .epsgCode());
  }

  private static Crs byId(String id) {
    CrsCatalog.Definition d =
        CrsCatalog.lookup(id)
            .orElseThrow(
                () ->
                    new UnsupportedCrsException(
                        "coordinate reference system "
                            + id
                            + " is not supported; "
                            + CrsCatalog.SUPPORTED));
    return new Crs(id, d.name(), d.kind());
  }

  /** The EPSG code, or empty for GCJ-02 and BD-09. */
  public OptionalInt epsgCode() {
    return id.startsWith("EPSG:")
        ? OptionalInt.of(Integer.parseInt(id.substring(5)))
        : OptionalInt.empty();
  }

  public AxisOrder axisOrder() {
    return kind == Kind.PROJECTED ? AxisOrder.EASTING_NORTHING : AxisOrder.LON_LAT;
  }

  public boolean isGeographic() {
    return kind == Kind.GEOGRAPHIC;
  }

  @Override
  public String toString() {
    return id + " (" + name + ")";
  }
}
