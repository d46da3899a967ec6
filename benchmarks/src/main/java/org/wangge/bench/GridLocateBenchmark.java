package org.wangge.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wangge.data.SampleDistrict;
import org.wangge.geo.index.GridIndex;

/**
 * Point → unit grid lookups per second on one thread, over points uniformly random in the district
 * (and the same points in Z-order), for the cell-table index and the plain JTS baseline (HPRtree of
 * envelopes + IndexedPointInAreaLocator per grid) built from the same grids in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GridLocateBenchmark {

  static final int POINTS = 1 << 18;

  @Param({"wujiang"})
  public String scale;

  @Param({"random", "sorted"})
  public String order;

  private GridIndex cells;
  private GridIndex jts;
  private double[] xs;
  private double[] ys;

  @Setup
  public void setUp() {
    SampleDistrict district = Samples.district(scale);
    cells = GridIndex.build(district.grids());
    jts = GridIndex.buildJtsBaseline(district.grids());
    double[][] points = Samples.uniformPointsIn(district.boundary(), POINTS, 1);
    if (order.equals("sorted")) {
      points = Samples.spatiallySorted(points);
    }
    xs = points[0];
    ys = points[1];
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public long cellIndex() {
    long sum = 0;
    for (int i = 0; i < POINTS; i++) {
      sum += cells.locateIndex(xs[i], ys[i]);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public long jtsBaseline() {
    long sum = 0;
    for (int i = 0; i < POINTS; i++) {
      sum += jts.locateIndex(xs[i], ys[i]);
    }
    return sum;
  }
}
