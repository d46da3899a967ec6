package org.wangge.geo.index;

import java.util.function.IntConsumer;
import org.wangge.geo.index.internal.BruteForceComponentIndex;
import org.wangge.geo.index.internal.CellComponentIndex;

/**
 * Finds components by position among hundreds of thousands. Points are longitude, latitude in
 * degrees (CGCS2000) and are known by their <em>id</em>: their position in the arrays given to
 * {@link #build}.
 *
 * <p><b>Distances</b> are metres in the local equirectangular approximation around the query point
 * (longitude scaled by the cosine of the query latitude, mean Earth radius): within 0.1% of the
 * geodesic distance up to 10 km, and the same for every implementation, so results are exact with
 * respect to that metric. Ties are broken by the smaller id.
 *
 * <p>Immutable after build and safe to query from any number of threads.
 */
public interface ComponentIndex {

  /** The packed, cell-sorted index. {@code lons} and {@code lats} are copied. */
  static ComponentIndex build(double[] lons, double[] lats) {
    return CellComponentIndex.build(lons, lats);
  }

  /** A linear scan: the test oracle and benchmark baseline. */
  static ComponentIndex bruteForce(double[] lons, double[] lats) {
    return new BruteForceComponentIndex(lons, lats);
  }

  int size();

  double lon(int id);

  double lat(int id);

  /**
   * Calls {@code sink} with the id of every point inside the closed box, in no particular order;
   * returns how many.
   */
  int bbox(double minLon, double minLat, double maxLon, double maxLat, IntConsumer sink);

  /** Ids of the points inside the closed box, ascending. */
  default int[] bbox(double minLon, double minLat, double maxLon, double maxLat) {
    IntList ids = new IntList();
    bbox(minLon, minLat, maxLon, maxLat, ids::add);
    int[] result = ids.toArray();
    java.util.Arrays.sort(result);
    return result;
  }

  /** Ids of the points within {@code radiusMeters} of the point, nearest first. */
  int[] withinMeters(double lon, double lat, double radiusMeters);

  /** The ids of the {@code k} nearest points, nearest first (fewer when the index is smaller). */
  int[] nearest(double lon, double lat, int k);

  /** Distance in metres from the query point to point {@code id}, in the metric above. */
  static double distanceMeters(double lon, double lat, double pointLon, double pointLat) {
    double kx = Metric.metersPerDegreeLon(lat);
    double dx = (pointLon - lon) * kx;
    double dy = (pointLat - lat) * Metric.METERS_PER_DEGREE;
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** The metric's constants. */
  final class Metric {
    /** Metres per degree of latitude on the mean-radius sphere. */
    public static final double METERS_PER_DEGREE =
        Math.toRadians(org.wangge.geo.Geodesy.EARTH_RADIUS_METERS);

    private Metric() {}

    public static double metersPerDegreeLon(double lat) {
      return METERS_PER_DEGREE * Math.cos(Math.toRadians(lat));
    }
  }

  /** A growable int array for collecting ids without boxing. */
  final class IntList {
    private int[] values = new int[64];
    private int size;

    public void add(int value) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    public int size() {
      return size;
    }

    public int[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
