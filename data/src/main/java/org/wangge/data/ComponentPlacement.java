package org.wangge.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.wangge.data.internal.ComponentClass;
import org.wangge.data.internal.SeedLattice;
import org.wangge.data.internal.UnitGridLocator;
import org.wangge.geo.Geodesy;
import org.wangge.geo.codes.GridCode;

/**
 * Places components along the road network (the interior unit-grid edges) at an even spacing that
 * yields exactly the wanted count, with jitter along the road and an offset to one side by class
 * (covers in the carriageway, lamps and trees at the kerb), and fits devices to a share.
 */
final class ComponentPlacement {

  private static final int FIRST_DAY = (int) LocalDate.of(2019, 1, 1).toEpochDay();
  private static final int LAST_DAY = (int) LocalDate.of(2025, 6, 30).toEpochDay();
  private static final double METERS_PER_DEGREE = 1 / Geodesy.metersToDegreesLat(1);

  private ComponentPlacement() {}

  static ComponentTable place(
      String county,
      int count,
      double[] roads,
      SeedLattice seeds,
      UnitGridLocator locator,
      int[] gridOfCell,
      GridCode[] unitGrids,
      Map<String, String> unitNames,
      SplittableRandom random) {
    List<ComponentClass> classes = ComponentClass.MIX;
    double[] cumulative = new double[classes.size()];
    double sum = 0;
    for (int c = 0; c < classes.size(); c++) {
      sum += classes.get(c).weight();
      cumulative[c] = sum;
    }
    int edges = roads.length / 4;
    if (edges == 0) {
      throw new IllegalStateException("district " + county + " has no interior edges to place on");
    }
    double cosLat = Math.cos(Math.toRadians(roads[1]));
    double[] length = new double[edges];
    double total = 0;
    for (int e = 0; e < edges; e++) {
      double dx = (roads[4 * e + 2] - roads[4 * e]) * cosLat * METERS_PER_DEGREE;
      double dy = (roads[4 * e + 3] - roads[4 * e + 1]) * METERS_PER_DEGREE;
      length[e] = Math.hypot(dx, dy);
      total += length[e];
    }
    double spacing = total / count;

    double[] lon = new double[count];
    double[] lat = new double[count];
    byte[] cls = new byte[count];
    byte[] variant = new byte[count];
    int[] sequence = new int[count];
    int[] grid = new int[count];
    byte[] state = new byte[count];
    int[] orDay = new int[count];
    int[] chDay = new int[count];
    int[] perClass = new int[classes.size()];

    int e = 0;
    double edgeStart = 0;
    for (int k = 0; k < count; k++) {
      double t = (k + 0.5 + (random.nextDouble() - 0.5) * 0.8) * spacing;
      while (e < edges - 1 && edgeStart + length[e] < t) {
        edgeStart += length[e];
        e++;
      }
      double f = length[e] == 0 ? 0 : Math.max(0, Math.min(1, (t - edgeStart) / length[e]));
      double x1 = roads[4 * e], y1 = roads[4 * e + 1];
      double x2 = roads[4 * e + 2], y2 = roads[4 * e + 3];
      double px = x1 + f * (x2 - x1);
      double py = y1 + f * (y2 - y1);
      // unit normal in metres, turned into degrees per metre
      double mx = (x2 - x1) * cosLat * METERS_PER_DEGREE;
      double my = (y2 - y1) * METERS_PER_DEGREE;
      double ml = Math.max(1e-9, Math.hypot(mx, my));
      double nxDeg = -my / ml / (cosLat * METERS_PER_DEGREE);
      double nyDeg = mx / ml / METERS_PER_DEGREE;

      int c = pick(cumulative, random.nextDouble() * sum);
      ComponentClass cc = classes.get(c);
      double side = random.nextBoolean() ? 1 : -1;
      double off = cc.offsetMeters() * (0.8 + 0.4 * random.nextDouble()) * side;
      double[] tries = {off, -off, off / 4, -off / 4, 0.3 * side, -0.3 * side};
      int g = -1;
      double qx = 0, qy = 0;
      for (double o : tries) {
        qx = round8(px + nxDeg * o);
        qy = round8(py + nyDeg * o);
        g = locator.locate(qx, qy);
        if (g >= 0) {
          break;
        }
      }
      if (g < 0) {
        // Last resort: the seed of some unit grid, which lies well inside it.
        int s = random.nextInt(seeds.size());
        qx = round8(seeds.x[s]);
        qy = round8(seeds.y[s]);
        g = locator.locate(qx, qy);
        if (g < 0) {
          throw new IllegalStateException("seed " + s + " is not inside its own unit grid");
        }
      }
      lon[k] = qx;
      lat[k] = qy;
      cls[k] = (byte) c;
      variant[k] = (byte) random.nextInt(cc.owners().size());
      sequence[k] = ++perClass[c];
      grid[k] = gridOfCell[g];
      double s = random.nextDouble();
      state[k] = (byte) (s < 0.975 ? 0 : s < 0.995 ? 1 : 2);
      orDay[k] = FIRST_DAY + random.nextInt(5 * 365);
      chDay[k] = orDay[k] + random.nextInt(LAST_DAY - orDay[k] + 1);
    }
    return new ComponentTable(
        county, classes, unitNames, unitGrids, lon, lat, cls, variant, sequence, grid, state, orDay,
        chDay);
  }

  static List<Device> devices(ComponentTable table, String county, SplittableRandom random) {
    List<ComponentClass> classes = ComponentClass.MIX;
    int[] perKind = new int[DeviceKind.values().length];
    List<Device> out = new ArrayList<>();
    for (int i = 0; i < table.size(); i++) {
      ComponentClass cc = classes.get(table.classIndex(i));
      double r = random.nextDouble();
      if (cc.device() == null || r >= cc.deviceShare()) {
        continue;
      }
      DeviceKind kind = cc.device();
      String seq = Integer.toString(++perKind[kind.ordinal()]);
      String id = kind.prefix() + "-" + county + "-" + "000000".substring(seq.length()) + seq;
      String secret = String.format("%016x%016x", random.nextLong(), random.nextLong());
      out.add(new Device(id, kind, table.code(i), secret));
    }
    return out;
  }

  private static int pick(double[] cumulative, double r) {
    for (int i = 0; i < cumulative.length; i++) {
      if (r < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  private static double round8(double v) {
    return Math.round(v * 1e8) / 1e8;
  }
}
