package org.wangge.data.internal;

import java.util.Arrays;

/**
 * Splits points into groups of prescribed relative sizes by recursive coordinate bisection: the
 * groups are halved, the points sorted along the longer side of their bounding box (in metres) and
 * cut in proportion to the halves' weights. Every group gets at least its minimum, so real streets
 * keep all their communities and every community keeps at least one unit grid. Deterministic: ties
 * in the sort go to the lower point index.
 */
public final class Bisection {

  private Bisection() {}

  /**
   * @param items point indices to split
   * @param weights relative size wanted per group
   * @param minimum fewest points per group
   * @return for each group, the point indices it receives (in the order of {@code items})
   */
  public static int[][] split(
      int[] items, double[] x, double[] y, double[] weights, int[] minimum, double xScale) {
    int need = Arrays.stream(minimum).sum();
    if (items.length < need) {
      throw new IllegalArgumentException(
          items.length + " points cannot fill groups needing at least " + need);
    }
    int[][] out = new int[weights.length][];
    split(items.clone(), x, y, weights, minimum, xScale, 0, weights.length, out);
    for (int[] group : out) {
      Arrays.sort(group);
    }
    return out;
  }

  private static void split(
      int[] items,
      double[] x,
      double[] y,
      double[] w,
      int[] min,
      double xScale,
      int g0,
      int g1,
      int[][] out) {
    if (g1 - g0 == 1) {
      out[g0] = items;
      return;
    }
    int gm = (g0 + g1) / 2;
    double wl = 0;
    double wr = 0;
    int minL = 0;
    int minR = 0;
    for (int g = g0; g < g1; g++) {
      if (g < gm) {
        wl += w[g];
        minL += min[g];
      } else {
        wr += w[g];
        minR += min[g];
      }
    }
    int n = items.length;
    int nl = (int) Math.round(n * wl / (wl + wr));
    nl = Math.max(minL, Math.min(n - minR, nl));

    double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
    for (int i : items) {
      minX = Math.min(minX, x[i]);
      maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]);
      maxY = Math.max(maxY, y[i]);
    }
    boolean byX = (maxX - minX) * xScale >= (maxY - minY);
    // West part first when cutting east-west; north part first when cutting north-south.
    Integer[] boxed = Arrays.stream(items).boxed().toArray(Integer[]::new);
    Arrays.sort(
        boxed,
        (a, b) -> {
          int c = byX ? Double.compare(x[a], x[b]) : Double.compare(y[b], y[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    int[] sorted = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    split(Arrays.copyOfRange(sorted, 0, nl), x, y, w, min, xScale, g0, gm, out);
    split(Arrays.copyOfRange(sorted, nl, n), x, y, w, min, xScale, gm, g1, out);
  }
}
