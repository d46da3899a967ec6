package org.wangge.geo.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;
import org.wangge.geo.codes.GridCode;

class GridTest {

  private static Geometry wkt(String text) throws Exception {
    return new WKTReader(new GeometryFactory()).read(text);
  }

  private static final GridCode UNIT = GridCode.parse("320509001001001");

  @Test
  void rejectsEmptyAndNonAreaGeometry() throws Exception {
    assertThatThrownBy(
            () -> new Grid(UNIT, "a", GridLevel.UNIT, UNIT.parent(), wkt("POLYGON EMPTY"), "U"))
        .hasMessageContaining("grid 320509001001001: geometry is empty");
    assertThatThrownBy(
            () ->
                new Grid(
                    UNIT, "a", GridLevel.UNIT, UNIT.parent(), wkt("LINESTRING (0 0, 1 1)"), "U"))
        .hasMessageContaining("must be a Polygon or MultiPolygon, not LineString");
  }

  @Test
  void levelMustMatchCodeLength() throws Exception {
    Geometry square = wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
    assertThatThrownBy(() -> new Grid(UNIT.parent(), "c", GridLevel.UNIT, null, square, "U"))
        .hasMessageContaining("a UNIT grid needs a 15-digit code, not 12");
    assertThatThrownBy(() -> new Grid(UNIT, "a", GridLevel.UNIT, null, square, "U"))
        .hasMessageContaining("needs a parent");
  }

  @Test
  void geometryIsDefensivelyCopied() throws Exception {
    Geometry square = wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
    Grid grid = new Grid(UNIT, "a", GridLevel.UNIT, UNIT.parent(), square, "U");
    square.getCoordinates()[0].x = 5;
    grid.geometry().getCoordinates()[0].x = 7;
    assertThat(grid.geometry().getCoordinates()[0].x).isZero();
  }
}
