package org.wangge.geo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.wangge.geo.io.IoFixtures.fixture;
import static org.wangge.geo.io.IoFixtures.readAll;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.wangge.geo.crs.Crs;

class CsvFilesTest {

  @TempDir Path tmp;

  /** The source positions of make_sources.py, 7 decimals. */
  private static double lon(int i) {
    return new BigDecimal(120.45 + 0.027 * i).setScale(7, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static double lat(int i) {
    return new BigDecimal(30.85 + 0.017 * i + (i % 2 == 1 ? 0.003 : 0))
        .setScale(7, RoundingMode.HALF_EVEN)
        .doubleValue();
  }

  @Test
  void gbkCsvWithChineseHeaders() throws IOException {
    FeatureReader reader = CsvFiles.open(fixture("csv/components-gbk.csv"), null);

    assertThat(reader.fieldNames())
        .containsExactly(
            "部件标识码", "部件名称", "主管部门名称", "权属单位名称", "养护单位名称", "单元网格", "部件状态", "初始日期", "备注", "经度",
            "纬度");
    assertThat(reader.describe()).contains("GBK detected", "','");
    assertThat(reader.declaredCrs()).isEmpty();
    List<SourceFeature> rows = readAll(reader);

    assertThat(rows).hasSize(20).allMatch(SourceFeature::isReadable);
    assertThat(rows.get(0).values())
        .containsExactly(
            "3205090101000001",
            "上水井盖",
            "吴江区水务局",
            "吴江区住房和城乡建设局",
            "松陵街道养护队",
            "320509001001001",
            "完好",
            "2019/01/01",
            "第1号，“鲈乡”路",
            "120.45",
            "30.85");
    assertThat(rows.get(1).values().get(4)).isNull();
    for (int i = 0; i < 20; i++) {
      Point p = (Point) rows.get(i).geometry();
      assertThat(rows.get(i).row()).isEqualTo(i + 1);
      assertThat(p.getX()).as("lon %d", i).isCloseTo(lon(i), within(1e-9));
      assertThat(p.getY()).as("lat %d", i).isCloseTo(lat(i), within(1e-9));
    }
  }

  @Test
  void utf8WithBomAndLonLat() throws IOException {
    FeatureReader reader =
        CsvFiles.open(
            fixture("csv/components-utf8-bom.csv"), ReadOptions.defaults().withCrs(Crs.CGCS2000));

    assertThat(reader.fieldNames())
        .containsExactly("ObjID", "ObjName", "DeptName1", "BGID", "ObjState", "lon", "lat");
    assertThat(reader.describe()).contains("UTF-8 with BOM");
    assertThat(reader.declaredCrs()).contains(Crs.CGCS2000);
    List<SourceFeature> rows = readAll(reader);
    assertThat(rows).hasSize(20);
    assertThat(rows.get(19).values().subList(0, 5))
        .containsExactly("3205090305000020", "垃圾箱", "吴江区环境卫生管理处", "320509001005004", "废弃");
    assertThat(((Point) rows.get(19).geometry()).getX()).isCloseTo(lon(19), within(1e-9));
    assertThat(((Point) rows.get(19).geometry()).getY()).isCloseTo(lat(19), within(1e-9));
  }

  @Test
  void userCharsetOverridesDetection() throws IOException {
    List<SourceFeature> asGbk =
        readAll(
            CsvFiles.open(
                fixture("csv/components-utf8-bom.csv"),
                ReadOptions.defaults().withCharset(Charset.forName("GBK"))));
    assertThat(asGbk.get(0).values().get(1)).isNotEqualTo("上水井盖");

    List<SourceFeature> gbk =
        readAll(
            CsvFiles.open(
                fixture("csv/components-gbk.csv"),
                ReadOptions.defaults().withCharset(Charset.forName("GB18030"))));
    assertThat(gbk.get(0).values().get(1)).isEqualTo("上水井盖");
  }

  @Test
  void badRowsAreUnreadableWithTheirNumberAndReason() throws IOException {
    FeatureReader reader = CsvFiles.open(fixture("csv/bad-rows.csv"), null);
    List<SourceFeature> rows = readAll(reader);

    assertThat(rows)
        .extracting(SourceFeature::row)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 10L);
    assertThat(rows)
        .extracting(SourceFeature::problem)
        .containsExactly(
            null,
            "row 2: lon/longitude is empty",
            "row 3: lon/longitude 'abc' is not a number",
            "row 4: 3 values but the header has 4 columns",
            null,
            "row 6: 5 values but the header has 4 columns",
            null,
            "row 8: lat/latitude 'Infinity' is not a number",
            null);
    assertThat(rows.get(3).values()).containsExactly("3205090101000004", "垃圾箱", "120.53");
    assertThat(rows.get(4).values())
        .containsExactly("3205090101000005", "井盖, \"旧\"", "120.54", "30.94");
    assertThat(rows.get(6).values().get(1)).isEqualTo("多行\r\n备注");
    assertThat(((Point) rows.get(6).geometry()).getY()).isEqualTo(30.96);
    assertThat(rows.get(8).values()).containsExactly("3205090101000010", "路灯", "120.59", "30.99");
  }

  @Test
  void tabSeparatedWktColumn() throws IOException {
    FeatureReader reader = CsvFiles.open(fixture("csv/grids-wkt-tab.csv"), null);
    assertThat(reader.fieldNames()).containsExactly("WKT", "BGID", "Name");
    assertThat(reader.describe()).contains("tab");
    List<SourceFeature> rows = readAll(reader);

    assertThat(((Polygon) rows.get(0).geometry()).getNumInteriorRing()).isEqualTo(1);
    assertThat(rows.get(1).geometry().getGeometryType()).isEqualTo("MultiPolygon");
    assertThat(rows.get(1).values().get(2)).isEqualTo("太湖岛屿网格");
    assertThat(rows.get(2).geometry().getCoordinates()[0].x).isEqualTo(570000.25);
    assertThat(rows.get(3).problem()).isEqualTo("row 4: WKT is empty");
  }

  @Test
  void semicolonsAndChosenColumnsWithProjectedCrs() throws IOException {
    Path csv = tmp.resolve("survey.csv");
    Files.writeString(
        csv, "名称;东;北\n井盖;560000.5;3440000.25\n路灯;abc;3440001\n", StandardCharsets.UTF_8);
    FeatureReader reader =
        CsvFiles.open(csv, ReadOptions.defaults().withXyFields("东", "北").withCrs(Crs.epsg(4549)));
    List<SourceFeature> rows = readAll(reader);

    assertThat(reader.describe()).contains("';'", "UTF-8 detected");
    Geometry point = rows.get(0).geometry();
    assertThat(point.getCoordinate().x).isEqualTo(560000.5);
    assertThat(point.getCoordinate().y).isEqualTo(3440000.25);
    assertThat(rows.get(1).problem()).isEqualTo("row 2: 东/easting 'abc' is not a number");
  }

  @Test
  void detectsChineseAndUpperCaseCoordinateNames() throws IOException {
    Path csv = tmp.resolve("xy.csv");
    Files.writeString(csv, "OBJID,Y坐标,X坐标\r\n1,3440000,560000\r\n", StandardCharsets.UTF_8);
    Geometry point = readAll(CsvFiles.open(csv, null)).get(0).geometry();

    assertThat(point.getCoordinate().x).isEqualTo(560000);
    assertThat(point.getCoordinate().y).isEqualTo(3440000);
  }

  @Test
  void missingColumnsAndHeaderAreFileErrors() throws IOException {
    Path noCoordinates = tmp.resolve("names.csv");
    Files.writeString(noCoordinates, "ObjID,ObjName\n1,井盖\n");
    assertThatThrownBy(() -> CsvFiles.open(noCoordinates, null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("no coordinate columns")
        .hasMessageContaining("[ObjID, ObjName]");

    assertThatThrownBy(
            () ->
                CsvFiles.open(
                    fixture("csv/bad-rows.csv"), ReadOptions.defaults().withXyFields("E", "lat")))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("no column 'E'");

    Path empty = tmp.resolve("empty.csv");
    Files.writeString(empty, "");
    assertThatThrownBy(() -> CsvFiles.open(empty, null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("no header row");

    Path utf16 = tmp.resolve("unicode.csv");
    Files.write(utf16, "lon\tlat\n".getBytes(StandardCharsets.UTF_16LE));
    Files.write(utf16, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, Files.readAllBytes(utf16)));
    assertThatThrownBy(() -> CsvFiles.open(utf16, null))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("UTF-16");
  }

  @Test
  void unclosedQuoteAtTheEndIsThatRowsProblem() throws IOException {
    Path csv = tmp.resolve("open-quote.csv");
    Files.writeString(csv, "name,lon,lat\na,120.5,30.9\n\"b,120.6,30.8\n");
    List<SourceFeature> rows = readAll(CsvFiles.open(csv, null));

    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).problem()).isEqualTo("row 2: a quoted value is not closed");
  }

  @Test
  void recordsSpanningReadBuffersAreSplitCorrectly() throws IOException {
    // ~1 MB with quotes, doubled quotes, delimiters and line breaks at every buffer offset
    StringBuilder text = new StringBuilder("id,note,lon,lat\n");
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < 12_000; i++) {
      String note = "说明" + i + (i % 3 == 0 ? ", \"引号\"\n换行" : "") + "x".repeat(i % 37);
      notes.add(note);
      text.append(i)
          .append(",\"")
          .append(note.replace("\"", "\"\""))
          .append("\",")
          .append(120 + i * 1e-5)
          .append(',')
          .append(31 - i * 1e-5)
          .append(i % 2 == 0 ? "\r\n" : "\n");
    }
    Path csv = tmp.resolve("big.csv");
    Files.write(csv, text.toString().getBytes(Charset.forName("GBK")));
    List<SourceFeature> rows = readAll(CsvFiles.open(csv, null));

    assertThat(rows).hasSize(12_000).allMatch(SourceFeature::isReadable);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).values().get(1)).isEqualTo(notes.get(i));
      assertThat(rows.get(i).geometry().getCoordinate().x).isEqualTo(120 + i * 1e-5);
    }
  }

  /** A stream that hands out its bytes a few at a time, as an upload still arriving does. */
  private static java.io.InputStream trickling(byte[] bytes, long seed) {
    java.util.Random random = new java.util.Random(seed);
    return new java.io.ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
      }
    };
  }

  private static List<String> summary(List<SourceFeature> rows) {
    List<String> out = new ArrayList<>();
    for (SourceFeature f : rows) {
      out.add(f.row() + " " + f.values() + " " + f.geometry() + " " + f.problem());
    }
    return out;
  }

  @Test
  void aStreamArrivingInPiecesReadsAsTheFileDoes() throws IOException {
    // UTF-8 without a BOM: Chinese text split between pieces, quotes, CRLF, a bad row
    StringBuilder text = new StringBuilder("名称,备注,经度,纬度\r\n");
    for (int i = 0; i < 3000; i++) {
      text.append("井盖")
          .append(i)
          .append(",\"说明, \"\"引号\"\"\n换行\",")
          .append(i == 7 ? "东经" : String.valueOf(120 + i * 1e-5))
          .append(',')
          .append(31 - i * 1e-5)
          .append("\r\n");
    }
    Path csv = tmp.resolve("arriving.csv");
    Files.write(csv, text.toString().getBytes(StandardCharsets.UTF_8));
    List<SourceFeature> fromFile = readAll(CsvFiles.open(csv, null));
    FeatureReader streamed =
        CsvFiles.open(trickling(Files.readAllBytes(csv), 7), "arriving.csv", null);

    assertThat(streamed.fieldNames()).containsExactly("名称", "备注", "经度", "纬度");
    assertThat(streamed.describe()).contains("UTF-8 checked while reading", "','");
    List<SourceFeature> rows = readAll(streamed);
    assertThat(rows).hasSize(3000);
    assertThat(rows.get(7).problem()).contains("东经");
    assertThat(summary(rows)).isEqualTo(summary(fromFile));
  }

  @Test
  void aStreamThatIsNotUtf8SaysSoSoThatTheFileIsReadAgain() throws IOException {
    byte[] gbk = Files.readAllBytes(fixture("csv/components-gbk.csv"));
    assertThatThrownBy(() -> readAll(CsvFiles.open(trickling(gbk, 1), "gbk.csv", null)))
        .isInstanceOf(CsvFiles.NotUtf8Exception.class)
        .hasMessageContaining("gbk.csv");

    // GBK only after a megabyte of ASCII rows: rows come out first, then the exception
    StringBuilder ascii = new StringBuilder("name,lon,lat\n");
    while (ascii.length() < 1 << 20) {
      ascii.append("lamp,120.5,30.9\n");
    }
    byte[] late =
        concat(
            ascii.toString().getBytes(StandardCharsets.US_ASCII),
            "路灯,120.6,30.8\n".getBytes(Charset.forName("GBK")));
    FeatureReader reader = CsvFiles.open(new java.io.ByteArrayInputStream(late), "late.csv", null);
    int read = 0;
    try {
      while (reader.next() != null) {
        read++;
      }
      org.junit.jupiter.api.Assertions.fail("the GBK row must not pass");
    } catch (CsvFiles.NotUtf8Exception expected) {
      assertThat(read).isPositive();
    } finally {
      reader.close();
    }

    // a character cut off at the very end is not UTF-8 either
    byte[] cut = "name,lon,lat\n灯,120.6,30.8\n路".getBytes(StandardCharsets.UTF_8);
    byte[] truncated = java.util.Arrays.copyOf(cut, cut.length - 1);
    assertThatThrownBy(
            () ->
                readAll(
                    CsvFiles.open(new java.io.ByteArrayInputStream(truncated), "cut.csv", null)))
        .isInstanceOf(CsvFiles.NotUtf8Exception.class);
  }

  @Test
  void aStreamWithABomOrAChosenCharsetIsNotGuessed() throws IOException {
    byte[] gbk = Files.readAllBytes(fixture("csv/components-gbk.csv"));
    List<SourceFeature> fromFile = readAll(CsvFiles.open(fixture("csv/components-gbk.csv"), null));
    FeatureReader chosen =
        CsvFiles.open(
            trickling(gbk, 3),
            "gbk.csv",
            ReadOptions.defaults().withCharset(Charset.forName("GBK")));
    assertThat(chosen.describe()).contains("GBK chosen on upload");
    assertThat(summary(readAll(chosen))).isEqualTo(summary(fromFile));

    byte[] bom =
        concat(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            "经度,纬度\n120.5,30.9\n".getBytes(StandardCharsets.UTF_8));
    FeatureReader withBom = CsvFiles.open(trickling(bom, 5), "bom.csv", null);
    assertThat(withBom.describe()).contains("UTF-8 with BOM");
    assertThat(withBom.fieldNames()).containsExactly("经度", "纬度");
    assertThat(readAll(withBom)).hasSize(1).allMatch(SourceFeature::isReadable);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
