package org.wangge.geo.index.internal;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.wangge.geo.index.ComponentIndex;

/** Scans every point: the oracle for {@link CellComponentIndex} and the benchmark baseline. */
public final class BruteForceComponentIndex implements ComponentIndex {

  private final double[] lons;
  private final double[] lats;

  public BruteForceComponentIndex(double[] lons, double[] lats) {
    CellComponentIndex.requireValid(lons, lats);
    this.lons = lons.clone();
    this.lats = lats.clone();
  }

  @Override
  public int size() {
    return lons.length;
  }

  @Override
  public double lon(int id) {
    return lons[id];
  }

  @Override
  public double lat(int id) {
    return lats[id];
  }

  @Override
  public int bbox(double minLon, double minLat, double maxLon, double maxLat, IntConsumer sink) {
    int count = 0;
    for (int i = 0; i < lons.length; i++) {
      if (lons[i] >= minLon && lons[i] <= maxLon && lats[i] >= minLat && lats[i] <= maxLat) {
        sink.accept(i);
        count++;
      }
    }
    return count;
  }

  @Override
  public int[] withinMeters(double lon, double lat, double radiusMeters) {
    CellComponentIndex.requireRadius(radiusMeters);
    return byDistance(lon, lat, Integer.MAX_VALUE, radiusMeters);
  }

  @Override
  public int[] nearest(double lon, double lat, int k) {
    CellComponentIndex.requireK(k);
    return byDistance(lon, lat, k, Double.POSITIVE_INFINITY);
  }

  private int[] byDistance(double lon, double lat, int k, double radius) {
    Integer[] ids = new Integer[lons.length];
    double[] d = new double[lons.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
      d[i] = ComponentIndex.distanceMeters(lon, lat, lons[i], lats[i]);
    }
    Arrays.sort(ids, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
    return Arrays.stream(ids).filter(i -> d[i] <= radius).limit(k).mapToInt(i -> i).toArray();
  }
}
