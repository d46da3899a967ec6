package org.wangge.geo.crs;

/**
 * The GCJ-02 ("Mars coordinates") and BD-09 offsets used by Chinese web maps (AMap/Gaode, Tencent,
 * Google China use GCJ-02; Baidu uses BD-09). Both are deliberate, non-linear distortions of WGS 84
 * of a few hundred metres; they are not datums and have no EPSG code.
 *
 * <p>GCJ-02 is computed with the formula that has been public since about 2010 (e.g. the {@code
 * coordtransform} npm package, {@code eviltransform}): the offset is a sum of sines of (lon − 105°,
 * lat − 35°), scaled to degrees on the Krasovsky ellipsoid (a = 6 378 245 m, e² =
 * 0.00669342162296594323). It is applied only inside China's rough bounding box lon 73.66–135.05°,
 * lat 3.86–53.55° (as {@code coordtransform} does); outside it GCJ-02 equals WGS 84. The inverse
 * has no closed form and is found by fixed-point iteration to 1e-10° (about 0.01 mm).
 *
 * <p>BD-09 is GCJ-02 rotated and scaled in polar form around the origin with x_pi = π × 3000 / 180,
 * then shifted by (0.0065°, 0.006°). The standard closed-form inverse (as in {@code
 * coordtransform}) is off by up to about 1e-6° (0.1 m), so it is only the starting point of the
 * same fixed-point iteration, to 1e-10°.
 *
 * <p>All methods take and write longitude, latitude in degrees; stateless and thread-safe.
 */
final class ChineseWebOffsets {

  private static final double KRASOVSKY_A = 6378245.0;
  private static final double KRASOVSKY_EE = 0.00669342162296594323;
  private static final double X_PI = Math.PI * 3000.0 / 180.0;
  private static final double INVERSE_TOLERANCE_DEGREES = 1e-10;
  private static final int INVERSE_MAX_ITERATIONS = 30;

  private ChineseWebOffsets() {}

  /** True outside the box where GCJ-02 applies its offset. */
  static boolean outOfChina(double lon, double lat) {
    return !(lon > 73.66 && lon < 135.05 && lat > 3.86 && lat < 53.55);
  }

  /** WGS 84 → GCJ-02; writes lon, lat into {@code out[0]}, {@code out[1]}. */
  static void wgs84ToGcj02(double lon, double lat, double[] out) {
    if (outOfChina(lon, lat)) {
      out[0] = lon;
      out[1] = lat;
      return;
    }
    double dLat = offsetLat(lon - 105.0, lat - 35.0);
    double dLon = offsetLon(lon - 105.0, lat - 35.0);
    double radLat = Math.toRadians(lat);
    double magic = Math.sin(radLat);
    magic = 1 - KRASOVSKY_EE * magic * magic;
    double sqrtMagic = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic) * Math.PI);
    dLon = (dLon * 180.0) / (KRASOVSKY_A / sqrtMagic * Math.cos(radLat) * Math.PI);
    out[0] = lon + dLon;
    out[1] = lat + dLat;
  }

  /**
   * GCJ-02 → WGS 84 by iterating {@code w ← w + (g − gcj(w))} from {@code w = g}; the offset
   * changes by well under 1% of a step, so this converges in a handful of rounds.
   */
  static void gcj02ToWgs84(double lon, double lat, double[] out) {
    double wLon = lon;
    double wLat = lat;
    for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
      wgs84ToGcj02(wLon, wLat, out);
      double eLon = lon - out[0];
      double eLat = lat - out[1];
      wLon += eLon;
      wLat += eLat;
      if (Math.abs(eLon) < INVERSE_TOLERANCE_DEGREES
          && Math.abs(eLat) < INVERSE_TOLERANCE_DEGREES) {
        break;
      }
    }
    out[0] = wLon;
    out[1] = wLat;
  }

  /** GCJ-02 → BD-09. */
  static void gcj02ToBd09(double lon, double lat, double[] out) {
    double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
    double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
    out[0] = z * Math.cos(theta) + 0.0065;
    out[1] = z * Math.sin(theta) + 0.006;
  }

  /** BD-09 → GCJ-02: the standard approximate inverse, refined until it reproduces the input. */
  static void bd09ToGcj02(double lon, double lat, double[] out) {
    approximateBd09ToGcj02(lon, lat, out);
    double gLon = out[0];
    double gLat = out[1];
    for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
      gcj02ToBd09(gLon, gLat, out);
      double eLon = lon - out[0];
      double eLat = lat - out[1];
      gLon += eLon;
      gLat += eLat;
      if (Math.abs(eLon) < INVERSE_TOLERANCE_DEGREES
          && Math.abs(eLat) < INVERSE_TOLERANCE_DEGREES) {
        break;
      }
    }
    out[0] = gLon;
    out[1] = gLat;
  }

  /** The standard closed-form BD-09 → GCJ-02, accurate to about 1e-6°. */
  static void approximateBd09ToGcj02(double lon, double lat, double[] out) {
    double x = lon - 0.0065;
    double y = lat - 0.006;
    double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
    double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
    out[0] = z * Math.cos(theta);
    out[1] = z * Math.sin(theta);
  }

  private static double offsetLat(double x, double y) {
    double ret =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
    ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
    return ret;
  }

  private static double offsetLon(double x, double y) {
    double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
    ret +=
        (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    return ret;
  }
}
