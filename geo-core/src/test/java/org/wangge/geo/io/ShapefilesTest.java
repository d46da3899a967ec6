package org.wangge.geo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.wangge.geo.io.IoFixtures.copyFolder;
import static org.wangge.geo.io.IoFixtures.fixture;
import static org.wangge.geo.io.IoFixtures.readAll;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.wangge.geo.crs.Crs;

class ShapefilesTest {

  private static final List<String> COMPONENT_FIELDS =
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
          "Note",
          "Seq",
          "Height");

  @TempDir Path tmp;

  @Test
  void readsGbkComponentsInGaussKrugerZoneWithTypedAttributes() throws IOException {
    FeatureReader reader = Shapefiles.open(fixture("components-gk/components.shp"), null);

    assertThat(reader.fieldNames()).containsExactlyElementsOf(COMPONENT_FIELDS);
    assertThat(reader.declaredCrs()).contains(Crs.epsg(4549));
    assertThat(reader.describe()).contains("components.shp", "GBK", ".cpg");
    List<SourceFeature> features = readAll(reader);

    assertThat(features).hasSize(20).allMatch(SourceFeature::isReadable);
    assertThat(features).extracting(SourceFeature::row).containsExactly(rows(1, 20));
    SourceFeature first = features.get(0);
    assertThat(first.values())
        .containsExactly(
            "3205090101000001",
            "上水井盖",
            "320509001",
            "吴江区水务局",
            "320509100",
            "吴江区住房和城乡建设局",
            null,
            "松陵街道养护队",
            "320509001001001",
            "完好",
            LocalDate.of(2019, 1, 1),
            LocalDate.of(2023, 6, 1),
            "实测",
            "第1号，“鲈乡”路",
            1L,
            0.5);
    assertThat(features.get(1).values().get(7)).isNull(); // DeptName3 blank
    assertThat(features.get(1).values().get(11)).isNull(); // CHDate blank
    assertThat(features.get(19).values().get(15)).isEqualTo(5.25);
  }

  @Test
  void componentsMatchWhatGdalReadsBack() throws IOException {
    List<SourceFeature> features =
        readAll(Shapefiles.open(fixture("components-gk/components.shp"), null));
    List<String> expected =
        Files.readAllLines(fixture("csv/components-4549-expected.csv"), StandardCharsets.UTF_8);
    List<String> header = split(expected.get(0));

    assertThat(expected).hasSize(21);
    for (int i = 0; i < 20; i++) {
      List<String> gdal = split(expected.get(i + 1));
      SourceFeature ours = features.get(i);
      Point point = (Point) ours.geometry();
      assertThat(point.getX())
          .as("x of row %d", i + 1)
          .isCloseTo(Double.parseDouble(gdal.get(0)), within(1e-6));
      assertThat(point.getY())
          .as("y of row %d", i + 1)
          .isCloseTo(Double.parseDouble(gdal.get(1)), within(1e-6));
      for (String field :
          List.of(
              "ObjID",
              "ObjName",
              "DeptName1",
              "DeptName2",
              "BGID",
              "ObjState",
              "DataSource",
              "Note")) {
        String gdalValue = gdal.get(header.indexOf(field));
        Object ourValue = ours.values().get(COMPONENT_FIELDS.indexOf(field));
        assertThat(ourValue)
            .as("%s of row %d", field, i + 1)
            .isEqualTo(gdalValue.isEmpty() ? null : gdalValue);
      }
      LocalDate orDate = LocalDate.parse(gdal.get(header.indexOf("ORDate")).replace('/', '-'));
      assertThat(ours.values().get(COMPONENT_FIELDS.indexOf("ORDate"))).isEqualTo(orDate);
      assertThat(ours.values().get(COMPONENT_FIELDS.indexOf("Seq")))
          .isEqualTo(Long.parseLong(gdal.get(header.indexOf("Seq"))));
    }
  }

  /** GDAL's CSV: no ASCII commas inside the values of this file; strips the quotes. */
  private static List<String> split(String line) {
    return java.util.Arrays.stream(line.split(",", -1)).map(s -> s.replace("\"", "")).toList();
  }

  @Test
  void takesTheEncodingFromTheLanguageDriverIdWithoutCpg() throws IOException {
    FeatureReader withCpg = Shapefiles.open(fixture("components-gk/components.shp"), null);
    FeatureReader withLdid = Shapefiles.open(fixture("components-ldid/components.shp"), null);

    assertThat(withLdid.describe()).contains("GBK", "0x4D");
    assertThat(readAll(withLdid))
        .extracting(SourceFeature::values)
        .containsExactlyElementsOf(readAll(withCpg).stream().map(SourceFeature::values).toList());
  }

  @Test
  void userCharsetOverridesTheCpg() throws IOException {
    FeatureReader reader =
        Shapefiles.open(
            fixture("components-gk/components.shp"),
            ReadOptions.defaults().withCharset(StandardCharsets.UTF_8));

    assertThat(readAll(reader).get(0).values().get(1)).isNotEqualTo("上水井盖");
  }

  @Test
  void cpgNamesTheCodePageInSeveralSpellings() throws IOException {
    for (String cpg : List.of("936", "CP936", "cp936\r\n", "GBK", "ANSI 936")) {
      Path dir = Files.createTempDirectory(tmp, "cpg");
      copyFolder("components-gk", dir);
      Files.writeString(dir.resolve("components.cpg"), cpg);
      assertThat(
              readAll(Shapefiles.open(dir.resolve("components.shp"), null)).get(0).values().get(1))
          .as(cpg)
          .isEqualTo("上水井盖");
    }
    copyFolder("components-gk", tmp);
    Files.writeString(tmp.resolve("components.cpg"), "UTF-8");
    assertThat(readAll(Shapefiles.open(tmp.resolve("components.shp"), null)).get(0).values().get(1))
        .isNotEqualTo("上水井盖");
  }

  @Test
  void unknownCodePageIsRefusedNamingIt() throws IOException {
    copyFolder("components-gk", tmp);
    Files.writeString(tmp.resolve("components.cpg"), "KLINGON-7");

    assertThatThrownBy(() -> Shapefiles.open(tmp.resolve("components.shp"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("'KLINGON-7'")
        .hasMessageContaining("supported code pages")
        .hasMessageContaining("GBK");
  }

  @Test
  void polygonsWithHolesAndMultipolygonsAsGdalWroteThem() throws Exception {
    FeatureReader reader = Shapefiles.open(fixture("grids/grids.shp"), null);
    assertThat(reader.declaredCrs()).contains(Crs.epsg(4549));
    assertThat(reader.fieldNames()).containsExactly("BGID", "Name");
    List<SourceFeature> features = readAll(reader);
    WKTReader wkt = new WKTReader();

    assertThat(features).hasSize(4).allMatch(SourceFeature::isReadable);
    // WKT as printed by ogrinfo -al grids/grids.shp
    Geometry first = features.get(0).geometry();
    assertThat(first).isInstanceOf(Polygon.class);
    assertThat(((Polygon) first).getNumInteriorRing()).isEqualTo(1);
    assertThat(
            first.equalsExact(
                wkt.read(
                    "POLYGON ((560000 3440000,560000 3441000,561000 3441000,561000 3440000,560000 3440000),"
                        + "(560200 3440200,560400 3440200,560400 3440400,560200 3440400,560200 3440200))")))
        .isTrue();

    Geometry second = features.get(1).geometry();
    assertThat(second).isInstanceOf(MultiPolygon.class);
    assertThat(second.getNumGeometries()).isEqualTo(2);
    assertThat(((Polygon) second.getGeometryN(0)).getNumInteriorRing()).isZero();
    assertThat(((Polygon) second.getGeometryN(1)).getNumInteriorRing()).isEqualTo(1);
    assertThat(
            second.equalsExact(
                wkt.read(
                    "MULTIPOLYGON (((562000 3440000,562000 3441000,563000 3441000,563000 3440000,562000 3440000)),"
                        + "((564000 3440000,564000 3442000,566000 3442000,566000 3440000,564000 3440000),"
                        + "(565000 3441000,565500 3441000,565500 3441500,565000 3441500,565000 3441000)))")))
        .isTrue();
    assertThat(second.getArea()).isEqualTo(1_000_000 + 4_000_000 - 250_000);

    assertThat(
            features
                .get(2)
                .geometry()
                .equalsExact(
                    wkt.read(
                        "POLYGON ((570000.25 3450000.5,570500.5 3451000.125,571000.75 3450000.5,570000.25 3450000.5))")))
        .isTrue();
    assertThat(features.get(3).geometry()).isNull();
    assertThat(features.get(3).values()).containsExactly("320509001001004", "待测网格");
  }

  @Test
  void linesWithoutPrjHaveNoDeclaredCrsUnlessTheUserGivesOne() throws Exception {
    FeatureReader reader = Shapefiles.open(fixture("roads-noprj/roads.shp"), null);
    assertThat(reader.declaredCrs()).isEmpty();
    List<SourceFeature> roads = readAll(reader);
    WKTReader wkt = new WKTReader();

    assertThat(roads).extracting(f -> f.values().get(0)).containsExactly("鲈乡南路", "中山北路");
    assertThat(
            roads
                .get(0)
                .geometry()
                .equalsExact(
                    wkt.read("LINESTRING (575000 3445000,575500.0 3445250.5,576000 3445000)")))
        .isTrue();
    assertThat(
            roads
                .get(1)
                .geometry()
                .equalsExact(
                    wkt.read(
                        "MULTILINESTRING ((577000 3446000,577100 3446100),(577200 3446200,577300 3446300,577400 3446250))")))
        .isTrue();
    try (FeatureReader given =
        Shapefiles.open(
            fixture("roads-noprj/roads.shp"), ReadOptions.defaults().withCrs(Crs.epsg(4549)))) {
      assertThat(given.declaredCrs()).contains(Crs.epsg(4549));
    }
  }

  @Test
  void multipointZKeepsHeights() throws Exception {
    List<SourceFeature> wells = readAll(Shapefiles.open(fixture("wells-z/wells.shp"), null));

    Geometry first = wells.get(0).geometry();
    assertThat(first.getGeometryType()).isEqualTo("MultiPoint");
    assertThat(first.getCoordinates()).extracting(c -> c.getZ()).containsExactly(2.5, 2.75);
    assertThat(first.getCoordinates()[1].getX()).isEqualTo(580010);
    assertThat(wells.get(1).geometry().getCoordinate().getZ()).isEqualTo(3);
  }

  @Test
  void missingShxOrDbfIsNamed() throws IOException {
    copyFolder("components-gk", tmp);
    Files.delete(tmp.resolve("components.shx"));
    assertThatThrownBy(() -> Shapefiles.open(tmp.resolve("components.shp"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("components.shx")
        .hasMessageContaining("shape index");

    Path other = Files.createTempDirectory(tmp, "nodbf");
    copyFolder("components-gk", other);
    Files.delete(other.resolve("components.dbf"));
    assertThatThrownBy(() -> Shapefiles.open(other.resolve("components.shp"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("components.dbf")
        .hasMessageContaining("attribute table");
  }

  @Test
  void partsAreFoundWhateverTheCaseOfTheirExtension() throws IOException {
    copyFolder("components-gk", tmp);
    Files.move(tmp.resolve("components.dbf"), tmp.resolve("components.DBF"));
    Files.move(tmp.resolve("components.shp"), tmp.resolve("components.SHP"));

    assertThat(readAll(Shapefiles.open(tmp.resolve("components.SHP"), null))).hasSize(20);
  }

  @Test
  void truncatedShpMakesTheCutRowsUnreadable() throws IOException {
    copyFolder("grids", tmp);
    Path shp = tmp.resolve("grids.shp");
    try (FileChannel channel = FileChannel.open(shp, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 60); // inside the triangle (record 3); record 4 goes too
    }
    List<SourceFeature> features = readAll(Shapefiles.open(shp, null));

    assertThat(features).hasSize(4);
    assertThat(features.get(0).isReadable()).isTrue();
    assertThat(features.get(1).isReadable()).isTrue();
    assertThat(features.get(2).problem()).startsWith("row 3: ").contains("truncated");
    assertThat(features.get(2).values()).containsExactly("320509001001003", "三角网格");
    assertThat(features.get(3).problem()).startsWith("row 4: ");
  }

  @Test
  void corruptRecordContentIsThatRowsProblem() throws IOException {
    copyFolder("grids", tmp);
    Path shp = tmp.resolve("grids.shp");
    long secondRecord = readShxOffset(tmp.resolve("grids.shx"), 1);
    // numParts of record 2 := 1000 (content starts 8 bytes in; type 4, box 32)
    patchIntLe(shp, secondRecord + 8 + 36, 1000);
    List<SourceFeature> features = readAll(Shapefiles.open(shp, null));

    assertThat(features.get(0).isReadable()).isTrue();
    assertThat(features.get(1).problem()).startsWith("row 2: ").contains("1000 parts");
    assertThat(features.get(1).geometry()).isNull();
    assertThat(features.get(2).isReadable()).isTrue();
  }

  @Test
  void brokenHeaderOrMultiPatchIsAFileError() throws IOException {
    copyFolder("grids", tmp);
    Path shp = tmp.resolve("grids.shp");
    patchIntLe(shp, 32, 31);
    assertThatThrownBy(() -> Shapefiles.open(shp, null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("MultiPatch");

    patchIntLe(shp, 0, 0x12345678);
    assertThatThrownBy(() -> Shapefiles.open(shp, null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("not a Shapefile");
  }

  @Test
  void deletedDbfRecordsAreSkippedAndRowNumbersKept() throws IOException {
    copyFolder("components-gk", tmp);
    Path dbf = tmp.resolve("components.dbf");
    byte[] bytes = Files.readAllBytes(dbf);
    int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
    int recordLength = (bytes[10] & 0xFF) | (bytes[11] & 0xFF) << 8;
    bytes[headerLength + recordLength] = '*'; // record 2
    bytes[headerLength + 4 * recordLength] = '*'; // record 5
    Files.write(dbf, bytes);

    List<SourceFeature> features = readAll(Shapefiles.open(tmp.resolve("components.shp"), null));

    assertThat(features)
        .extracting(SourceFeature::row)
        .containsExactly(
            1L, 3L, 4L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    assertThat(features.get(1).values().get(0)).isEqualTo("3205090105000003");
    assertThat(((Point) features.get(1).geometry()).getX()).isGreaterThan(548000);
  }

  @Test
  void unsupportedPrjIsAFileErrorUnlessTheUserGivesTheCrs() throws IOException {
    copyFolder("components-gk", tmp);
    Files.copy(
        fixture("../crs/prj/Xian_1980_3_Degree_GK_CM_120E.prj"),
        tmp.resolve("components.prj"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> Shapefiles.open(tmp.resolve("components.shp"), null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("components.prj")
        .hasMessageContaining("Xian");
    try (FeatureReader reader =
        Shapefiles.open(
            tmp.resolve("components.shp"), ReadOptions.defaults().withCrs(Crs.epsg(4549)))) {
      assertThat(reader.declaredCrs()).contains(Crs.epsg(4549));
    }
  }

  private static long readShxOffset(Path shx, int index) throws IOException {
    byte[] bytes = Files.readAllBytes(shx);
    return ByteBuffer.wrap(bytes, 100 + 8 * index, 4).order(ByteOrder.BIG_ENDIAN).getInt() * 2L;
  }

  private static void patchIntLe(Path file, long offset, int value) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(
          ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).flip(), offset);
    }
  }

  private static Long[] rows(int from, int to) {
    Long[] rows = new Long[to - from + 1];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (long) (from + i);
    }
    return rows;
  }
}
