package org.wangge.geo.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * What GDAL itself reads from each fixture ({@code io/gdal2/expected/*.csv}, tab-separated, WKT
 * geometry first; see the folder's README): the independent oracle the readers are compared with.
 */
final class GdalOracle {

  private GdalOracle() {}

  static Path fixture(String name) {
    try {
      return Path.of(GdalOracle.class.getResource("/io/gdal2/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("fixture io/gdal2/" + name + " is missing", e);
    }
  }

  static List<SourceFeature> readAll(FeatureReader reader) throws IOException {
    List<SourceFeature> features = new ArrayList<>();
    for (SourceFeature f = reader.next(); f != null; f = reader.next()) {
      features.add(f);
    }
    assertThat(reader.next()).as("next() after the end").isNull();
    return features;
  }

  /** Asserts that {@code reader} returns exactly what GDAL read into {@code expected/<name>}. */
  static void assertMatchesGdal(FeatureReader reader, String expectedName)
      throws IOException, ParseException {
    List<String> lines =
        Files.readAllLines(fixture("expected/" + expectedName), StandardCharsets.UTF_8);
    List<String> header = cells(lines.get(0));
    assertThat(header.get(0)).isEqualTo("WKT");
    assertThat(reader.fieldNames()).containsExactlyElementsOf(header.subList(1, header.size()));
    List<SourceFeature> features = readAll(reader);
    assertThat(features).hasSize(lines.size() - 1);
    WKTReader wkt = new WKTReader();
    for (int i = 0; i < features.size(); i++) {
      SourceFeature actual = features.get(i);
      List<String> expected = cells(lines.get(i + 1));
      assertThat(actual.row()).isEqualTo(i + 1);
      assertThat(actual.problem()).as("row %d problem", i + 1).isNull();
      Geometry geometry = wkt.read(expected.get(0));
      assertThat(actual.geometry().equalsExact(geometry, 1e-9))
          .as("row %d: %s equals GDAL's %s", i + 1, actual.geometry(), geometry)
          .isTrue();
      assertThat(actual.values()).hasSize(header.size() - 1);
      for (int c = 1; c < header.size(); c++) {
        String cell = c < expected.size() ? expected.get(c) : "";
        Object value = actual.values().get(c - 1);
        String what = "row " + (i + 1) + " " + header.get(c);
        if (cell.isEmpty()) {
          assertThat(value).as(what).isNull();
        } else if (value instanceof Number n) {
          assertThat(n.doubleValue()).as(what).isEqualTo(Double.parseDouble(cell));
        } else if (value instanceof Boolean b) {
          assertThat(b ? "1" : "0").as(what).isEqualTo(cell);
        } else if (value instanceof LocalDate d) {
          assertThat(d.toString()).as(what).isEqualTo(gdalDate(cell));
        } else {
          assertThat(value).as(what).isInstanceOf(String.class);
          assertThat(((String) value).replace('-', '/')).as(what).isEqualTo(cell.replace('-', '/'));
        }
      }
    }
  }

  /** GDAL writes dates as 2023/01/13, or 2023/01/13 00:00:00 when the format stores date-times. */
  private static String gdalDate(String cell) {
    return cell.replace(" 00:00:00", "").replace('/', '-');
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>(Arrays.asList(line.split("\t", -1)));
    cells.replaceAll(
        c ->
            c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")
                ? c.substring(1, c.length() - 1).replace("\"\"", "\"")
                : c);
    return cells;
  }
}
