package org.wangge.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.wangge.geo.Geodesy;

/** Reference values from the {@code coordtransform} npm package. */
class ChineseWebOffsetsTest {

  private static final double DEGREE_TOLERANCE = 1e-6;

  @ParameterizedTest
  @CsvFileSource(resources = "/crs/web-offsets-reference.csv", numLinesToSkip = 1)
  void wgs84ToGcj02(
      double lon, double lat, double gcjLon, double gcjLat, double bdLon, double bdLat) {
    XY gcj = CoordinateTransforms.between(Crs.WGS84, Crs.GCJ02).transform(lon, lat);

    assertThat(gcj.x()).isCloseTo(gcjLon, within(DEGREE_TOLERANCE));
    assertThat(gcj.y()).isCloseTo(gcjLat, within(DEGREE_TOLERANCE));
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/crs/web-offsets-reference.csv", numLinesToSkip = 1)
  void gcj02ToBd09AndBack(
      double lon, double lat, double gcjLon, double gcjLat, double bdLon, double bdLat) {
    CrsTransform toBaidu = CoordinateTransforms.between(Crs.GCJ02, Crs.BD09);
    XY bd = toBaidu.transform(gcjLon, gcjLat);
    XY gcj = toBaidu.inverse().transform(bdLon, bdLat);

    assertThat(bd.x()).isCloseTo(bdLon, within(DEGREE_TOLERANCE));
    assertThat(bd.y()).isCloseTo(bdLat, within(DEGREE_TOLERANCE));
    assertThat(gcj.x()).isCloseTo(gcjLon, within(DEGREE_TOLERANCE));
    assertThat(gcj.y()).isCloseTo(gcjLat, within(DEGREE_TOLERANCE));
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/crs/web-offsets-reference.csv", numLinesToSkip = 1)
  void wgs84ToBd09AndBack(
      double lon, double lat, double gcjLon, double gcjLat, double bdLon, double bdLat) {
    CrsTransform toBaidu = CoordinateTransforms.between(Crs.WGS84, Crs.BD09);
    XY bd = toBaidu.transform(lon, lat);
    XY wgs = toBaidu.inverse().transform(bdLon, bdLat);

    assertThat(bd.x()).isCloseTo(bdLon, within(DEGREE_TOLERANCE));
    assertThat(bd.y()).isCloseTo(bdLat, within(DEGREE_TOLERANCE));
    assertThat(Geodesy.haversineMeters(wgs.x(), wgs.y(), lon, lat)).isLessThan(1.0);
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/crs/web-offsets-reference.csv", numLinesToSkip = 1)
  void gcj02ToWgs84ByIteration(
      double lon, double lat, double gcjLon, double gcjLat, double bdLon, double bdLat) {
    XY wgs = CoordinateTransforms.between(Crs.GCJ02, Crs.WGS84).transform(gcjLon, gcjLat);

    assertThat(Geodesy.haversineMeters(wgs.x(), wgs.y(), lon, lat)).isLessThan(1.0);
    assertThat(wgs.x()).isCloseTo(lon, within(1e-9));
    assertThat(wgs.y()).isCloseTo(lat, within(1e-9));
  }

  @ParameterizedTest
  @CsvSource({
    "120.645157, 31.138677, 400, 700", // Suzhou: the offset is a few hundred metres
    "87.6, 43.8, 100, 900", // Ürümqi
    "110.3, 20.0, 100, 900", // Haikou
  })
  void offsetIsHundredsOfMetresInsideChina(double lon, double lat, double min, double max) {
    XY gcj = CoordinateTransforms.between(Crs.WGS84, Crs.GCJ02).transform(lon, lat);
    XY back = CoordinateTransforms.between(Crs.GCJ02, Crs.WGS84).transform(gcj.x(), gcj.y());

    assertThat(Geodesy.haversineMeters(lon, lat, gcj.x(), gcj.y())).isBetween(min, max);
    assertThat(back.x()).isCloseTo(lon, within(1e-9));
    assertThat(back.y()).isCloseTo(lat, within(1e-9));
  }

  @ParameterizedTest
  @CsvSource({
    "139.6917, 35.6895", // Tokyo
    "-0.1276, 51.5072", // London
    "103.8198, 1.3521", // Singapore, south of 3.86°N
    "135.1, 48.5", // just east of the box
  })
  void noOffsetOutsideChina(double lon, double lat) {
    XY gcj = CoordinateTransforms.between(Crs.WGS84, Crs.GCJ02).transform(lon, lat);
    XY wgs = CoordinateTransforms.between(Crs.GCJ02, Crs.WGS84).transform(lon, lat);

    assertThat(gcj).isEqualTo(new XY(lon, lat));
    assertThat(wgs).isEqualTo(new XY(lon, lat));
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/crs/web-offsets-reference.csv", numLinesToSkip = 1)
  void gcj02FeedsProjectedCrsThroughWgs84(
      double lon, double lat, double gcjLon, double gcjLat, double bdLon, double bdLat) {
    Crs zone = Crs.gaussKruger(3, Math.round(lon / 3) * 3, false);
    XY fromGcj = CoordinateTransforms.between(Crs.GCJ02, zone).transform(gcjLon, gcjLat);
    XY fromWgs = CoordinateTransforms.between(Crs.WGS84, zone).transform(lon, lat);

    assertThat(fromGcj.x()).isCloseTo(fromWgs.x(), within(0.001));
    assertThat(fromGcj.y()).isCloseTo(fromWgs.y(), within(0.001));
  }
}
