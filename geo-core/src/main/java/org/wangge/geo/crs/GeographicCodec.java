package org.wangge.geo.crs;

/**
 * WGS 84 and CGCS2000 lon/lat: identical to Wangge (they differ by centimetres), so a range check.
 */
record GeographicCodec(Crs crs) implements CrsCodec {

  @Override
  public void toLonLat(double x, double y, double[] out, int index) {
    CrsCodec.requireLonLat(x, y, crs, index);
    out[0] = x;
    out[1] = y;
  }

  @Override
  public void fromLonLat(double lon, double lat, double[] out, int index) {
    CrsCodec.requireLonLat(lon, lat, crs, index);
    out[0] = lon;
    out[1] = lat;
  }
}
