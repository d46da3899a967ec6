package org.wangge.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.overlayng.CoverageUnion;
import org.wangge.data.seed.EllipsoidArea;
import org.wangge.data.seed.SeedData;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;

class SampleDeterminismTest {

  @TempDir Path tmp;

  @Test
  void sameSeedWritesIdenticalFilesAndAnotherSeedDoesNot() throws Exception {
    SampleGenerator generator = new SampleGenerator();
    String a =
        hash(
            SampleWriter.write(
                generator.generate("110101", Scale.DEMO, 5), tmp.resolve("a"), true));
    String b =
        hash(
            SampleWriter.write(
                generator.generate("110101", Scale.DEMO, 5), tmp.resolve("b"), true));
    String c =
        hash(
            SampleWriter.write(
                generator.generate("110101", Scale.DEMO, 6), tmp.resolve("c"), true));

    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void writtenComponentsUseTheSurveyFieldNames() throws Exception {
    SampleDistrict d = new SampleGenerator().generate("110101", Scale.DEMO, 1);
    SampleWriter.write(d, tmp, false);
    List<String> lines = Files.readAllLines(tmp.resolve("components.csv"), StandardCharsets.UTF_8);

    assertThat(lines.get(0))
        .isEqualTo(
            "ObjID,ObjName,ClassCode,DeptCode1,DeptName1,DeptCode2,DeptName2,DeptCode3,DeptName3,"
                + "BGID,ObjState,ORDate,CHDate,DataSource,Note,lon,lat");
    assertThat(lines).hasSize(d.components().size() + 1);
    String[] first = lines.get(1).split(",", -1);
    assertThat(first).hasSize(17);
    assertThat(first[0]).hasSize(16).startsWith("110101");
    assertThat(first[4]).startsWith("东城区");
    assertThat(Double.parseDouble(first[15])).isEqualTo(d.components().lon(0));
    assertThat(Files.readString(tmp.resolve("grids.geojson"))).contains("\"responsibleUnit\"");
    assertThat(Files.readAllLines(tmp.resolve("grids.csv"))).hasSize(d.grids().size() + 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"320509", "320506", "320724", "340181", "110101"})
  void everySeedDistrictGeneratesAtDemoScale(String code) {
    SampleDistrict d = new SampleGenerator().generate(code, Scale.DEMO, 3);
    var seed = SeedData.load().district(code);

    assertThat(d.grids(GridLevel.UNIT)).hasSize(Scale.DEMO.unitGrids());
    assertThat(d.components().size()).isEqualTo(Scale.DEMO.components());
    assertThat(d.grids(GridLevel.STREET)).hasSize(seed.streets().size());
    assertThat(d.grids(GridLevel.COMMUNITY)).hasSize(seed.villages().size());
    Geometry union =
        CoverageUnion.union(
            new GeometryFactory()
                .createGeometryCollection(
                    d.grids(GridLevel.UNIT).stream().map(Grid::geometry).toArray(Geometry[]::new)));
    assertThat(EllipsoidArea.squareKilometres(union))
        .isCloseTo(
            EllipsoidArea.squareKilometres(seed.boundary()),
            org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void cliRejectsUnknownOptionsWithUsageAndExitCode2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThat(SampleCli.run(new String[] {"generate", "--bogus"}, out, errStream)).isEqualTo(2);
    assertThat(SampleCli.run(new String[] {"frobnicate"}, out, errStream)).isEqualTo(2);
    assertThat(SampleCli.run(new String[] {"generate", "--scale", "huge"}, out, errStream))
        .isEqualTo(2);
    assertThat(SampleCli.run(new String[] {"generate", "--district", "999999"}, out, errStream))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown option '--bogus'")
        .contains("usage:");
  }

  @Test
  void cliLocateDemoLocatesPlacesAndRoutesAnAlarm() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertThat(SampleCli.run(new String[] {"locate-demo"}, o, System.err)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("topology check: no problems")
        .containsPattern("吴江区人民政府 \\(district government\\)\\R  unit grid 320509\\d{9} ")
        .contains("responsible unit: ")
        .containsPattern("苏州站[^\\n]*\\R  outside every unit grid; nearest 320509\\d{9}")
        .contains("raises ")
        .contains("component fault: routed by ownership");
  }

  @Test
  void cliGeneratesAndPrintsCounts() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code =
        SampleCli.run(
            new String[] {
              "generate", "--district", "110101", "--seed", "2", "--out", tmp.toString()
            },
            o,
            System.err);

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("2000 unit grids")
        .contains("20000 components");
    assertThat(tmp.resolve("components.csv")).exists();
  }

  /**
   * Wujiang scale takes about half a minute; run with {@code -Dwangge.wujiang=true}. Counts only,
   * no timing.
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(
      named = "wangge.wujiang",
      matches = "true")
  void wujiangScaleHasTheReportedCounts() {
    SampleDistrict d = new SampleGenerator().generate(Scale.WUJIANG, 1);

    assertThat(d.grids(GridLevel.UNIT)).hasSize(26_423);
    assertThat(d.components().size()).isEqualTo(649_000);
  }

  private static String hash(List<Path> files) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (Path f : files) {
      md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      md.update(Files.readAllBytes(f));
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
