package org.wangge.geo.crs;

/**
 * EPSG:3857 through proj4j-epsg's definition: spherical Mercator on a = 6 378 137 m, fed WGS 84
 * lon/lat unchanged (no datum shift), as every web map does.
 */
final class WebMercatorCodec implements CrsCodec {

  /** Latitude where the square world map ends, {@code atan(sinh(π))}. */
  static final double MAX_LATITUDE = 85.05112877980659;

  /** Half the world's width in metres, {@code π × 6 378 137}. */
  static final double MAX_METERS = 20_037_508.342789244;

  private final Crs crs;
  private final Proj4jProjection projection;

  WebMercatorCodec(Crs crs) {
    this.crs = crs;
    this.projection =
        new Proj4jProjection(
            Proj4jProjection.epsgParameters(4326), Proj4jProjection.epsgParameters(3857));
  }

  @Override
  public Crs crs() {
    return crs;
  }

  @Override
  public void fromLonLat(double lon, double lat, double[] out, int index) {
    CrsCodec.requireLonLat(lon, lat, crs, index);
    if (Math.abs(lat) > MAX_LATITUDE) {
      throw new IllegalArgumentException(
          CrsCodec.at(index)
              + "latitude "
              + CrsCodec.plain(lat)
              + " is beyond ±"
              + MAX_LATITUDE
              + "°, where "
              + crs
              + " ends");
    }
    projection.forward(lon, lat, out);
  }

  @Override
  public void toLonLat(double x, double y, double[] out, int index) {
    CrsCodec.requireFinite(x, y, crs, index);
    if (Math.abs(x) > MAX_METERS + 1e-3 || Math.abs(y) > MAX_METERS + 1e-3) {
      throw new IllegalArgumentException(
          CrsCodec.at(index)
              + "("
              + CrsCodec.plain(x)
              + ", "
              + CrsCodec.plain(y)
              + ") is outside "
              + crs
              + ", whose x and y lie within ±"
              + CrsCodec.plain(MAX_METERS)
              + " m");
    }
    projection.inverse(x, y, out);
  }
}
