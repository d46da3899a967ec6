package org.wangge.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.wangge.geo.Geodesy;
import org.wangge.geo.LonLat;

class CoordinateTransformsTest {

  private static final double MILLIMETRE = 0.001;

  @ParameterizedTest(name = "EPSG:{0} ({1}, {2}) -> EPSG:{3}: {6}")
  @CsvFileSource(resources = "/crs/epsg-reference.csv", numLinesToSkip = 1)
  void matchesReferenceForward(
      int source, double lon, double lat, int target, double x, double y, String origin) {
    XY xy = CoordinateTransforms.between(Crs.epsg(source), Crs.epsg(target)).transform(lon, lat);

    assertThat(xy.x()).isCloseTo(x, within(MILLIMETRE));
    assertThat(xy.y()).isCloseTo(y, within(MILLIMETRE));
  }

  @ParameterizedTest(name = "EPSG:{3} ({4}, {5}) -> EPSG:{0}: {6}")
  @CsvFileSource(resources = "/crs/epsg-reference.csv", numLinesToSkip = 1)
  void matchesReferenceInverseWithinOneMillimetre(
      int source, double lon, double lat, int target, double x, double y, String origin) {
    XY back = CoordinateTransforms.between(Crs.epsg(target), Crs.epsg(source)).transform(x, y);

    assertThat(Geodesy.haversineMeters(back.x(), back.y(), lon, lat)).isLessThan(MILLIMETRE);
  }

  @Test
  void everyZoneMapsItsCentralMeridianToTheFalseEastingAndTheMeridianArc() {
    double arcAt30 = meridianArcGrs80(30);
    for (int code = 4491; code <= 4554; code++) {
      GaussKrugerZone zone = GaussKrugerZone.ofEpsg(code).orElseThrow();
      CrsTransform toZone = CoordinateTransforms.between(Crs.CGCS2000, Crs.epsg(code));
      int cm = zone.centralMeridianDegrees();

      XY onMeridian = toZone.transform(cm, 30);
      assertThat(onMeridian.x())
          .as("EPSG:%d easting", code)
          .isCloseTo(zone.falseEastingMeters(), within(1e-6));
      assertThat(onMeridian.y())
          .as("EPSG:%d northing", code)
          .isCloseTo(arcAt30, within(MILLIMETRE));

      for (double[] p : new double[][] {{cm, 30}, {cm + 1.5, 22.5}, {cm - 2.9, 45}}) {
        XY xy = toZone.transform(p[0], p[1]);
        XY back = toZone.inverse().transform(xy.x(), xy.y());
        assertThat(back.x()).as("EPSG:%d lon", code).isCloseTo(p[0], within(1e-9));
        assertThat(back.y()).as("EPSG:%d lat", code).isCloseTo(p[1], within(1e-9));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"4498, 117", "4509, 117", "4549, 120", "4528, 120"})
  void eastAndWestOfTheCentralMeridianMirror(int code, int centralMeridian) {
    CrsTransform t = CoordinateTransforms.between(Crs.CGCS2000, Crs.epsg(code));
    double falseEasting = GaussKrugerZone.ofEpsg(code).orElseThrow().falseEastingMeters();
    XY east = t.transform(centralMeridian + 2.5, 35);
    XY west = t.transform(centralMeridian - 2.5, 35);

    assertThat(east.x() - falseEasting).isCloseTo(falseEasting - west.x(), within(1e-6));
    assertThat(east.y()).isCloseTo(west.y(), within(1e-6));
    assertThat(east.x() - falseEasting).isBetween(220_000.0, 240_000.0); // 2.5° × 91 km at 35°N
  }

  @Test
  void prefixedAndPlainZonesDifferByTheZoneNumberInMillions() {
    XY plain = CoordinateTransforms.between(Crs.CGCS2000, Crs.epsg(4509)).transform(118.2, 40.1);
    XY prefixed = CoordinateTransforms.between(Crs.CGCS2000, Crs.epsg(4498)).transform(118.2, 40.1);
    XY threeDegree =
        CoordinateTransforms.between(Crs.CGCS2000, Crs.epsg(4548)).transform(118.2, 40.1);

    assertThat(prefixed.x() - plain.x()).isCloseTo(20_000_000.0, within(1e-6));
    assertThat(prefixed.y()).isEqualTo(plain.y());
    assertThat(threeDegree).isEqualTo(plain); // 6° CM 117E and 3° CM 117E share every parameter
  }

  @Test
  void projectedToProjectedGoesThroughLonLat() {
    XY fromPlain =
        CoordinateTransforms.between(Crs.epsg(4549), Crs.epsg(4528))
            .transform(561526.506611158, 3446528.66438117);
    XY web =
        CoordinateTransforms.between(Crs.epsg(4528), Crs.WEB_MERCATOR)
            .transform(40561526.5066112, 3446528.66438117);

    assertThat(fromPlain.x()).isCloseTo(40561526.5066112, within(MILLIMETRE));
    assertThat(fromPlain.y()).isCloseTo(3446528.66438117, within(MILLIMETRE));
    assertThat(web.x()).isCloseTo(13430157.4439145, within(MILLIMETRE));
    assertThat(web.y()).isCloseTo(3650772.11788577, within(MILLIMETRE));
  }

  @Test
  void wgs84AndCgcs2000AreTheSameLonLat() {
    XY xy = CoordinateTransforms.between(Crs.WGS84, Crs.CGCS2000).transform(120.645157, 31.138677);

    assertThat(xy).isEqualTo(new XY(120.645157, 31.138677));
  }

  @Test
  void convertsToAndFromLonLat() {
    LonLat p = CoordinateTransforms.toLonLat(Crs.epsg(4549), 561526.506611158, 3446528.66438117);
    XY xy = CoordinateTransforms.fromLonLat(LonLat.of(120.645157, 31.138677), Crs.epsg(4528));

    assertThat(p.distanceMeters(LonLat.of(120.645157, 31.138677))).isLessThan(MILLIMETRE);
    assertThat(xy.x()).isCloseTo(40561526.5066112, within(MILLIMETRE));
  }

  @Test
  void batchesMatchSinglePointsInEveryLayout() {
    CrsTransform t = CoordinateTransforms.between(Crs.GCJ02, Crs.epsg(4549));
    double[][] points = {{120.649354, 31.136457}, {120.41, 30.9}, {121.1, 31.35}};
    double[] interleaved = new double[2 + 2 * points.length];
    double[] xs = new double[points.length];
    double[] ys = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      interleaved[2 + 2 * i] = points[i][0];
      interleaved[3 + 2 * i] = points[i][1];
      xs[i] = points[i][0];
      ys[i] = points[i][1];
    }
    double[] out = new double[2 * points.length];
    double[] inPlace = Arrays.copyOfRange(interleaved, 2, interleaved.length);

    t.transform(interleaved, 2, out, 0, points.length);
    t.transform(inPlace);
    t.transform(xs, ys);

    for (int i = 0; i < points.length; i++) {
      XY expected = t.transform(points[i][0], points[i][1]);
      assertThat(new XY(out[2 * i], out[2 * i + 1])).isEqualTo(expected);
      assertThat(new XY(inPlace[2 * i], inPlace[2 * i + 1])).isEqualTo(expected);
      assertThat(new XY(xs[i], ys[i])).isEqualTo(expected);
    }
  }

  @Test
  void batchErrorNamesThePointIndexAndValue() {
    CrsTransform t = CoordinateTransforms.between(Crs.epsg(4549), Crs.CGCS2000);
    double[] xy = {561526.5, 3446528.6, 538337.2, 3419956.3, 31.138677, 120.645157};

    assertThatThrownBy(() -> t.transform(xy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("point 2")
        .hasMessageContaining("31.138677");
    assertThat(xy[0]).isCloseTo(120.645, within(0.001)); // earlier points were written
  }

  @Test
  void batchRejectsMalformedArrays() {
    CrsTransform t = CoordinateTransforms.between(Crs.WGS84, Crs.epsg(4549));
    assertThatThrownBy(() -> t.transform(new double[3])).hasMessageContaining("odd length 3");
    assertThatThrownBy(() -> t.transform(new double[2], new double[3]))
        .hasMessageContaining("2 and 3");
    assertThatThrownBy(() -> t.transform(new double[4], 2, new double[4], 0, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void lonLatSwappedIntoAProjectedCrsIsRejected() {
    assertThatThrownBy(
            () ->
                CoordinateTransforms.between(Crs.epsg(4549), Crs.CGCS2000)
                    .transform(120.645157, 31.138677))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("120.645157")
        .hasMessageContaining("EPSG:4549")
        .hasMessageContaining("swapped");
    assertThatThrownBy(
            () ->
                CoordinateTransforms.between(Crs.epsg(4528), Crs.CGCS2000)
                    .transform(120.645157, 31.138677))
        .hasMessageContaining("120.645157")
        .hasMessageContaining("zone prefix 40");
  }

  @Test
  void latLonSwappedIntoAGeographicSourceIsRejected() {
    assertThatThrownBy(
            () ->
                CoordinateTransforms.between(Crs.CGCS2000, Crs.epsg(4549))
                    .transform(31.138677, 120.645157))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latitude 120.645157");
  }

  @ParameterizedTest
  @CsvSource({
    "4528, 561526.506611158, 3446528.66438117, 561526.506611158, zone prefix 40",
    "4549, 40561526.5066112, 3446528.66438117, 40561526.5066112, zone prefix (40)",
    "4549, 3446528.66438117, 561526.506611158, 3446528.66438117, swapped",
    "4549, 561526.5, -12.0, -12.0, outside",
    "4549, 1561526.5, 3446528.6, 1561526.5, outside",
    "4498, 561526.5, 3446528.6, 561526.5, zone prefix 20",
    "4509, 20561526.5, 3446528.6, 20561526.5, zone prefix (20)",
    "3857, 30000000.0, 0.0, 30000000, 20037508",
  })
  void projectedCoordinatesOutsideTheZoneAreRejected(
      int code, double x, double y, String named, String reason) {
    assertThatThrownBy(
            () -> CoordinateTransforms.between(Crs.epsg(code), Crs.CGCS2000).transform(x, y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @CsvSource({
    "4549, 100.0, 30.0, 117–123",
    "4549, 120.0, 60.0, 60.0",
    "4498, 125.0, 30.0, 111–123",
    "3857, 120.0, 89.0, 89.0",
    "4326, 181.0, 30.0, 181.0",
  })
  void lonLatOutsideTheTargetDomainIsRejected(int code, double lon, double lat, String named) {
    assertThatThrownBy(
            () -> CoordinateTransforms.between(Crs.CGCS2000, Crs.epsg(code)).transform(lon, lat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named);
  }

  @Test
  void nonFiniteInputIsRejected() {
    assertThatThrownBy(
            () ->
                CoordinateTransforms.between(Crs.epsg(4549), Crs.CGCS2000).transform(Double.NaN, 1))
        .hasMessageContaining("NaN");
    assertThatThrownBy(
            () ->
                CoordinateTransforms.between(Crs.GCJ02, Crs.CGCS2000)
                    .transform(120, Double.POSITIVE_INFINITY))
        .hasMessageContaining("Infinity");
  }

  @Test
  void oneTransformServesManyThreads() throws Exception {
    CrsTransform t = CoordinateTransforms.between(Crs.BD09, Crs.epsg(4528));
    int n = 20_000;
    double[] expected = new double[2 * n];
    for (int i = 0; i < n; i++) {
      expected[2 * i] = 119.0 + 2.0 * i / n;
      expected[2 * i + 1] = 30.0 + 3.0 * i / n;
    }
    double[] input = expected.clone();
    t.transform(expected);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        results.add(
            pool.submit(
                () -> {
                  double[] copy = input.clone();
                  for (int i = 0; i < n; i++) { // single calls interleave with the other threads
                    XY xy = t.transform(copy[2 * i], copy[2 * i + 1]);
                    copy[2 * i] = xy.x();
                    copy[2 * i + 1] = xy.y();
                  }
                  return copy;
                }));
      }
      for (Future<double[]> result : results) {
        assertThat(result.get()).containsExactly(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Meridian arc length on GRS80 from the equator, by Simpson integration of M(φ). */
  private static double meridianArcGrs80(double latDegrees) {
    double a = 6378137.0;
    double f = 1 / 298.257222101;
    double e2 = f * (2 - f);
    int steps = 10_000;
    double h = Math.toRadians(latDegrees) / steps;
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
      double phi = i * h;
      double s = Math.sin(phi);
      double m = a * (1 - e2) / Math.pow(1 - e2 * s * s, 1.5);
      sum += m * (i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2));
    }
    return sum * h / 3;
  }
}
