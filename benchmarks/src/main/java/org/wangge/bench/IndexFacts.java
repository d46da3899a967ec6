package org.wangge.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.openjdk.jol.info.GraphLayout;
import org.wangge.data.ComponentTable;
import org.wangge.data.SampleDistrict;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.index.ComponentIndex;
import org.wangge.geo.index.GridIndex;
import org.wangge.geo.topology.TopologyCheck;
import org.wangge.geo.topology.TopologyReport;

/**
 * Build times and memory of the indexes on a sample district, each with its baseline from the same
 * run: {@code java -cp benchmarks/target/benchmarks.jar org.wangge.bench.IndexFacts [scale]}.
 *
 * <p>Times are the median of several builds after a warm-up build. Memory is measured twice: the
 * retained heap of the index object graph (JOL; includes the grids' JTS geometries the index keeps)
 * and the heap delta across the build after full GCs.
 */
public final class IndexFacts {

  private IndexFacts() {}

  public static void main(String[] args) {
    // JOL reads record fields only through this mode on JDK 17.
    System.setProperty("jol.magicFieldOffset", "true");
    String scale = args.length > 0 ? args[0] : "wujiang";
    long t0 = System.nanoTime();
    SampleDistrict district = Samples.district(scale);
    System.out.printf(
        "generated %s: %d grids, %d components in %.1f s%n",
        scale,
        district.grids().size(),
        district.components().size(),
        (System.nanoTime() - t0) / 1e9);
    List<Grid> grids = district.grids();

    report("GridIndex (cell table)", () -> GridIndex.build(grids));
    report("GridIndex JTS baseline", () -> GridIndex.buildJtsBaseline(grids));
    System.out.println(
        ((org.wangge.geo.index.internal.CellGridIndex) GridIndex.build(grids)).describe());

    for (int run = 1; run <= 3; run++) {
      long start = System.nanoTime();
      TopologyReport report = TopologyCheck.create().check(grids);
      System.out.printf(
          "TopologyCheck run %d: %d grids, %s in %.2f s%n",
          run,
          report.gridsChecked(),
          report.isClean() ? "no problems" : report.counts(),
          (System.nanoTime() - start) / 1e9);
    }

    ComponentTable table = district.components();
    double[] lons = new double[table.size()];
    double[] lats = new double[table.size()];
    for (int i = 0; i < lons.length; i++) {
      lons[i] = table.lon(i);
      lats[i] = table.lat(i);
    }
    report("ComponentIndex", () -> ComponentIndex.build(lons, lats));
  }

  static void report(String what, Supplier<Object> build) {
    build.get();
    double[] seconds = new double[5];
    Object built = null;
    for (int i = 0; i < seconds.length; i++) {
      built = null;
      long start = System.nanoTime();
      built = build.get();
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    built = null;
    long before = usedAfterGc();
    built = build.get();
    long after = usedAfterGc();
    String jol;
    try {
      jol = String.format("%.1f MB", GraphLayout.parseInstance(built).totalSize() / 1e6);
    } catch (RuntimeException | LinkageError e) {
      jol = "n/a (" + e + ")";
    }
    System.out.printf(
        "%-24s build median %.3f s (min %.3f, max %.3f); retained %s; heap delta %.1f MB%n",
        what, seconds[2], seconds[0], seconds[4], jol, (after - before) / 1e6);
    if (built.hashCode() == 42) {
      System.out.print("");
    }
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
