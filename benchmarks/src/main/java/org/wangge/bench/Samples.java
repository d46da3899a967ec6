package org.wangge.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.wangge.data.SampleDistrict;
import org.wangge.data.SampleGenerator;
import org.wangge.data.Scale;

/** Sample districts and query points shared by the benchmarks, generated once per JVM. */
final class Samples {

  static final long SEED = 20_261_123L;

  private static final Map<String, SampleDistrict> CACHE = new ConcurrentHashMap<>();

  private Samples() {}

  static SampleDistrict district(String scale) {
    return CACHE.computeIfAbsent(
        scale,
        s ->
            new SampleGenerator()
                .generate(SampleGenerator.DEFAULT_DISTRICT, Scale.valueOf(s.toUpperCase()), SEED));
  }

  /** {@code n} points uniformly random inside the district boundary: {xs, ys}. */
  static double[][] uniformPointsIn(Geometry boundary, int n, long seed) {
    PreparedGeometry area = PreparedGeometryFactory.prepare(boundary);
    GeometryFactory factory = boundary.getFactory();
    Envelope env = boundary.getEnvelopeInternal();
    SplittableRandom random = new SplittableRandom(seed);
    double[] xs = new double[n];
    double[] ys = new double[n];
    int i = 0;
    while (i < n) {
      double x = env.getMinX() + random.nextDouble() * env.getWidth();
      double y = env.getMinY() + random.nextDouble() * env.getHeight();
      if (area.covers(factory.createPoint(new Coordinate(x, y)))) {
        xs[i] = x;
        ys[i] = y;
        i++;
      }
    }
    return new double[][] {xs, ys};
  }

  /** The same points in Z-order (Morton) of a 65,536² grid over their extent. */
  static double[][] spatiallySorted(double[][] points) {
    double[] xs = points[0];
    double[] ys = points[1];
    double minX = Arrays.stream(xs).min().orElse(0);
    double maxX = Arrays.stream(xs).max().orElse(1);
    double minY = Arrays.stream(ys).min().orElse(0);
    double maxY = Arrays.stream(ys).max().orElse(1);
    long[] keyed = new long[xs.length];
    for (int i = 0; i < xs.length; i++) {
      long qx = (long) ((xs[i] - minX) / (maxX - minX + 1e-12) * 65_535);
      long qy = (long) ((ys[i] - minY) / (maxY - minY + 1e-12) * 65_535);
      keyed[i] = (interleave(qx) | interleave(qy) << 1) << 20 | i;
    }
    Arrays.sort(keyed);
    double[] sx = new double[xs.length];
    double[] sy = new double[xs.length];
    for (int i = 0; i < keyed.length; i++) {
      int at = (int) (keyed[i] & ((1 << 20) - 1));
      sx[i] = xs[at];
      sy[i] = ys[at];
    }
    return new double[][] {sx, sy};
  }

  private static long interleave(long v) {
    v = (v | (v << 8)) & 0x00FF00FFL;
    v = (v | (v << 4)) & 0x0F0F0F0FL;
    v = (v | (v << 2)) & 0x33333333L;
    v = (v | (v << 1)) & 0x55555555L;
    return v;
  }
}
