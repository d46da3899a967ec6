package org.wangge.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CrsTest {

  @ParameterizedTest
  @CsvSource({
    "EPSG:4549,      EPSG:4549",
    "4549,           EPSG:4549",
    "' epsg:4528 ',  EPSG:4528",
    "CGCS2000,       EPSG:4490",
    "cgcs2000,       EPSG:4490",
    "WGS84,          EPSG:4326",
    "WGS 84,         EPSG:4326",
    "EPSG:3857,      EPSG:3857",
    "WebMercator,    EPSG:3857",
    "GCJ02,          GCJ02",
    "gcj-02,         GCJ02",
    "BD09,           BD09",
    "BD-09,          BD09",
  })
  void parsesCodesAndAliases(String text, String id) {
    assertThat(Crs.parse(text).id()).isEqualTo(id);
  }

  @ParameterizedTest
  @CsvSource({
    "4326, WGS 84,                                    GEOGRAPHIC, LON_LAT",
    "4490, China Geodetic Coordinate System 2000,     GEOGRAPHIC, LON_LAT",
    "3857, WGS 84 / Pseudo-Mercator,                  PROJECTED,  EASTING_NORTHING",
    "4491, CGCS2000 / Gauss-Kruger zone 13,           PROJECTED,  EASTING_NORTHING",
    "4498, CGCS2000 / Gauss-Kruger zone 20,           PROJECTED,  EASTING_NORTHING",
    "4509, CGCS2000 / Gauss-Kruger CM 117E,           PROJECTED,  EASTING_NORTHING",
    "4512, CGCS2000 / Gauss-Kruger CM 135E,           PROJECTED,  EASTING_NORTHING",
    "4513, CGCS2000 / 3-degree Gauss-Kruger zone 25,  PROJECTED,  EASTING_NORTHING",
    "4528, CGCS2000 / 3-degree Gauss-Kruger zone 40,  PROJECTED,  EASTING_NORTHING",
    "4549, CGCS2000 / 3-degree Gauss-Kruger CM 120E,  PROJECTED,  EASTING_NORTHING",
    "4554, CGCS2000 / 3-degree Gauss-Kruger CM 135E,  PROJECTED,  EASTING_NORTHING",
  })
  void describesEpsgCodes(int code, String name, Crs.Kind kind, Crs.AxisOrder axisOrder) {
    Crs crs = Crs.epsg(code);
    assertThat(crs.name()).isEqualTo(name);
    assertThat(crs.kind()).isEqualTo(kind);
    assertThat(crs.axisOrder()).isEqualTo(axisOrder);
    assertThat(crs.epsgCode()).hasValue(code);
  }

  @Test
  void webOffsetsAreGeographicWithoutEpsgCode() {
    assertThat(Crs.GCJ02.kind()).isEqualTo(Crs.Kind.GEOGRAPHIC);
    assertThat(Crs.GCJ02.epsgCode()).isEmpty();
    assertThat(Crs.BD09.axisOrder()).isEqualTo(Crs.AxisOrder.LON_LAT);
    assertThat(Crs.BD09.epsgCode()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "3, 120, false, 4549",
    "3, 120, true,  4528",
    "3,  75, true,  4513",
    "6, 117, false, 4509",
    "6, 117, true,  4498",
    "6, 135, true,  4501",
  })
  void findsGaussKrugerZoneByCentralMeridian(
      int width, double centralMeridian, boolean prefix, int code) {
    assertThat(Crs.gaussKruger(width, centralMeridian, prefix)).isEqualTo(Crs.epsg(code));
  }

  @ParameterizedTest
  @CsvSource({"6, 120", "3, 120.5", "3, 72", "6, 141", "4, 120"})
  void rejectsMeridianThatIsNoZoneCentre(int width, double centralMeridian) {
    assertThatThrownBy(() -> Crs.gaussKruger(width, centralMeridian, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            width == 4 ? "4°" : String.valueOf(centralMeridian).replace(".0", ""));
  }

  @ParameterizedTest
  @ValueSource(ints = {4555 + 145, 32650, 4479, 0, 9999})
  void rejectsUnknownEpsgCodeNamingIt(int code) {
    assertThatThrownBy(() -> Crs.epsg(code))
        .isInstanceOf(UnsupportedCrsException.class)
        .hasMessageContaining("EPSG:" + code);
  }

  @ParameterizedTest
  @ValueSource(ints = {2383, 4610, 2437, 21460, 4214, 4555, 4578})
  void rejectsLegacyChineseDatumsSayingWhy(int code) {
    assertThatThrownBy(() -> Crs.epsg(code))
        .isInstanceOf(UnsupportedCrsException.class)
        .hasMessageContaining("EPSG:" + code)
        .hasMessageContaining("7-parameter");
  }

  @ParameterizedTest
  @ValueSource(strings = {"EPSG:99999", "UTM50N", "EPSG:", "epsg:45x9"})
  void rejectsUnknownTextNamingIt(String text) {
    assertThatThrownBy(() -> Crs.parse(text))
        .isInstanceOf(UnsupportedCrsException.class)
        .hasMessageContaining(text.equals("EPSG:99999") ? "99999" : text);
  }

  @Test
  void rejectsBlankText() {
    assertThatThrownBy(() -> Crs.parse(" ")).hasMessageContaining("missing");
  }

  @Test
  void constructorRejectsNameThatContradictsTheCatalogue() {
    assertThatThrownBy(
            () ->
                new Crs(
                    "EPSG:4549", "CGCS2000 / 3-degree Gauss-Kruger CM 117E", Crs.Kind.PROJECTED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CM 117E")
        .hasMessageContaining("CM 120E");
    assertThatThrownBy(
            () ->
                new Crs(
                    "EPSG:4549", "CGCS2000 / 3-degree Gauss-Kruger CM 120E", Crs.Kind.GEOGRAPHIC))
        .hasMessageContaining("GEOGRAPHIC");
  }

  @Test
  void equalValuesFromEveryFactory() {
    assertThat(Crs.parse("4549"))
        .isEqualTo(Crs.epsg(4549))
        .isEqualTo(Crs.gaussKruger(3, 120, false));
    assertThat(Crs.epsg(4549).toString()).contains("EPSG:4549").contains("CM 120E");
  }
}
