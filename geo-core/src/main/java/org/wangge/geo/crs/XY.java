package org.wangge.geo.crs;

/**
 * A transformed position in the axis order of its CRS ({@link Crs#axisOrder()}): longitude,
 * latitude in degrees or easting, northing in metres.
 */
public record XY(double x, double y) {

  public XY {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("coordinates (" + x + ", " + y + ") are not finite");
    }
  }
}
