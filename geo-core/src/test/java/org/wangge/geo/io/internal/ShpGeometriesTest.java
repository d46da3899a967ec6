package org.wangge.geo.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

class ShpGeometriesTest {

  private final ShpGeometries geometries = new ShpGeometries(new GeometryFactory());

  // clockwise = shell, counter-clockwise = hole (ESRI)
  private static final double[][] BIG_SHELL_CW = square(0, 0, 100);
  private static final double[][] SMALL_SHELL_CW = square(200, 0, 10);
  private static final double[][] HOLE_IN_SMALL_CCW = reverse(square(202, 2, 2));
  private static final double[][] HOLE_IN_BIG_CCW = reverse(square(10, 10, 50));
  private static final double[][] ISLAND_IN_HOLE_CW = square(20, 20, 5);

  @Test
  void holesGoToTheShellThatContainsThemWhateverTheRingOrder() throws Exception {
    Geometry g =
        geometries.decode(
            polygon(HOLE_IN_SMALL_CCW, BIG_SHELL_CW, HOLE_IN_BIG_CCW, SMALL_SHELL_CW));

    assertThat(g).isInstanceOf(MultiPolygon.class);
    Polygon big = (Polygon) g.getGeometryN(0);
    Polygon small = (Polygon) g.getGeometryN(1);
    assertThat(big.getExteriorRing().getEnvelopeInternal().getWidth()).isEqualTo(100);
    assertThat(big.getNumInteriorRing()).isEqualTo(1);
    assertThat(big.getInteriorRingN(0).getEnvelopeInternal().getMinX()).isEqualTo(10);
    assertThat(small.getNumInteriorRing()).isEqualTo(1);
    assertThat(small.getInteriorRingN(0).getEnvelopeInternal().getMinX()).isEqualTo(202);
    assertThat(g.isValid()).isTrue();
  }

  @Test
  void anIslandInsideAHoleIsItsOwnPolygonAndTheHoleStaysWithTheOuterShell() throws Exception {
    Geometry g = geometries.decode(polygon(BIG_SHELL_CW, HOLE_IN_BIG_CCW, ISLAND_IN_HOLE_CW));

    assertThat(g.getNumGeometries()).isEqualTo(2);
    assertThat(((Polygon) g.getGeometryN(0)).getNumInteriorRing()).isEqualTo(1);
    assertThat(((Polygon) g.getGeometryN(1)).getNumInteriorRing()).isZero();
    assertThat(g.getArea()).isEqualTo(100 * 100 - 50 * 50 + 25);
  }

  @Test
  void counterClockwiseOnlyRingsAreReadAsShellsAndUnclosedRingsClosed() throws Exception {
    double[][] open = {{0, 0}, {0, 10}, {10, 10}, {10, 0}};
    Geometry g = geometries.decode(polygon(reverse(square(0, 0, 10)), reverse(square(50, 50, 10))));
    Geometry closed = geometries.decode(polygon(open));

    assertThat(g.getNumGeometries()).isEqualTo(2);
    assertThat(g.getArea()).isEqualTo(200);
    assertThat(closed).isInstanceOf(Polygon.class);
    assertThat(closed.getArea()).isEqualTo(100);
  }

  @Test
  void inconsistentCountsAreReported() {
    ByteBuffer content = polygon(BIG_SHELL_CW);
    content.putInt(4 + 32 + 4, 999); // numPoints

    assertThatThrownBy(() -> geometries.decode(content))
        .isInstanceOf(ShpGeometries.BadShapeException.class)
        .hasMessageContaining("999 points");
  }

  private static ByteBuffer polygon(double[][]... rings) {
    int points = 0;
    for (double[][] ring : rings) {
      points += ring.length;
    }
    ByteBuffer b =
        ByteBuffer.allocate(44 + 4 * rings.length + 16 * points).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(5).put(new byte[32]).putInt(rings.length).putInt(points);
    int start = 0;
    for (double[][] ring : rings) {
      b.putInt(start);
      start += ring.length;
    }
    for (double[][] ring : rings) {
      for (double[] xy : ring) {
        b.putDouble(xy[0]).putDouble(xy[1]);
      }
    }
    return b.flip();
  }

  /** Clockwise square, closed. */
  private static double[][] square(double x, double y, double size) {
    return new double[][] {{x, y}, {x, y + size}, {x + size, y + size}, {x + size, y}, {x, y}};
  }

  private static double[][] reverse(double[][] ring) {
    double[][] reversed = new double[ring.length][];
    for (int i = 0; i < ring.length; i++) {
      reversed[i] = ring[ring.length - 1 - i];
    }
    return reversed;
  }
}
