package org.wangge.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrjFilesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "CGCS2000_3_Degree_GK_CM_120E.prj,              EPSG:4549",
    "CGCS2000_3_Degree_GK_Zone_40.prj,              EPSG:4528",
    "CGCS2000_GK_CM_117E.prj,                       EPSG:4509",
    "CGCS2000_GK_Zone_20.prj,                       EPSG:4498",
    "GCS_China_Geodetic_Coordinate_System_2000.prj, EPSG:4490",
    "GCS_WGS_1984.prj,                              EPSG:4326",
    "WGS_1984_Web_Mercator_Auxiliary_Sphere.prj,    EPSG:3857",
    "ogc-authority-4549.prj,                        EPSG:4549",
    "unnamed-cgcs2000-tm-zone-39.prj,               EPSG:4527",
    "unnamed-cgcs2000-gk-cm-123.prj,                EPSG:4550",
  })
  void identifiesPrjFiles(String file, String id) throws Exception {
    assertThat(PrjFiles.read(fixture(file)).id()).isEqualTo(id);
    assertThat(PrjFiles.toCrs(text(file)).id()).isEqualTo(id);
  }

  @ParameterizedTest
  @CsvSource({
    "CGCS2000 / 3-degree Gauss-Kruger CM 120E, EPSG:4549",
    "CGCS2000 / 3-degree Gauss-Kruger zone 40, EPSG:4528",
    "CGCS2000 / Gauss-Kruger CM 117E,          EPSG:4509",
    "CGCS2000 / Gauss-Kruger zone 20,          EPSG:4498",
    "WGS 84 / Pseudo-Mercator,                 EPSG:3857",
  })
  void identifiesEpsgNamesWithoutAuthority(String name, String id) {
    assertThat(PrjFiles.toCrs("PROJCS[\"" + name + "\",GEOGCS[\"x\"]]").id()).isEqualTo(id);
  }

  @Test
  void authorityOnTheOutermostElementWinsOverNestedOnes() {
    String wkt =
        text("ogc-authority-4549.prj")
            .replace("AUTHORITY[\"EPSG\",\"4549\"]]", "AUTHORITY[\"EPSG\",\"4528\"]]");

    assertThat(PrjFiles.toCrs(wkt)).isEqualTo(Crs.epsg(4528));
  }

  @Test
  void readsWkt2IdAndBom() {
    String wkt2 =
        "\uFEFFGEOGCRS[\"China Geodetic Coordinate System 2000\",DATUM[\"China 2000\","
            + "ELLIPSOID[\"CGCS2000\",6378137,298.257222101]],ID[\"EPSG\",4490]]";

    assertThat(PrjFiles.toCrs(wkt2)).isEqualTo(Crs.CGCS2000);
  }

  @ParameterizedTest
  @CsvSource({
    "Xian_1980_3_Degree_GK_CM_120E.prj,    Xian_1980_3_Degree_GK_CM_120E",
    "Beijing_1954_3_Degree_GK_CM_117E.prj, Beijing_1954_3_Degree_GK_CM_117E",
    "Local_Suzhou_Grid_Xian80_datum.prj,   Suzhou_Local",
  })
  void refusesLegacyChineseDatums(String file, String name) {
    assertThatThrownBy(() -> PrjFiles.toCrs(text(file)))
        .isInstanceOf(UnsupportedCrsException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("7-parameter");
  }

  @Test
  void refusesOgcWktOfLegacyDatumByAuthority() {
    String wkt = "PROJCS[\"Some grid\",GEOGCS[\"x\"],AUTHORITY[\"EPSG\",\"2383\"]]";

    assertThatThrownBy(() -> PrjFiles.toCrs(wkt))
        .isInstanceOf(UnsupportedCrsException.class)
        .hasMessageContaining("Some grid")
        .hasMessageContaining("EPSG:2383");
  }

  @ParameterizedTest
  @CsvSource({
    "WGS_1984_UTM_Zone_50N.prj,       WGS_1984_UTM_Zone_50N",
    "cgcs2000-local-cm-120_35.prj,    CGCS2000_Suzhou_Local_CM_120_35E",
  })
  void refusesUnknownProjcsNamingIt(String file, String name) {
    assertThatThrownBy(() -> PrjFiles.toCrs(text(file)))
        .isInstanceOf(UnsupportedCrsException.class)
        .hasMessageContaining("PROJCS '" + name + "'");
  }

  @Test
  void refusesUnknownGeogcsNamingIt() {
    assertThatThrownBy(() -> PrjFiles.toCrs("GEOGCS[\"GCS_Tokyo\",DATUM[\"D_Tokyo\"]]"))
        .isInstanceOf(UnsupportedCrsException.class)
        .hasMessageContaining("GCS_Tokyo");
  }

  @Test
  void refusesNameThatContradictsParameters() {
    assertThatThrownBy(() -> PrjFiles.toCrs(text("name-contradicts-parameters.prj")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CGCS2000_3_Degree_GK_CM_120E")
        .hasMessageContaining("117.0");
  }

  @Test
  void refusesZonePrefixThatContradictsCentralMeridian() {
    String wkt =
        text("unnamed-cgcs2000-tm-zone-39.prj")
            .replace("\"Central_Meridian\",117.0", "\"Central_Meridian\",120.0");

    assertThatThrownBy(() -> PrjFiles.toCrs(wkt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Suzhou_Survey_Grid")
        .hasMessageContaining("120.0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PROJCS[\"a\",GEOGCS[\"b\"]",
        "PROJCS[\"a\" GEOGCS]",
        "hello",
        "PROJCS[\"unterminated]"
      })
  void refusesMalformedWkt(String wkt) {
    assertThatThrownBy(() -> PrjFiles.toCrs(wkt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed WKT");
  }

  @Test
  void refusesEmptyText() {
    assertThatThrownBy(() -> PrjFiles.toCrs("  ")).hasMessageContaining("empty");
  }

  @Test
  void reportsUnreadableFile() {
    assertThatThrownBy(() -> PrjFiles.read(Path.of("no-such-file.prj")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("no-such-file.prj");
  }

  private static Path fixture(String file) throws URISyntaxException {
    return Path.of(PrjFilesTest.class.getResource("/crs/prj/" + file).toURI());
  }

  private static String text(String file) {
    try (InputStream in = PrjFilesTest.class.getResourceAsStream("/crs/prj/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
