package org.wangge.geo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wangge.geo.io.GdalOracle.assertMatchesGdal;
import static org.wangge.geo.io.GdalOracle.fixture;
import static org.wangge.geo.io.GdalOracle.readAll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.wangge.geo.crs.Crs;

class GeoJsonFilesTest {

  @TempDir Path dir;

  @Test
  void rfc7946ComponentsComeBackAsGdalReadsThem() throws Exception {
    try (FeatureReader reader = GeoJsonFiles.open(fixture("components_rfc7946.geojson"), null)) {
      assertThat(reader.fieldNames()).containsExactlyElementsOf(GeoPackagesTest.SURVEY_FIELDS);
      assertThat(reader.declaredCrs()).contains(Crs.WGS84);
      assertThat(reader.describe()).contains("components_rfc7946.geojson", "RFC 7946");
      assertMatchesGdal(reader, "components_rfc7946.geojson.csv");
    }
  }

  @Test
  void propertiesKeepTheirJsonTypes() throws Exception {
    try (FeatureReader reader = GeoJsonFiles.open(fixture("components_rfc7946.geojson"), null)) {
      SourceFeature first = reader.next();
      assertThat(first.values().subList(0, 2)).containsExactly("3205090101000001", "上水井盖");
      assertThat(first.values().subList(10, 14))
          .containsExactly("2023-01-01", "2024-01-03", "吴江区部件普查", null);
      assertThat(first.geometry().getCoordinate().x).isEqualTo(120.4000123);
      assertThat(first.geometry().getCoordinate().y).isEqualTo(30.8000456);
    }
    try (FeatureReader reader = GeoJsonFiles.open(fixture("grids_rfc7946.geojson"), null)) {
      reader.next();
      assertThat(reader.next().values())
          .containsExactly("320509001001002", "松陵街道第2网格", 240000.5, 2L, true);
    }
  }

  @Test
  void rfc7946GridsKeepHolesAndParts() throws Exception {
    try (FeatureReader reader = GeoJsonFiles.open(fixture("grids_rfc7946.geojson"), null)) {
      List<SourceFeature> grids = readAll(reader);
      assertThat(((Polygon) grids.get(1).geometry()).getNumInteriorRing()).isEqualTo(1);
      assertThat(grids.get(4).geometry()).isInstanceOf(MultiPolygon.class);
      assertThat(grids.get(4).geometry().getNumGeometries()).isEqualTo(2);
    }
    try (FeatureReader reader = GeoJsonFiles.open(fixture("grids_rfc7946.geojson"), null)) {
      assertThat(reader.declaredCrs()).contains(Crs.WGS84);
      assertMatchesGdal(reader, "grids_rfc7946.geojson.csv");
    }
  }

  @Test
  void theLegacyCrsMemberIsDeclared() throws Exception {
    try (FeatureReader reader = GeoJsonFiles.open(fixture("grids_4549_legacy_crs.geojson"), null)) {
      assertThat(reader.declaredCrs()).contains(Crs.epsg(4549));
      assertThat(reader.describe()).contains("EPSG:4549 from its crs member");
      assertMatchesGdal(reader, "grids_4549_legacy_crs.geojson.csv");
    }
  }

  @Test
  void crsNamesInTheirUsualSpellings() throws Exception {
    assertThat(declared("{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4490\"}}"))
        .contains(Crs.CGCS2000);
    assertThat(
            declared(
                "{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG:8.5:4528\"}}"))
        .contains(Crs.epsg(4528));
    assertThat(
            declared(
                "{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}}"))
        .contains(Crs.WGS84);
    assertThat(declared("{\"type\":\"EPSG\",\"properties\":{\"code\":3857}}"))
        .contains(Crs.WEB_MERCATOR);
    assertThat(declared("null")).isEmpty();
  }

  @Test
  void anUnsupportedCrsIsUnreadableUnlessOneIsGiven() throws Exception {
    Path file =
        write(
            "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:2385\"}},\"features\":[]}");
    assertThatThrownBy(() -> GeoJsonFiles.open(file, null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("EPSG:2385")
        .hasMessageContaining("choose the coordinate system");
    try (FeatureReader reader =
        GeoJsonFiles.open(file, ReadOptions.defaults().withCrs(Crs.CGCS2000))) {
      assertThat(reader.declaredCrs()).contains(Crs.CGCS2000);
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void aStructurallyWrongGeometryRejectsOnlyItsRow() throws Exception {
    try (FeatureReader reader = GeoJsonFiles.open(fixture("broken_geometry_row3.geojson"), null)) {
      List<SourceFeature> rows = readAll(reader);
      assertThat(rows).hasSize(20);
      assertThat(rows)
          .filteredOn(f -> !f.isReadable())
          .extracting(SourceFeature::row)
          .containsExactly(3L);
      SourceFeature broken = rows.get(2);
      assertThat(broken.problem())
          .isEqualTo("Point: coordinate the string \"120.4582837\" is not a number");
      assertThat(broken.values().get(0)).isEqualTo("3205090103000003");
      assertThat(rows.get(3).geometry()).isNotNull();
    }
  }

  @Test
  void malformedJsonNamesLineAndColumnAfterTheGoodFeatures() throws Exception {
    try (FeatureReader reader = GeoJsonFiles.open(fixture("broken_malformed.geojson"), null)) {
      assertThat(reader.next().values().get(0)).isEqualTo("3205090101000001");
      assertThat(reader.next().values().get(0)).isEqualTo("3205090102000002");
      assertThatThrownBy(reader::next)
          .isInstanceOf(UnreadableFileException.class)
          .hasMessageMatching(
              "broken_malformed\\.geojson is not valid JSON at line 7, column \\d+ \\(in feature 3\\): .+");
    }
  }

  @Test
  void featuresStreamBeforeAMalformedTailIsReached() throws Exception {
    StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (int i = 1; i <= 3; i++) {
      json.append("{\"type\":\"Feature\",\"properties\":{\"n\":")
          .append(i)
          .append("},\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.5,31.")
          .append(i)
          .append("]}},\n");
    }
    json.append("{\"type\":\"Feature\",\"properties\":{\"n\":4,\"late\":true}, oops }\n]}");
    Path file = write(json.toString());
    try (FeatureReader reader = GeoJsonFiles.open(file, null)) {
      assertThat(reader.fieldNames()).containsExactly("n", "late");
      for (long i = 1; i <= 3; i++) {
        SourceFeature f = reader.next();
        assertThat(f.row()).isEqualTo(i);
        assertThat(f.values()).containsExactly(i, null);
        assertThat(f.geometry().getCoordinate().y).isEqualTo(Double.parseDouble("31." + i));
      }
      assertThatThrownBy(reader::next)
          .isInstanceOf(UnreadableFileException.class)
          .hasMessageContaining(
              "f1.geojson is not valid JSON at line 5, column 53 (in feature 4): Unexpected character ('o'");
    }
  }

  @Test
  void fieldsAreTheUnionInOrderOfFirstAppearance() throws Exception {
    Path file =
        write(
            """
            {"features": [
              {"type": "Feature", "geometry": null, "properties": {"a": 1, "b": "x"}},
              {"type": "Feature", "properties": {"c": {"k": [1, 2.5]}, "a": 2.5, "d": 123456789012345678901234}},
              {"type": "Feature", "properties": {"b": false, "e": [true, null]}}
            ], "type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4549"}}}
            """);
    try (FeatureReader reader = GeoJsonFiles.open(file, null)) {
      assertThat(reader.fieldNames()).containsExactly("a", "b", "c", "d", "e");
      assertThat(reader.declaredCrs()).contains(Crs.epsg(4549));
      SourceFeature first = reader.next();
      assertThat(first.values()).containsExactly(1L, "x", null, null, null);
      assertThat(first.geometry()).isNull();
      assertThat(first.isReadable()).isTrue();
      assertThat(reader.next().values())
          .containsExactly(2.5, null, "{\"k\":[1,2.5]}", "123456789012345678901234", null);
      assertThat(reader.next().values()).containsExactly(null, false, null, null, "[true,null]");
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void aSingleFeatureOrBareGeometryIsOneRow() throws Exception {
    Path feature =
        write(
            "{\"type\":\"Feature\",\"properties\":{\"ObjName\":\"路灯\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]],[[0.2,0.1],[0.8,0.1],[0.8,0.7],[0.2,0.1]]]}}");
    try (FeatureReader reader = GeoJsonFiles.open(feature, null)) {
      assertThat(reader.fieldNames()).containsExactly("ObjName");
      SourceFeature only = reader.next();
      assertThat(only.values()).containsExactly("路灯");
      assertThat(((Polygon) only.geometry()).getNumInteriorRing()).isEqualTo(1);
      assertThat(reader.next()).isNull();
    }
    Path geometry = write("{\"coordinates\":[[120.5,31.0],[120.6,31.1]],\"type\":\"LineString\"}");
    try (FeatureReader reader = GeoJsonFiles.open(geometry, null)) {
      assertThat(reader.fieldNames()).isEmpty();
      assertThat(reader.next().geometry().toText()).isEqualTo("LINESTRING (120.5 31, 120.6 31.1)");
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void geometryProblemsAreNamed() throws Exception {
    assertThat(problemOf("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}"))
        .isEqualTo("Polygon: exterior ring is not closed (first position ≠ last)");
    assertThat(problemOf("{\"type\":\"Circle\",\"coordinates\":[0,0]}"))
        .isEqualTo("Circle: unknown geometry type \"Circle\"");
    assertThat(problemOf("{\"type\":\"Point\",\"coordinates\":[120.5]}"))
        .isEqualTo("Point: a position needs x and y, found 1 number(s)");
    assertThat(problemOf("\"POINT (1 2)\""))
        .isEqualTo("geometry is not a JSON object but the string \"POINT (1 2)\"");
  }

  @Test
  void notGeoJsonIsUnreadable() throws Exception {
    assertThatThrownBy(() -> GeoJsonFiles.open(write("ObjID,ObjName\n1,路灯\n"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("is not valid JSON at line 1, column");
    assertThatThrownBy(
            () -> GeoJsonFiles.open(write("{\"type\":\"Topology\",\"objects\":{}}"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("\"Topology\"");
    assertThatThrownBy(() -> GeoJsonFiles.open(write(""), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("empty");
  }

  private String problemOf(String geometry) throws Exception {
    Path file = write("{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + geometry + "}");
    try (FeatureReader reader = GeoJsonFiles.open(file, null)) {
      SourceFeature f = reader.next();
      assertThat(f.row()).isEqualTo(1);
      assertThat(f.geometry()).isNull();
      return f.problem();
    }
  }

  private java.util.Optional<Crs> declared(String crsMember) throws Exception {
    Path file = write("{\"type\":\"FeatureCollection\",\"crs\":" + crsMember + ",\"features\":[]}");
    try (FeatureReader reader = GeoJsonFiles.open(file, null)) {
      return reader.declaredCrs();
    }
  }

  private int files;

  private Path write(String text) throws Exception {
    Path file = dir.resolve("f" + (++files) + ".geojson");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
