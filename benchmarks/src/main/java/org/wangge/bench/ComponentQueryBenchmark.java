package org.wangge.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;
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
import org.openjdk.jmh.infra.Blackhole;
import org.wangge.data.ComponentTable;
import org.wangge.geo.Geodesy;
import org.wangge.geo.index.ComponentIndex;

/**
 * Component queries over the whole inventory: a box returning about 1,000 components (centred on
 * random components, so boxes sit where components are), radius 100 m, and 10 nearest. Baseline: a
 * JTS STRtree of the same points, built in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ComponentQueryBenchmark {

  static final int QUERIES = 256;

  @Param({"wujiang"})
  public String scale;

  private ComponentIndex index;
  private STRtree strtree;
  private double[][] boxes;
  private double[][] centres;

  @Setup
  public void setUp() {
    ComponentTable components = Samples.district(scale).components();
    int n = components.size();
    double[] lons = new double[n];
    double[] lats = new double[n];
    strtree = new STRtree();
    for (int i = 0; i < n; i++) {
      lons[i] = components.lon(i);
      lats[i] = components.lat(i);
      strtree.insert(new Envelope(lons[i], lons[i], lats[i], lats[i]), i);
    }
    strtree.build();
    index = ComponentIndex.build(lons, lats);
    SplittableRandom random = new SplittableRandom(5);
    // Size the box by trial so that the mean result is about 1,000 components.
    double half = Geodesy.metersToDegreesLat(250);
    boxes = new double[QUERIES][];
    centres = new double[QUERIES][];
    for (int round = 0; round < 8; round++) {
      long total = 0;
      for (int q = 0; q < QUERIES; q++) {
        int at = random.nextInt(n);
        centres[q] = new double[] {lons[at], lats[at]};
        double halfLon = half / Math.cos(Math.toRadians(lats[at]));
        boxes[q] =
            new double[] {lons[at] - halfLon, lats[at] - half, lons[at] + halfLon, lats[at] + half};
        total += index.bbox(boxes[q][0], boxes[q][1], boxes[q][2], boxes[q][3], id -> {});
      }
      double mean = (double) total / QUERIES;
      if (Math.abs(mean - 1000) < 50) {
        break;
      }
      half *= Math.sqrt(1000 / Math.max(mean, 1));
    }
    long total = 0;
    for (double[] b : boxes) {
      total += index.bbox(b[0], b[1], b[2], b[3], id -> {});
    }
    System.out.printf("%nmean components per box: %.0f%n", (double) total / QUERIES);
  }

  @Benchmark
  @OperationsPerInvocation(QUERIES)
  public void bboxCells(Blackhole bh) {
    for (double[] b : boxes) {
      bh.consume(index.bbox(b[0], b[1], b[2], b[3], bh::consume));
    }
  }

  @Benchmark
  @OperationsPerInvocation(QUERIES)
  public void bboxStrtreeBaseline(Blackhole bh) {
    for (double[] b : boxes) {
      strtree.query(new Envelope(b[0], b[2], b[1], b[3]), bh::consume);
    }
  }

  @Benchmark
  @OperationsPerInvocation(QUERIES)
  public void radius100m(Blackhole bh) {
    for (double[] c : centres) {
      bh.consume(index.withinMeters(c[0], c[1], 100));
    }
  }

  @Benchmark
  @OperationsPerInvocation(QUERIES)
  public void nearest10(Blackhole bh) {
    for (double[] c : centres) {
      bh.consume(index.nearest(c[0] + 1e-4, c[1] + 1e-4, 10));
    }
  }
}
