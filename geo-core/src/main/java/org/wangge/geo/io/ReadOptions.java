package org.wangge.geo.io;

import java.nio.charset.Charset;
import org.wangge.geo.crs.Crs;

/**
 * What the user said about a file when uploading it; every field is optional.
 *
 * @param charset text encoding of DBF or CSV; {@code null}: from {@code .cpg} / DBF language driver
 *     id, or detected (UTF-8 if the bytes are valid UTF-8, else GBK)
 * @param crs the coordinate system when the file declares none (or declares it wrongly); {@code
 *     null}: the file's own
 * @param xField CSV column holding longitude or easting; {@code null}: detected from common names
 *     (lon, lng, longitude, x, 经度, 横坐标 …)
 * @param yField CSV column holding latitude or northing; {@code null}: detected likewise
 * @param layer GeoPackage table to read; {@code null}: the only (or first) feature table
 */
public record ReadOptions(Charset charset, Crs crs, String xField, String yField, String layer) {

  public static ReadOptions defaults() {
    return new ReadOptions(null, null, null, null, null);
  }

  public ReadOptions withCharset(Charset value) {
    return new ReadOptions(value, crs, xField, yField, layer);
  }

  public ReadOptions withCrs(Crs value) {
    return new ReadOptions(charset, value, xField, yField, layer);
  }

  public ReadOptions withXyFields(String x, String y) {
    return new ReadOptions(charset, crs, x, y, layer);
  }

  public ReadOptions withLayer(String value) {
    return new ReadOptions(charset, crs, xField, yField, value);
  }
}
