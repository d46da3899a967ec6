package org.wangge.geo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wangge.geo.io.GdalOracle.assertMatchesGdal;
import static org.wangge.geo.io.GdalOracle.fixture;
import static org.wangge.geo.io.GdalOracle.readAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.wangge.geo.crs.Crs;

class FlatGeobufFilesTest {

  @Test
  void componentsComeBackAsGdalReadsThem() throws Exception {
    try (FeatureReader reader = FlatGeobufFiles.open(fixture("components_4490.fgb"), null)) {
      assertThat(reader.fieldNames()).containsExactlyElementsOf(GeoPackagesTest.SURVEY_FIELDS);
      assertThat(reader.declaredCrs()).contains(Crs.CGCS2000);
      assertThat(reader.describe()).contains("components_4490.fgb", "EPSG:4490");
      assertMatchesGdal(reader, "components_4490.fgb.csv");
    }
  }

  @Test
  void datesWrittenAsMidnightComeBackAsDates() throws Exception {
    try (FeatureReader reader = FlatGeobufFiles.open(fixture("components_4490.fgb"), null)) {
      SourceFeature feature =
          readAll(reader).stream()
              .filter(f -> f.values().get(0).equals("3205090101000001"))
              .findFirst()
              .orElseThrow();
      assertThat(feature.values().subList(9, 14))
          .containsExactly(
              "完好", LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 3), "吴江区部件普查", null);
      assertThat(feature.geometry().getCoordinate().x).isEqualTo(120.4000123);
      assertThat(feature.geometry().getCoordinate().y).isEqualTo(30.8000456);
    }
  }

  @Test
  void gridsOfMixedTypesKeepHolesAndParts() throws Exception {
    try (FeatureReader reader = FlatGeobufFiles.open(fixture("grids_4549.fgb"), null)) {
      assertThat(reader.declaredCrs()).contains(Crs.epsg(4549));
      List<SourceFeature> grids = readAll(reader);
      SourceFeature second =
          grids.stream()
              .filter(f -> f.values().get(0).equals("320509001001002"))
              .findFirst()
              .orElseThrow();
      assertThat(((Polygon) second.geometry()).getNumInteriorRing()).isEqualTo(1);
      assertThat(second.values())
          .containsExactly("320509001001002", "松陵街道第2网格", 240000.5, 2L, true);
      SourceFeature island =
          grids.stream()
              .filter(f -> f.values().get(0).equals("320509001001005"))
              .findFirst()
              .orElseThrow();
      assertThat(island.geometry()).isInstanceOf(MultiPolygon.class);
      assertThat(island.geometry().getNumGeometries()).isEqualTo(2);
    }
    try (FeatureReader reader = FlatGeobufFiles.open(fixture("grids_4549.fgb"), null)) {
      assertMatchesGdal(reader, "grids_4549.fgb.csv");
    }
  }

  @Test
  void theGivenCrsOverridesTheHeader() throws Exception {
    ReadOptions options = ReadOptions.defaults().withCrs(Crs.epsg(4528));
    try (FeatureReader reader = FlatGeobufFiles.open(fixture("grids_4549.fgb"), options)) {
      assertThat(reader.declaredCrs()).contains(Crs.epsg(4528));
    }
  }

  @Test
  void aGeoPackageIsNotFlatGeobuf() {
    assertThatThrownBy(() -> FlatGeobufFiles.open(fixture("components_4490.gpkg"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessage("components_4490.gpkg is not a FlatGeobuf file (no 'fgb' signature)");
  }

  @Test
  void aTruncatedFileReturnsTheCompleteFeaturesThenFails(@TempDir Path dir) throws Exception {
    byte[] whole = Files.readAllBytes(fixture("components_4490.fgb"));
    Path cut = dir.resolve("cut.fgb");
    Files.write(cut, Arrays.copyOf(whole, whole.length - 100));
    try (FeatureReader reader = FlatGeobufFiles.open(cut, null)) {
      for (int row = 1; row <= 19; row++) {
        assertThat(reader.next().row()).isEqualTo(row);
      }
      assertThatThrownBy(reader::next)
          .isInstanceOf(UnreadableFileException.class)
          .hasMessageStartingWith("cut.fgb is truncated at feature 20");
    }
  }

  @Test
  void aFileCutBetweenFeaturesIsCaughtByTheHeaderCount(@TempDir Path dir) throws Exception {
    Path whole = fixture("components_4490.fgb");
    long end;
    try (FeatureReader reader = FlatGeobufFiles.open(whole, null)) {
      readAll(reader);
      end = Files.size(whole);
    }
    byte[] bytes = Files.readAllBytes(whole);
    // the last feature's size prefix tells where it starts: walk back from the end
    int lastStart = findLastFeatureStart(bytes);
    Path cut = dir.resolve("cut.fgb");
    Files.write(cut, Arrays.copyOf(bytes, lastStart));
    try (FeatureReader reader = FlatGeobufFiles.open(cut, null)) {
      for (int row = 1; row <= 19; row++) {
        assertThat(reader.next()).isNotNull();
      }
      assertThatThrownBy(reader::next)
          .isInstanceOf(UnreadableFileException.class)
          .hasMessage(
              "cut.fgb is truncated: its header announces 20 features, the file ends after 19");
    }
    assertThat(end).isEqualTo(bytes.length);
  }

  private static int findLastFeatureStart(byte[] bytes) {
    for (int start = bytes.length - 8; start > 0; start--) {
      long size =
          (bytes[start] & 0xFFL)
              | (bytes[start + 1] & 0xFFL) << 8
              | (bytes[start + 2] & 0xFFL) << 16
              | (bytes[start + 3] & 0xFFL) << 24;
      if (start + 4 + size == bytes.length) {
        return start;
      }
    }
    throw new IllegalStateException("no feature prefix found");
  }
}
