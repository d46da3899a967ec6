package org.wangge.geo.crs;

import java.util.Optional;

/**
 * One of the 64 CGCS2000 Gauss-Krüger zones, EPSG:4491–4554: transverse Mercator on the GRS80
 * ellipsoid, latitude of origin 0, scale 1, false northing 0.
 *
 * <ul>
 *   <li>4491–4501: 6° zones 13–23 (central meridian 75°E–135°E), false easting with zone prefix
 *   <li>4502–4512: the same 6° zones as "CM 75E"–"CM 135E", false easting 500 000 m
 *   <li>4513–4533: 3° zones 25–45 (central meridian 75°E–135°E), false easting with zone prefix
 *   <li>4534–4554: the same 3° zones as "CM 75E"–"CM 135E", false easting 500 000 m
 * </ul>
 *
 * <p>With the prefix the false easting is {@code zone × 1 000 000 + 500 000} m, so EPSG:4528 (3°
 * zone 40) writes eastings as {@code 40xxxxxx.x}.
 */
record GaussKrugerZone(int widthDegrees, int zone, boolean zonePrefix) {

  static final int FIRST_CODE = 4491;
  static final int LAST_CODE = 4554;
  static final double UNPREFIXED_FALSE_EASTING = 500_000;

  GaussKrugerZone {
    if (widthDegrees == 6) {
      if (zone < 13 || zone > 23) {
        throw new IllegalArgumentException(
            "6-degree Gauss-Krüger zone " + zone + " is outside CGCS2000's zones 13–23");
      }
    } else if (widthDegrees == 3) {
      if (zone < 25 || zone > 45) {
        throw new IllegalArgumentException(
            "3-degree Gauss-Krüger zone " + zone + " is outside CGCS2000's zones 25–45");
      }
    } else {
      throw new IllegalArgumentException(
          "Gauss-Krüger zone width " + widthDegrees + "° is neither 3 nor 6");
    }
  }

  /** The zone of an EPSG code in 4491–4554, or empty for any other code. */
  static Optional<GaussKrugerZone> ofEpsg(int code) {
    if (code < FIRST_CODE || code > LAST_CODE) {
      return Optional.empty();
    }
    if (code <= 4501) {
      return Optional.of(new GaussKrugerZone(6, 13 + code - 4491, true));
    }
    if (code <= 4512) {
      return Optional.of(new GaussKrugerZone(6, 13 + code - 4502, false));
    }
    if (code <= 4533) {
      return Optional.of(new GaussKrugerZone(3, 25 + code - 4513, true));
    }
    return Optional.of(new GaussKrugerZone(3, 25 + code - 4534, false));
  }

  /**
   * The zone whose central meridian is {@code centralMeridianDegrees} (east of Greenwich).
   *
   * @throws IllegalArgumentException naming the meridian when it is not a zone's central meridian
   */
  static GaussKrugerZone ofCentralMeridian(
      int widthDegrees, double centralMeridianDegrees, boolean zonePrefix) {
    if (widthDegrees != 3 && widthDegrees != 6) {
      throw new IllegalArgumentException(
          "Gauss-Krüger zone width " + widthDegrees + "° is neither 3 nor 6");
    }
    // 6° zone n has its central meridian at 6n − 3, 3° zone n at 3n.
    double zone = widthDegrees == 6 ? (centralMeridianDegrees + 3) / 6 : centralMeridianDegrees / 3;
    if (!Double.isFinite(zone) || zone != Math.rint(zone)) {
      throw new IllegalArgumentException(
          "central meridian "
              + centralMeridianDegrees
              + "° is not the central meridian of a "
              + widthDegrees
              + "-degree Gauss-Krüger zone");
    }
    int first = widthDegrees == 6 ? 13 : 25;
    int last = widthDegrees == 6 ? 23 : 45;
    if (zone < first || zone > last) {
      throw new IllegalArgumentException(
          "central meridian "
              + centralMeridianDegrees
              + "° is outside CGCS2000's "
              + widthDegrees
              + "-degree Gauss-Krüger zones (75°E–135°E)");
    }
    return new GaussKrugerZone(widthDegrees, (int) zone, zonePrefix);
  }

  int epsgCode() {
    if (widthDegrees == 6) {
      return (zonePrefix ? 4491 : 4502) + zone - 13;
    }
    return (zonePrefix ? 4513 : 4534) + zone - 25;
  }

  /** Central meridian in degrees east of Greenwich. */
  int centralMeridianDegrees() {
    return widthDegrees == 6 ? 6 * zone - 3 : 3 * zone;
  }

  /** False easting in metres: 500 000, plus {@code zone × 1 000 000} with the zone prefix. */
  double falseEastingMeters() {
    return zonePrefix ? zone * 1_000_000.0 + UNPREFIXED_FALSE_EASTING : UNPREFIXED_FALSE_EASTING;
  }

  /** The EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 120E". */
  String name() {
    String prefix =
        widthDegrees == 3 ? "CGCS2000 / 3-degree Gauss-Kruger " : "CGCS2000 / Gauss-Kruger ";
    return prefix + (zonePrefix ? "zone " + zone : "CM " + centralMeridianDegrees() + "E");
  }

  /**
   * PROJ parameters for proj4j. {@code etmerc} is proj4j's port of the Poder/Engsager series that
   * PROJ (since 6) uses for {@code tmerc}; proj4j's own {@code tmerc} is the older Snyder series.
   */
  String proj4Parameters() {
    return "+proj=etmerc +lat_0=0 +lon_0="
        + centralMeridianDegrees()
        + " +k=1 +x_0="
        + (long) falseEastingMeters()
        + " +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";
  }
}
