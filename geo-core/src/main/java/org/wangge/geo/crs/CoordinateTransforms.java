package org.wangge.geo.crs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wangge.geo.LonLat;

/**
 * Entry point for coordinate transformation between the {@link Crs} values Wangge supports, with
 * CGCS2000 lon/lat (EPSG:4490, {@link LonLat}) as the hub. WGS 84 and CGCS2000 are treated as the
 * same datum (they agree to a few centimetres); GCJ-02 and BD-09 are offset from WGS 84 by the
 * published formulas (see {@code ChineseWebOffsets}).
 *
 * <p>Thread-safe; transforms are cheap to obtain and may be shared.
 */
public final class CoordinateTransforms {

  private static final Map<Crs, CrsCodec> CODECS = new ConcurrentHashMap<>();

  private CoordinateTransforms() {}

  /** The transform from {@code from} to {@code to}; both in {@link Crs#axisOrder()}. */
  public static CrsTransform between(Crs from, Crs to) {
    return new CrsTransform(codec(from), codec(to));
  }

  /**
   * Converts {@code (x, y)} in {@code from} to CGCS2000 longitude, latitude.
   *
   * @throws IllegalArgumentException naming the value if it is outside {@code from}'s domain
   */
  public static LonLat toLonLat(Crs from, double x, double y) {
    double[] out = new double[2];
    codec(from).toLonLat(x, y, out, -1);
    return new LonLat(out[0], out[1]);
  }

  /**
   * Converts a CGCS2000 position to x, y in {@code to}.
   *
   * @throws IllegalArgumentException naming the value if it is outside {@code to}'s domain
   */
  public static XY fromLonLat(LonLat position, Crs to) {
    double[] out = new double[2];
    codec(to).fromLonLat(position.lon(), position.lat(), out, -1);
    return new XY(out[0], out[1]);
  }

  static CrsCodec codec(Crs crs) {
    return CODECS.computeIfAbsent(crs, CoordinateTransforms::newCodec);
  }

  private static CrsCodec newCodec(Crs crs) {
    if (crs.equals(Crs.GCJ02)) {
      return new WebOffsetCodec(crs, false);
    }
    if (crs.equals(Crs.BD09)) {
      return new WebOffsetCodec(crs, true);
    }
    int code = crs.epsgCode().orElseThrow();
    if (code == 4326 || code == 4490) {
      return new GeographicCodec(crs);
    }
    if (code == 3857) {
      return new WebMercatorCodec(crs);
    }
    return new GaussKrugerCodec(
        crs,
        GaussKrugerZone.ofEpsg(code)
            .orElseThrow(() -> new UnsupportedCrsException(crs + " has no transform")));
  }
}
