package org.wangge.geo.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;

class EqualAreaTest {

  /**
   * GRS80 (= CGCS2000) ellipsoid surface area, m² (Moritz 2000, Geodetic Reference System 1980).
   */
  private static final double GRS80_SURFACE_M2 = 510_065_621.7e6;

  @Test
  void wholeEllipsoidHasTheGrs80SurfaceArea() {
    Geometry globe = GridFixtures.wkt("POLYGON ((-180 -90, 180 -90, 180 90, -180 90, -180 -90))");

    assertThat(EqualArea.squareMeters(globe)).isCloseTo(GRS80_SURFACE_M2, withinPercentage(1e-6));
  }

  @ParameterizedTest(name = "{2}° × {3}° at lat {1}")
  @CsvSource({
    "120.6, 0.0, 0.001, 0.001",
    "120.6, 31.3, 0.001, 0.001",
    "120.6, 31.3, 0.1, 0.1",
    "87.6, 43.8, 0.01, 0.005",
    "126.6, 53.0, 0.001, 0.002",
  })
  void smallRectangleMatchesItsSideLengths(double lon, double lat, double dLon, double dLat) {
    Geometry rectangle =
        GridFixtures.wkt(
            String.format(
                java.util.Locale.ROOT,
                "POLYGON ((%1$.6f %2$.6f, %3$.6f %2$.6f, %3$.6f %4$.6f, %1$.6f %4$.6f, %1$.6f"
                    + " %2$.6f))",
                lon,
                lat,
                lon + dLon,
                lat + dLat));

    assertThat(EqualArea.squareMeters(rectangle))
        .isCloseTo(
            GridFixtures.rectangleSquareMeters(dLon, dLat, lat + dLat / 2), withinPercentage(0.5));
  }

  @Test
  void holesAreSubtractedAndMultiPolygonPartsAdded() {
    Geometry holed =
        GridFixtures.wkt(
            "POLYGON ((120 31, 120.003 31, 120.003 31.003, 120 31.003, 120 31),"
                + " (120.001 31.001, 120.001 31.002, 120.002 31.002, 120.002 31.001, 120.001"
                + " 31.001))");
    Geometry cell =
        GridFixtures.wkt(
            "POLYGON ((120.001 31.001, 120.002 31.001, 120.002 31.002, 120.001 31.002, 120.001"
                + " 31.001))");
    Geometry both = GridFixtures.FACTORY.createGeometryCollection(new Geometry[] {holed, cell});

    assertThat(EqualArea.squareMeters(holed) / EqualArea.squareMeters(cell))
        .isCloseTo(8, withinPercentage(0.01));
    assertThat(EqualArea.squareMeters(both) / EqualArea.squareMeters(cell))
        .isCloseTo(9, withinPercentage(0.01));
  }

  @Test
  void zeroAreaSlantedTriangleHasNoArea() {
    // three collinear points in lon/lat on a 224 m slanted line: projecting the vertices and using
    // the shoelace would give about 0.005 m² here, because the projection bends the line
    Geometry flat =
        GridFixtures.wkt(
            "POLYGON ((120.6011 31.301, 120.601 31.3, 120.6012 31.302, 120.6011 31.301))");

    assertThat(EqualArea.squareMeters(flat)).isLessThan(1e-6);
  }

  @Test
  void sliverOfACentimetreSquareMetreSurvivesDoublePrecision() {
    // 1e-9° ≈ 0.095 mm wide, 0.001° ≈ 111 m tall: about 0.0106 m²
    Geometry sliver =
        GridFixtures.wkt(
            "POLYGON ((120.600000000 31.3, 120.600000001 31.3, 120.600000001 31.301, 120.600000000"
                + " 31.301, 120.600000000 31.3))");

    assertThat(EqualArea.squareMeters(sliver))
        .isCloseTo(GridFixtures.rectangleSquareMeters(1e-9, 0.001, 31.3005), withinPercentage(1));
  }
}
