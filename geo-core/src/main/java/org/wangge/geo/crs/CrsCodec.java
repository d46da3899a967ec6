package org.wangge.geo.crs;

/**
 * Converts one CRS to and from CGCS2000 longitude, latitude in degrees, the hub every {@link
 * CrsTransform} passes through. Implementations validate their input and are thread-safe.
 *
 * <p>{@code index} is the point's position in a batch, for error messages; negative for a single
 * point.
 */
interface CrsCodec {

  Crs crs();

  /** Writes CGCS2000 lon, lat (degrees) of {@code (x, y)} into {@code out[0]}, {@code out[1]}. */
  void toLonLat(double x, double y, double[] out, int index);

  /** Writes x, y of CGCS2000 {@code (lon, lat)} into {@code out[0]}, {@code out[1]}. */
  void fromLonLat(double lon, double lat, double[] out, int index);

  /** A number as written, never in E notation: 40561526.5066112, not 4.05615265066112E7. */
  static String plain(double value) {
    return Double.isFinite(value)
        ? java.math.BigDecimal.valueOf(value).toPlainString()
        : String.valueOf(value);
  }

  static String at(int index) {
    return index < 0 ? "" : "point " + index + ": ";
  }

  /** Rejects non-finite or out-of-range longitude and latitude, naming the value and the CRS. */
  static void requireLonLat(double lon, double lat, Crs crs, int index) {
    if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
      throw new IllegalArgumentException(
          at(index)
              + "longitude "
              + plain(lon)
              + " is outside [-180, 180] degrees in "
              + crs.id()
              + " (is the axis order lat, lon, or are these projected metres?)");
    }
    if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
      throw new IllegalArgumentException(
          at(index)
              + "latitude "
              + plain(lat)
              + " is outside [-90, 90] degrees in "
              + crs.id()
              + " (is the axis order lat, lon, or are these projected metres?)");
    }
  }

  static void requireFinite(double x, double y, Crs crs, int index) {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException(
          at(index)
              + "coordinates ("
              + plain(x)
              + ", "
              + plain(y)
              + ") in "
              + crs.id()
              + " are not finite");
    }
  }
}
