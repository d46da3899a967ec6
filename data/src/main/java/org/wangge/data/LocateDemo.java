package org.wangge.data;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.wangge.geo.component.Component;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.index.GridIndex;
import org.wangge.geo.index.GridLocation;
import org.wangge.geo.routing.AlarmType;
import org.wangge.geo.routing.Assignment;
import org.wangge.geo.routing.Incident;
import org.wangge.geo.routing.Router;
import org.wangge.geo.routing.RoutingRules;
import org.wangge.geo.topology.TopologyCheck;
import org.wangge.geo.topology.TopologyReport;
import org.wangge.geo.unit.Unit;

/**
 * {@code locate-demo}: generates a sample district, builds the grid index and shows what the engine
 * answers for a few places, random points and a device alarm.
 */
final class LocateDemo implements SampleCli.Command {

  /** Places given as WGS84 lon/lat; the seed boundaries are approximate (see the data README). */
  private static final List<Object[]> PLACES =
      List.of(
          new Object[] {"吴江区人民政府 (district government)", 120.645157, 31.138677},
          new Object[] {"同里古镇 (Tongli old town)", 120.7196, 31.1552},
          new Object[] {"盛泽镇 (Shengze)", 120.6436, 30.9148},
          new Object[] {"平望镇 (Pingwang)", 120.6381, 30.9719},
          new Object[] {"苏州站 (Suzhou station, outside 吴江区)", 120.6106, 31.3262});

  @Override
  public String usage() {
    return "locate-demo [--district 320509] [--scale demo|wujiang] [--seed N]";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Map<String, String> o =
        SampleCli.options(args, List.of("--district", "--scale", "--seed"), List.of());
    String county = o.getOrDefault("--district", SampleGenerator.DEFAULT_DISTRICT);
    Scale scale;
    long seed;
    try {
      scale = Scale.parse(o.getOrDefault("--scale", "demo"));
      seed = Long.parseLong(o.getOrDefault("--seed", "1"));
    } catch (IllegalArgumentException e) {
      throw new SampleCli.UsageException(e.getMessage());
    }
    long t0 = System.nanoTime();
    SampleDistrict district;
    try {
      district = new SampleGenerator().generate(county, scale, seed);
    } catch (IllegalArgumentException e) {
      throw new SampleCli.UsageException(e.getMessage());
    }
    long t1 = System.nanoTime();
    GridIndex index = GridIndex.build(district.grids());
    long t2 = System.nanoTime();
    out.printf(
        "%s %s (%s scale): %d grids, %d unit grids, %d components, %d devices — generated in %.1f s,"
            + " grid index built in %.2f s%n%n",
        district.code(),
        district.name(),
        scale.name().toLowerCase(),
        district.grids().size(),
        index.unitGrids().size(),
        district.components().size(),
        district.devices().size(),
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9);

    long t3 = System.nanoTime();
    TopologyReport topology = TopologyCheck.create().check(district.grids());
    out.printf(
        "topology check: %s (%d grids in %.1f s)%n%n",
        topology.isClean() ? "no problems" : topology.counts().toString(),
        topology.gridsChecked(),
        (System.nanoTime() - t3) / 1e9);

    Map<String, Unit> units = district.units().stream().collect(Collectors.toMap(Unit::id, u -> u));
    for (Object[] place : PLACES) {
      describe(out, (String) place[0], index.locate((double) place[1], (double) place[2]), units);
    }

    SplittableRandom random = new SplittableRandom(seed);
    var env = district.boundary().getEnvelopeInternal();
    out.println("Random points in the district's bounding box:");
    for (int i = 0; i < 3; i++) {
      double lon = env.getMinX() + random.nextDouble() * env.getWidth();
      double lat = env.getMinY() + random.nextDouble() * env.getHeight();
      describe(out, String.format("(%.6f, %.6f)", lon, lat), index.locate(lon, lat), units);
    }

    var device = district.devices().get(district.devices().size() / 2);
    Component component =
        district.components().stream()
            .filter(c -> c.code().equals(device.componentCode()))
            .findFirst()
            .orElseThrow();
    GridLocation at = index.locate(component.location().lon(), component.location().lat());
    Router router =
        Router.of(RoutingRules.standard(), SampleGenerator.departmentRoles(county))
            .withUnits(district.units());
    AlarmType alarm =
        switch (device.kind()) {
          case COVER_TILT -> AlarmType.COVER_TILT;
          case LAMP_CONTROLLER -> AlarmType.LAMP_FAULT;
          case WATER_LEVEL -> AlarmType.WATER_LEVEL_HIGH;
          case GAS_DETECTOR -> AlarmType.GAS_LEAK;
        };
    Assignment assignment =
        router.route(
            Incident.componentFault(
                component, alarm, at.unitGrid(), SampleGenerator.centreId(county)));
    out.printf(
        "Device %s (%s) on component %s %s raises %s:%n  → %s, deadline %s (%s)%n  %s%n  %s%n%n",
        device.id(),
        device.kind(),
        component.code(),
        component.name(),
        alarm.code(),
        unitName(assignment.unitId(), units),
        assignment.deadline(),
        assignment.urgency(),
        assignment.explanationZh(),
        assignment.explanationEn());

    int n = 1_000_000;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = env.getMinX() + random.nextDouble() * env.getWidth();
      ys[i] = env.getMinY() + random.nextDouble() * env.getHeight();
    }
    long inside = 0;
    for (int round = 0; round < 3; round++) {
      long s = System.nanoTime();
      inside = 0;
      for (int i = 0; i < n; i++) {
        inside += index.locateIndex(xs[i], ys[i]) >= 0 ? 1 : 0;
      }
      if (round == 2) {
        out.printf(
            "Located %,d random points (%,d inside a unit grid) at %.0f ns per point on one thread"
                + " (indicative; see docs/benchmarks.md for the measured numbers).%n",
            n, inside, (System.nanoTime() - s) / (double) n);
      }
    }
    return 0;
  }

  private static void describe(
      PrintStream out, String what, GridLocation at, Map<String, Unit> units) {
    out.println(what);
    if (at.isInside()) {
      Grid grid = at.unitGrid();
      out.printf("  unit grid %s %s%n", grid.code(), grid.name());
      for (Grid ancestor : at.ancestors()) {
        out.printf("  %-9s %s %s%n", ancestor.level().zhName(), ancestor.code(), ancestor.name());
      }
      out.printf("  responsible unit: %s%n", unitName(grid.responsibleUnitId(), units));
      for (Grid special : at.specialGrids()) {
        out.printf("  special grid %s %s%n", special.code(), special.name());
      }
    } else if (at.nearest() != null) {
      out.printf(
          "  outside every unit grid; nearest %s %s at %.0f m → district centre, flagged%n",
          at.nearest().code(), at.nearest().name(), at.distanceMeters());
    }
    out.println();
  }

  private static String unitName(String id, Map<String, Unit> units) {
    Unit unit = units.get(id);
    return unit == null ? id : unit.name() + " (" + id + ")";
  }
}
