package org.wangge.data.internal;

import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.wangge.data.seed.EllipsoidArea;
import org.wangge.geo.Geodesy;

/**
 * Exactly {@code n} jittered-lattice points inside a district, in lattice order: rows from north to
 * south, west to east within a row. Odd rows are shifted by half a step so the Voronoi cells come
 * out hexagon-like; the jitter is at most 0.3 step in each axis, so rows never interleave.
 */
public final class SeedLattice {

  /** Seeds closer than this to the boundary (degrees, ~1 m) are skipped. */
  private static final double BOUNDARY_CLEARANCE = 1e-5;

  public final double[] x;
  public final double[] y;
  public final int[] row;
  public final int[] col;

  /** Lattice step in metres. */
  public final double stepMeters;

  private SeedLattice(double[] x, double[] y, int[] row, int[] col, double stepMeters) {
    this.x = x;
    this.y = y;
    this.row = row;
    this.col = col;
    this.stepMeters = stepMeters;
  }

  public int size() {
    return x.length;
  }

  public static SeedLattice inside(Geometry district, int n, SplittableRandom random) {
    if (n < 1) {
      throw new IllegalArgumentException("seed count " + n + " must be at least 1");
    }
    Envelope env = district.getEnvelopeInternal();
    double lat0 = env.centre().y;
    double step = Math.sqrt(EllipsoidArea.squareMetres(district) / n) * 0.985;
    PreparedGeometry prepared = PreparedGeometryFactory.prepare(district);
    IndexedFacetDistance toBoundary = new IndexedFacetDistance(district.getBoundary());
    GeometryFactory gf = district.getFactory();
    for (int attempt = 0; attempt < 40; attempt++, step *= 0.98) {
      long jitterSeed = random.nextLong();
      double dy = Geodesy.metersToDegreesLat(step);
      double dx = Geodesy.metersToDegreesLon(step, lat0);
      int rows = (int) Math.ceil(env.getHeight() / dy) + 1;
      int cols = (int) Math.ceil(env.getWidth() / dx) + 2;
      SplittableRandom jitter = new SplittableRandom(jitterSeed);
      double[] xs = new double[rows * cols];
      double[] ys = new double[rows * cols];
      int[] rs = new int[rows * cols];
      int[] cs = new int[rows * cols];
      int k = 0;
      for (int r = 0; r < rows; r++) {
        double yr = env.getMaxY() - (r + 0.5) * dy;
        double shift = (r % 2 == 1) ? 0.5 * dx : 0;
        for (int c = 0; c < cols; c++) {
          double px =
              env.getMinX() + (c - 0.5) * dx + shift + (jitter.nextDouble() - 0.5) * 0.6 * dx;
          double py = yr + (jitter.nextDouble() - 0.5) * 0.6 * dy;
          Coordinate p = new Coordinate(px, py);
          if (!env.contains(p) || !prepared.containsProperly(gf.createPoint(p))) {
            continue;
          }
          if (toBoundary.isWithinDistance(gf.createPoint(p), BOUNDARY_CLEARANCE)) {
            continue;
          }
          xs[k] = px;
          ys[k] = py;
          rs[k] = r;
          cs[k] = c;
          k++;
        }
      }
      if (k < n) {
        continue;
      }
      boolean[] drop = chooseDrops(k, k - n, random);
      double[] ox = new double[n];
      double[] oy = new double[n];
      int[] or = new int[n];
      int[] oc = new int[n];
      int j = 0;
      for (int i = 0; i < k; i++) {
        if (!drop[i]) {
          ox[j] = xs[i];
          oy[j] = ys[i];
          or[j] = rs[i];
          oc[j] = cs[i];
          j++;
        }
      }
      return new SeedLattice(ox, oy, or, oc, step);
    }
    throw new IllegalStateException("could not place " + n + " seeds inside the district");
  }

  private static boolean[] chooseDrops(int k, int drops, SplittableRandom random) {
    int[] idx = new int[k];
    for (int i = 0; i < k; i++) {
      idx[i] = i;
    }
    boolean[] drop = new boolean[k];
    for (int i = 0; i < drops; i++) {
      int j = i + random.nextInt(k - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      drop[idx[i]] = true;
    }
    return drop;
  }
}
