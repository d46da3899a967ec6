package org.wangge.geo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wangge.geo.io.GdalOracle.assertMatchesGdal;
import static org.wangge.geo.io.GdalOracle.fixture;
import static org.wangge.geo.io.GdalOracle.readAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.wangge.geo.crs.Crs;

class GeoPackagesTest {

  static final List<String> SURVEY_FIELDS =
      List.of(
          "ObjID",
          "ObjName",
          "DeptCode1",
          "DeptName1",
          "DeptCode2",
          "DeptName2",
          "DeptCode3",
          "DeptName3",
          "BGID",
          "ObjState",
          "ORDate",
          "CHDate",
          "DataSource",
          "Note");

  @Test
  void componentsComeBackAsGdalReadsThem() throws Exception {
    try (FeatureReader reader = GeoPackages.open(fixture("components_4490.gpkg"), null)) {
      assertThat(reader.fieldNames()).containsExactlyElementsOf(SURVEY_FIELDS);
      assertThat(reader.declaredCrs()).contains(Crs.CGCS2000);
      assertThat(reader.describe()).contains("components_4490.gpkg", "components", "EPSG:4490");
      assertMatchesGdal(reader, "components_4490.gpkg.csv");
    }
  }

  @Test
  void componentValuesAreTypedAndChinese() throws Exception {
    try (FeatureReader reader = GeoPackages.open(fixture("components_4490.gpkg"), null)) {
      SourceFeature first = reader.next();
      SourceFeature second = reader.next();
      assertThat(first.row()).isEqualTo(1);
      assertThat(first.values())
          .containsExactly(
              "3205090101000001",
              "上水井盖",
              "320509001",
              "吴江区城市管理局",
              "320509002",
              "吴江区水务局",
              "320509003",
              "吴江区住房和城乡建设局",
              "320509001001001",
              "完好",
              LocalDate.of(2023, 1, 1),
              LocalDate.of(2024, 1, 3),
              "吴江区部件普查",
              null);
      Point point = (Point) first.geometry();
      assertThat(point.getX()).isEqualTo(120.4000123);
      assertThat(point.getY()).isEqualTo(30.8000456);
      assertThat(second.values().get(13)).isEqualTo("松陵街道第2号, 近消防栓");
    }
  }

  @Test
  void gridsKeepHolesAndParts() throws Exception {
    try (FeatureReader reader = GeoPackages.open(fixture("grids_4549.gpkg"), null)) {
      assertThat(reader.declaredCrs()).contains(Crs.epsg(4549));
      assertThat(reader.fieldNames()).containsExactly("BGID", "BGName", "Area", "SeqNo", "Active");
      List<SourceFeature> grids = readAll(reader);
      assertThat(grids).hasSize(5);
      Polygon withHole = (Polygon) grids.get(1).geometry();
      assertThat(withHole.getNumInteriorRing()).isEqualTo(1);
      assertThat(withHole.getInteriorRingN(0).getCoordinateN(0).x).isEqualTo(548650.75);
      assertThat(grids.get(1).values())
          .containsExactly("320509001001002", "松陵街道第2网格", 240000.5, 2L, true);
      assertThat(grids.get(2).values().get(4)).isEqualTo(false);
      MultiPolygon island = (MultiPolygon) grids.get(4).geometry();
      assertThat(island.getNumGeometries()).isEqualTo(2);
      assertThat(grids.get(4).values().get(1)).isEqualTo("太湖岛屿网格");
    }
    try (FeatureReader reader = GeoPackages.open(fixture("grids_4549.gpkg"), null)) {
      assertMatchesGdal(reader, "grids_4549.gpkg.csv");
    }
  }

  @Test
  void withoutLayerTheFirstTableIsReadAndTheOthersNamed() throws Exception {
    assertThat(GeoPackages.featureTables(fixture("two_layers.gpkg")))
        .containsExactly("survey_points", "grid_cells");
    try (FeatureReader reader = GeoPackages.open(fixture("two_layers.gpkg"), null)) {
      assertThat(reader.describe()).contains("'survey_points'", "grid_cells");
      assertThat(reader.declaredCrs()).contains(Crs.CGCS2000);
      assertMatchesGdal(reader, "two_layers.gpkg.survey_points.csv");
    }
  }

  @Test
  void theRequestedLayerIsRead() throws Exception {
    ReadOptions options = ReadOptions.defaults().withLayer("grid_cells");
    try (FeatureReader reader = GeoPackages.open(fixture("two_layers.gpkg"), options)) {
      assertThat(reader.declaredCrs()).contains(Crs.epsg(4549));
      assertThat(reader.describe()).contains("'grid_cells'", "survey_points");
      assertMatchesGdal(reader, "two_layers.gpkg.grid_cells.csv");
    }
  }

  @Test
  void aMissingLayerIsNamedWithThoseThatExist() {
    ReadOptions options = ReadOptions.defaults().withLayer("部件");
    assertThatThrownBy(() -> GeoPackages.open(fixture("two_layers.gpkg"), options))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("部件")
        .hasMessageContaining("[survey_points, grid_cells]");
  }

  @Test
  void theGivenCrsOverridesTheDeclaredOne() throws Exception {
    ReadOptions options = ReadOptions.defaults().withCrs(Crs.WGS84);
    try (FeatureReader reader = GeoPackages.open(fixture("components_4490.gpkg"), options)) {
      assertThat(reader.declaredCrs()).contains(Crs.WGS84);
      assertThat(reader.describe()).contains("EPSG:4326 as given");
    }
  }

  @Test
  void aTruncatedFileIsUnreadable() {
    assertThatThrownBy(
            () -> {
              try (FeatureReader reader =
                  GeoPackages.open(fixture("broken_truncated.gpkg"), null)) {
                readAll(reader);
              }
            })
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("broken_truncated.gpkg");
  }

  @Test
  void aTextFileIsNotAGeoPackage() {
    assertThatThrownBy(() -> GeoPackages.open(fixture("broken_text_renamed.gpkg"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessage("broken_text_renamed.gpkg is not a GeoPackage: it is not an SQLite database");
  }

  @Test
  void aBrokenGeometryBlobRejectsOnlyItsRow(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("components.gpkg");
    Files.copy(fixture("components_4490.gpkg"), copy);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
        Statement s = c.createStatement()) {
      List<String> triggers = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'trigger'")) {
        while (r.next()) {
          triggers.add(r.getString(1));
        }
      }
      for (String trigger : triggers) {
        s.execute("DROP TRIGGER \"" + trigger + "\"");
      }
      // a valid GP header (srs 4490, no envelope) followed by a WKB point cut short
      s.execute("UPDATE components SET geom = X'47500001AA110000010100000000' WHERE fid = 4");
    }
    try (FeatureReader reader = GeoPackages.open(copy, null)) {
      List<SourceFeature> rows = readAll(reader);
      assertThat(rows).hasSize(20);
      assertThat(rows)
          .filteredOn(f -> !f.isReadable())
          .extracting(SourceFeature::row)
          .containsExactly(4L);
      SourceFeature broken = rows.get(3);
      assertThat(broken.problem()).contains("geometry (fid 4) cannot be decoded", "invalid WKB");
      assertThat(broken.geometry()).isNull();
      assertThat(broken.values().get(0)).isEqualTo("3205090104000004");
    }
  }
}
