package org.wangge.geo.index.internal;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.wangge.geo.index.ComponentIndex;

/**
 * Points bucketed into a uniform cell grid and stored cell by cell in packed arrays (no object per
 * point): a box query reads one contiguous run of the arrays per cell row it spans. About eight
 * points per cell on average; k-nearest searches rings of cells outwards until no unseen cell can
 * hold a closer point.
 */
public final class CellComponentIndex implements ComponentIndex {

  private static final int POINTS_PER_CELL = 8;

  private final double[] lons;
  private final double[] lats;
  private final double[] xs;
  private final double[] ys;
  private final int[] ids;
  private final int[] cellStart;
  private final double minX;
  private final double minY;
  private final double cellSize;
  private final int nx;
  private final int ny;

  private CellComponentIndex(double[] lons, double[] lats) {
    requireValid(lons, lats);
    int n = lons.length;
    this.lons = lons.clone();
    this.lats = lats.clone();
    double x0 = Double.POSITIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      x0 = Math.min(x0, lons[i]);
      y0 = Math.min(y0, lats[i]);
      x1 = Math.max(x1, lons[i]);
      y1 = Math.max(y1, lats[i]);
    }
    if (n == 0) {
      x0 = y0 = 0;
      x1 = y1 = 1;
    }
    double w = Math.max(x1 - x0, 1e-9);
    double h = Math.max(y1 - y0, 1e-9);
    double size = Math.sqrt(w * h * POINTS_PER_CELL / Math.max(1, n));
    minX = x0;
    minY = y0;
    nx = Math.max(1, Math.min(1 << 14, (int) (w / size) + 1));
    ny = Math.max(1, Math.min(1 << 14, (int) (h / size) + 1));
    cellSize = Math.max(w / (nx - 0.5), h / (ny - 0.5));

    int[] cellOf = new int[n];
    cellStart = new int[nx * ny + 1];
    for (int i = 0; i < n; i++) {
      cellOf[i] = cell(column(lons[i]), row(lats[i]));
      cellStart[cellOf[i] + 1]++;
    }
    for (int c = 0; c < nx * ny; c++) {
      cellStart[c + 1] += cellStart[c];
    }
    int[] fill = Arrays.copyOf(cellStart, nx * ny);
    xs = new double[n];
    ys = new double[n];
    ids = new int[n];
    for (int i = 0; i < n; i++) {
      int at = fill[cellOf[i]]++;
      xs[at] = lons[i];
      ys[at] = lats[i];
      ids[at] = i;
    }
  }

  public static CellComponentIndex build(double[] lons, double[] lats) {
    return new CellComponentIndex(lons, lats);
  }

  static void requireValid(double[] lons, double[] lats) {
    if (lons.length != lats.length) {
      throw new IllegalArgumentException(
          "lons has " + lons.length + " values but lats has " + lats.length);
    }
    for (int i = 0; i < lons.length; i++) {
      if (!Double.isFinite(lons[i]) || !Double.isFinite(lats[i])) {
        throw new IllegalArgumentException(
            "point " + i + " has a non-finite coordinate (" + lons[i] + ", " + lats[i] + ")");
      }
    }
  }

  static void requireRadius(double radiusMeters) {
    if (!(radiusMeters >= 0)) {
      throw new IllegalArgumentException("radius " + radiusMeters + " m must be ≥ 0");
    }
  }

  static void requireK(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k = " + k + " must be ≥ 0");
    }
  }

  private int column(double lon) {
    return clamp((int) Math.floor((lon - minX) / cellSize), nx);
  }

  private int row(double lat) {
    return clamp((int) Math.floor((lat - minY) / cellSize), ny);
  }

  private static int clamp(int v, int n) {
    return v < 0 ? 0 : Math.min(v, n - 1);
  }

  private int cell(int column, int row) {
    return row * nx + column;
  }

  @Override
  public int size() {
    return ids.length;
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
    if (!(minLon <= maxLon && minLat <= maxLat)) {
      throw new IllegalArgumentException(
          "box ("
              + minLon
              + ", "
              + minLat
              + ", "
              + maxLon
              + ", "
              + maxLat
              + ") is empty or not finite: expected minLon ≤ maxLon and minLat ≤ maxLat");
    }
    int c0 = column(minLon);
    int c1 = column(maxLon);
    int r0 = row(minLat);
    int r1 = row(maxLat);
    int count = 0;
    for (int r = r0; r <= r1; r++) {
      int end = cellStart[cell(c1, r) + 1];
      for (int i = cellStart[cell(c0, r)]; i < end; i++) {
        double x = xs[i];
        double y = ys[i];
        if (x >= minLon && x <= maxLon && y >= minLat && y <= maxLat) {
          sink.accept(ids[i]);
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public int[] withinMeters(double lon, double lat, double radiusMeters) {
    requireRadius(radiusMeters);
    double kx = Metric.metersPerDegreeLon(lat);
    double ky = Metric.METERS_PER_DEGREE;
    double dLon = radiusMeters / kx;
    double dLat = radiusMeters / ky;
    Candidates found = new Candidates(Integer.MAX_VALUE);
    int c0 = column(lon - dLon);
    int c1 = column(lon + dLon);
    for (int r = row(lat - dLat); r <= row(lat + dLat); r++) {
      int end = cellStart[cell(c1, r) + 1];
      for (int i = cellStart[cell(c0, r)]; i < end; i++) {
        double dx = (xs[i] - lon) * kx;
        double dy = (ys[i] - lat) * ky;
        double d = Math.sqrt(dx * dx + dy * dy);
        if (d <= radiusMeters) {
          found.offer(d, ids[i]);
        }
      }
    }
    return found.sortedIds();
  }

  @Override
  public int[] nearest(double lon, double lat, int k) {
    requireK(k);
    if (k == 0 || ids.length == 0) {
      return new int[0];
    }
    double kx = Metric.metersPerDegreeLon(lat);
    double ky = Metric.METERS_PER_DEGREE;
    Candidates best = new Candidates(k);
    // Centre the search on the nearest cell; a query outside the extent gets no early stop until
    // the scanned square bounds it (its reach below is then negative), which keeps it exact.
    int cx = column(lon);
    int cy = row(lat);
    int maxRing = Math.max(Math.max(cx, nx - 1 - cx), Math.max(cy, ny - 1 - cy));
    for (int ring = 0; ring <= maxRing; ring++) {
      for (int r = cy - ring; r <= cy + ring; r++) {
        if (r < 0 || r >= ny) {
          continue;
        }
        boolean edgeRow = r == cy - ring || r == cy + ring;
        for (int c = cx - ring; c <= cx + ring; c += edgeRow ? 1 : 2 * ring) {
          if (c >= 0 && c < nx) {
            scanCell(cell(c, r), lon, lat, kx, ky, best);
          }
          if (ring == 0) {
            break;
          }
        }
      }
      if (best.isFull()) {
        // Every unseen point lies outside the square of cells scanned so far.
        double left = (lon - (minX + (cx - ring) * cellSize)) * kx;
        double right = ((minX + (cx + ring + 1) * cellSize) - lon) * kx;
        double bottom = (lat - (minY + (cy - ring) * cellSize)) * ky;
        double top = ((minY + (cy + ring + 1) * cellSize) - lat) * ky;
        double reach = Math.min(Math.min(left, right), Math.min(bottom, top));
        if (best.worst() < reach) {
          break;
        }
      }
    }
    return best.sortedIds();
  }

  private void scanCell(int cell, double lon, double lat, double kx, double ky, Candidates best) {
    for (int i = cellStart[cell]; i < cellStart[cell + 1]; i++) {
      double dx = (xs[i] - lon) * kx;
      double dy = (ys[i] - lat) * ky;
      best.offer(Math.sqrt(dx * dx + dy * dy), ids[i]);
    }
  }

  /** The best {@code limit} (distance, id) pairs seen, as a bounded max-heap. */
  private static final class Candidates {
    private final int limit;
    private double[] dist = new double[16];
    private int[] id = new int[16];
    private int size;

    Candidates(int limit) {
      this.limit = limit;
    }

    boolean isFull() {
      return size == limit;
    }

    double worst() {
      return dist[0];
    }

    private static boolean worse(double d1, int i1, double d2, int i2) {
      return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    void offer(double d, int i) {
      if (size < limit) {
        if (size == dist.length) {
          dist = Arrays.copyOf(dist, size * 2);
          id = Arrays.copyOf(id, size * 2);
        }
        int at = size++;
        while (at > 0) {
          int parent = (at - 1) / 2;
          if (!worse(d, i, dist[parent], id[parent])) {
            break;
          }
          dist[at] = dist[parent];
          id[at] = id[parent];
          at = parent;
        }
        dist[at] = d;
        id[at] = i;
      } else if (worse(dist[0], id[0], d, i)) {
        int at = 0;
        while (true) {
          int child = 2 * at + 1;
          if (child >= size) {
            break;
          }
          if (child + 1 < size && worse(dist[child + 1], id[child + 1], dist[child], id[child])) {
            child++;
          }
          if (!worse(dist[child], id[child], d, i)) {
            break;
          }
          dist[at] = dist[child];
          id[at] = id[child];
          at = child;
        }
        dist[at] = d;
        id[at] = i;
      }
    }

    int[] sortedIds() {
      Integer[] idx = new Integer[size];
      for (int k = 0; k < size; k++) {
        idx[k] = k;
      }
      Arrays.sort(
          idx,
          (a, b) ->
              dist[a] != dist[b]
                  ? Double.compare(dist[a], dist[b])
                  : Integer.compare(id[a], id[b]));
      int[] result = new int[size];
      for (int k = 0; k < size; k++) {
        result[k] = id[idx[k]];
      }
      return result;
    }
  }
}
