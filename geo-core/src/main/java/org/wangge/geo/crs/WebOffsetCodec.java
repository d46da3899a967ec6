package org.wangge.geo.crs;

/** GCJ-02 or BD-09 lon/lat through {@link ChineseWebOffsets}; WGS 84 is taken as CGCS2000. */
record WebOffsetCodec(Crs crs, boolean baidu) implements CrsCodec {

  @Override
  public void toLonLat(double x, double y, double[] out, int index) {
    CrsCodec.requireLonLat(x, y, crs, index);
    if (baidu) {
      ChineseWebOffsets.bd09ToGcj02(x, y, out);
      ChineseWebOffsets.gcj02ToWgs84(out[0], out[1], out);
    } else {
      ChineseWebOffsets.gcj02ToWgs84(x, y, out);
    }
  }

  @Override
  public void fromLonLat(double lon, double lat, double[] out, int index) {
    CrsCodec.requireLonLat(lon, lat, crs, index);
    ChineseWebOffsets.wgs84ToGcj02(lon, lat, out);
    if (baidu) {
      ChineseWebOffsets.gcj02ToBd09(out[0], out[1], out);
    }
  }
}
