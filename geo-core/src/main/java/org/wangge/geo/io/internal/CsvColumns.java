package org.wangge.geo.io.internal;

import java.util.List;
import java.util.Locale;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Finds where a CSV keeps its geometry: the x/y columns the user named, else columns with common
 * longitude/latitude or x/y names (English or Chinese, any case), else a WKT column.
 *
 * @param x index of the x (longitude, easting) column, or -1
 * @param y index of the y (latitude, northing) column, or -1
 * @param wkt index of the WKT column, or -1 when x and y are used
 */
public record CsvColumns(int x, int y, int wkt) {

  /** Most specific first: "longitude" wins over "x" when a file has both. */
  static final List<String> X_NAMES =
      List.of(
          "lon", "lng", "long", "longitude", "经度", "x", "横坐标", "x坐标", "point_x", "easting", "东坐标");

  static final List<String> Y_NAMES =
      List.of("lat", "latitude", "纬度", "y", "纵坐标", "y坐标", "point_y", "northing", "北坐标");

  static final List<String> WKT_NAMES =
      List.of("wkt", "geometry", "geom", "the_geom", "shape", "几何");

  public boolean usesWkt() {
    return wkt >= 0;
  }

  /**
   * Resolves the geometry columns of a header.
   *
   * @param xField the user's x column or {@code null}
   * @param yField the user's y column or {@code null}
   * @throws UnreadableFileException naming the missing column and listing the header
   */
  public static CsvColumns resolve(List<String> header, String xField, String yField, String file)
      throws UnreadableFileException {
    if (xField != null || yField != null) {
      if (xField == null || yField == null) {
        throw new UnreadableFileException(
            "choose both the x (longitude) and the y (latitude) column for " + file);
      }
      return new CsvColumns(
          required(header, xField, "x", file), required(header, yField, "y", file), -1);
    }
    int x = first(header, X_NAMES);
    int y = first(header, Y_NAMES);
    if (x >= 0 && y >= 0) {
      return new CsvColumns(x, y, -1);
    }
    int wkt = first(header, WKT_NAMES);
    if (wkt >= 0) {
      return new CsvColumns(-1, -1, wkt);
    }
    throw new UnreadableFileException(
        file
            + " has no coordinate columns: expected longitude/latitude columns (lon/lat, 经度/纬度,"
            + " x/y, 横坐标/纵坐标 …) or a WKT column; its columns are "
            + header
            + ". Choose the x and y columns on upload");
  }

  private static int required(List<String> header, String name, String axis, String file)
      throws UnreadableFileException {
    int i = indexOf(header, name);
    if (i < 0) {
      throw new UnreadableFileException(
          file
              + " has no column '"
              + name
              + "' (chosen as "
              + axis
              + "); its columns are "
              + header);
    }
    return i;
  }

  private static int first(List<String> header, List<String> names) {
    for (String name : names) {
      int i = indexOf(header, name);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(List<String> header, String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).toLowerCase(Locale.ROOT).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }
}
