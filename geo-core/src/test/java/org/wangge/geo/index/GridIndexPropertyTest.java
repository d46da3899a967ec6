package org.wangge.geo.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.wangge.geo.grid.Grid;

/**
 * The cell index against brute force: for each point, every grid whose envelope holds it is asked
 * JTS {@code covers}, and the smallest covering code is the expected answer (the edge rule).
 */
class GridIndexPropertyTest {

  private static final Envelope EXTENT = new Envelope(120.35, 120.95, 30.75, 31.25);

  /** Brute force with plain JTS {@code Geometry.covers}. */
  private static final class BruteForce {
    final List<Grid> grids;
    final Geometry[] geometries;
    final STRtree envelopes = new STRtree();

    BruteForce(List<Grid> sortedGrids) {
      grids = sortedGrids;
      geometries = new Geometry[grids.size()];
      for (int i = 0; i < geometries.length; i++) {
        geometries[i] = grids.get(i).geometry();
        envelopes.insert(geometries[i].getEnvelopeInternal(), i);
      }
      envelopes.build();
    }

    int locate(double x, double y) {
      Point p = TestGrids.FACTORY.createPoint(new Coordinate(x, y));
      int best = GridIndex.NONE;
      for (Object o : envelopes.query(new Envelope(x, x, y, y))) {
        int i = (Integer) o;
        if ((best == GridIndex.NONE || i < best) && geometries[i].covers(p)) {
          best = i;
        }
      }
      return best;
    }
  }

  @Test
  void millionRandomPointsAgreeWithJtsCovers() {
    List<Grid> grids = TestGrids.voronoi(EXTENT, 3_000, 42);
    GridIndex index = GridIndex.build(grids);
    BruteForce oracle = new BruteForce(index.unitGrids());
    SplittableRandom random = new SplittableRandom(7);
    int inside = 0;
    Envelope probe = new Envelope(EXTENT);
    probe.expandBy(0.02);
    for (int i = 0; i < 1_000_000; i++) {
      double x = probe.getMinX() + random.nextDouble() * probe.getWidth();
      double y = probe.getMinY() + random.nextDouble() * probe.getHeight();
      int expected = oracle.locate(x, y);
      int actual = index.locateIndex(x, y);
      if (actual != expected) {
        assertThat(actual).as("point (%s, %s)", x, y).isEqualTo(expected);
      }
      inside += expected == GridIndex.NONE ? 0 : 1;
    }
    assertThat(inside).as("most points fall inside the partition").isGreaterThan(800_000);
  }

  @Test
  void verticesAndEdgePointsAgreeWithJtsCovers() {
    List<Grid> grids = TestGrids.voronoi(EXTENT, 3_000, 43);
    GridIndex index = GridIndex.build(grids);
    BruteForce oracle = new BruteForce(index.unitGrids());
    int checked = 0;
    int shared = 0;
    for (Geometry g : oracle.geometries) {
      Coordinate[] ring = g.getCoordinates();
      for (int i = 1; i < ring.length; i++) {
        Coordinate a = ring[i - 1];
        Coordinate b = ring[i];
        double[][] points = {
          {a.x, a.y},
          {(a.x + b.x) / 2, (a.y + b.y) / 2},
          {a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3},
          {Math.nextUp(a.x), a.y},
          {a.x, Math.nextDown(a.y)}
        };
        for (double[] p : points) {
          int expected = oracle.locate(p[0], p[1]);
          assertThat(index.locateIndex(p[0], p[1]))
              .as("point (%s, %s)", p[0], p[1])
              .isEqualTo(expected);
          checked++;
        }
        shared += oracle.envelopes.query(new Envelope(a)).size() > 1 ? 1 : 0;
      }
    }
    assertThat(checked).isGreaterThan(50_000);
    assertThat(shared).as("vertices shared between grids were probed").isGreaterThan(10_000);
  }

  @Test
  void exactlySharedLatticeEdgesGoToTheSmallestCode() {
    double size = 0.001953125; // 2^-9 degrees: edge midpoints are exactly representable
    List<Grid> grids = TestGrids.lattice(120.5, 31.0, size, 40, 40);
    GridIndex index = GridIndex.build(grids);
    BruteForce oracle = new BruteForce(index.unitGrids());
    int onEdges = 0;
    for (int r = 0; r <= 40; r++) {
      for (int c = 0; c <= 80; c++) {
        double x = 120.5 + c * size / 2;
        double y = 31.0 + r * size;
        int expected = oracle.locate(x, y);
        assertThat(index.locateIndex(x, y)).as("(%s, %s)", x, y).isEqualTo(expected);
        assertThat(index.locateIndex(y - 31.0 + 120.5, x - 120.5 + 31.0))
            .isEqualTo(oracle.locate(y - 31.0 + 120.5, x - 120.5 + 31.0));
        onEdges++;
      }
    }
    // a point on the vertical edge between columns 3 and 4 of row 0 belongs to column 3
    assertThat(index.locateIndex(120.5 + 4 * size, 31.0 + size / 2)).isEqualTo(3);
    assertThat(onEdges).isEqualTo(41 * 81);
  }
}
