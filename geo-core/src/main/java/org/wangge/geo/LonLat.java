package org.wangge.geo;

/**
 * A position as longitude and latitude in degrees, CGCS2000 (EPSG:4490) unless a method says
 * otherwise. CGCS2000 and WGS84 agree to a few centimetres, so both are read into this type.
 *
 * <p>Rejects values outside [-180, 180] × [-90, 90] and non-finite values with a message naming the
 * value; see {@link #requireInChina} for the stricter check that catches swapped axes.
 */
public record LonLat(double lon, double lat) {

  /** Bounding box of mainland China and its seas used to catch swapped or projected input. */
  public static final double CHINA_MIN_LON = 73.0;

  public static final double CHINA_MAX_LON = 136.0;
  public static final double CHINA_MIN_LAT = 3.0;
  public static final double CHINA_MAX_LAT = 54.0;

  public LonLat {
    if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
      throw new IllegalArgumentException(
          "longitude " + lon + " is outside [-180, 180] degrees (is the axis order lat, lon?)");
    }
    if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
      throw new IllegalArgumentException(
          "latitude " + lat + " is outside [-90, 90] degrees (is the axis order lat, lon?)");
    }
  }

  public static LonLat of(double lon, double lat) {
    return new LonLat(lon, lat);
  }

  /**
   * Returns this position if it lies in China's bounding box (lon 73–136°, lat 3–54°), otherwise
   * throws with a message that names the value and suggests the likely mistake.
   */
  public LonLat requireInChina() {
    boolean lonOk = lon >= CHINA_MIN_LON && lon <= CHINA_MAX_LON;
    boolean latOk = lat >= CHINA_MIN_LAT && lat <= CHINA_MAX_LAT;
    if (lonOk && latOk) {
      return this;
    }
    boolean swapped =
        lat >= CHINA_MIN_LON
            && lat <= CHINA_MAX_LON
            && lon >= CHINA_MIN_LAT
            && lon <= CHINA_MAX_LAT;
    throw new IllegalArgumentException(
        "position (lon "
            + lon
            + ", lat "
            + lat
            + ") is outside China (lon 73–136°, lat 3–54°)"
            + (swapped ? ": longitude and latitude look swapped" : ""));
  }

  /**
   * Great-circle distance in metres on a sphere of radius 6,371,008.8 m (the mean Earth radius);
   * within 0.5% of the ellipsoidal distance, which is ample for "nearest grid" answers.
   */
  public double distanceMeters(LonLat other) {
    return Geodesy.haversineMeters(lon, lat, other.lon, other.lat);
  }

  @Override
  public String toString() {
    return "(" + lon + ", " + lat + ")";
  }
}
