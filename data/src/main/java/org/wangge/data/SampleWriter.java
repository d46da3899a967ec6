package org.wangge.data;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.unit.Unit;

/**
 * Writes a {@link SampleDistrict} as UTF-8 files: {@code grids.geojson}, {@code grids.csv} (WKT),
 * {@code units.csv}, {@code components.csv} (survey field names ObjID … Note, then lon, lat),
 * {@code devices.csv} and optionally {@code components.geojson}. Coordinates are written with
 * {@link Double#toString}, the shortest text that reads back to the same double, so grid edges stay
 * exactly shared and every component stays inside its grid. Output is byte-identical for identical
 * districts.
 */
public final class SampleWriter {

  public static final String COMPONENT_HEADER =
      "ObjID,ObjName,ClassCode,DeptCode1,DeptName1,DeptCode2,DeptName2,DeptCode3,DeptName3,"
          + "BGID,ObjState,ORDate,CHDate,DataSource,Note,lon,lat";

  private SampleWriter() {}

  /** Writes all files into {@code dir} (created if missing) and returns their paths. */
  public static List<Path> write(SampleDistrict d, Path dir, boolean componentsGeoJson)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    out.add(writeGridsGeoJson(d, dir.resolve("grids.geojson")));
    out.add(writeGridsCsv(d, dir.resolve("grids.csv")));
    out.add(writeUnits(d, dir.resolve("units.csv")));
    out.add(writeComponentsCsv(d, dir.resolve("components.csv")));
    out.add(writeDevices(d, dir.resolve("devices.csv")));
    if (componentsGeoJson) {
      out.add(writeComponentsGeoJson(d, dir.resolve("components.geojson")));
    }
    return out;
  }

  static Path writeGridsGeoJson(SampleDistrict d, Path file) throws IOException {
    try (OutputStream os = Files.newOutputStream(file);
        JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeArrayFieldStart("features");
      for (Grid grid : d.grids()) {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeObjectFieldStart("properties");
        g.writeStringField("code", grid.code().digits());
        g.writeStringField("name", grid.name());
        g.writeStringField("level", grid.level().name());
        g.writeStringField("parent", grid.parent() == null ? null : grid.parent().digits());
        g.writeStringField("responsibleUnit", grid.responsibleUnitId());
        g.writeEndObject();
        g.writeFieldName("geometry");
        writeGeometry(g, grid.geometry());
        g.writeEndObject();
        g.writeRaw('\n');
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return file;
  }

  private static void writeGeometry(JsonGenerator g, Geometry geom) throws IOException {
    g.writeStartObject();
    boolean multi = geom.getNumGeometries() > 1 || !(geom instanceof Polygon);
    g.writeStringField("type", multi ? "MultiPolygon" : "Polygon");
    g.writeArrayFieldStart("coordinates");
    for (int i = 0; i < geom.getNumGeometries(); i++) {
      Polygon p = (Polygon) geom.getGeometryN(i);
      if (multi) {
        g.writeStartArray();
      }
      writeRing(g, p.getExteriorRing());
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        writeRing(g, p.getInteriorRingN(h));
      }
      if (multi) {
        g.writeEndArray();
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeRing(JsonGenerator g, LineString ring) throws IOException {
    g.writeStartArray();
    for (Coordinate c : ring.getCoordinates()) {
      g.writeStartArray();
      g.writeNumber(c.x);
      g.writeNumber(c.y);
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  static Path writeGridsCsv(SampleDistrict d, Path file) throws IOException {
    try (Writer w = writer(file)) {
      w.write("code,name,level,parent,responsibleUnit,wkt\n");
      StringBuilder sb = new StringBuilder();
      for (Grid grid : d.grids()) {
        sb.setLength(0);
        sb.append(grid.code().digits()).append(',');
        sb.append(csv(grid.name())).append(',');
        sb.append(grid.level().name()).append(',');
        sb.append(grid.parent() == null ? "" : grid.parent().digits()).append(',');
        sb.append(csv(grid.responsibleUnitId())).append(",\"");
        wkt(sb, grid.geometry());
        sb.append("\"\n");
        w.write(sb.toString());
      }
    }
    return file;
  }

  /** WKT with every ordinate as {@link Double#toString}: exact, unlike a fixed decimal count. */
  static void wkt(StringBuilder sb, Geometry geom) {
    boolean multi = !(geom instanceof Polygon);
    sb.append(multi ? "MULTIPOLYGON (" : "POLYGON ");
    for (int i = 0; i < geom.getNumGeometries(); i++) {
      Polygon p = (Polygon) geom.getGeometryN(i);
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('(');
      wktRing(sb, p.getExteriorRing());
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        sb.append(", ");
        wktRing(sb, p.getInteriorRingN(h));
      }
      sb.append(')');
    }
    if (multi) {
      sb.append(')');
    }
  }

  private static void wktRing(StringBuilder sb, LineString ring) {
    sb.append('(');
    Coordinate[] cs = ring.getCoordinates();
    for (int i = 0; i < cs.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(cs[i].x).append(' ').append(cs[i].y);
    }
    sb.append(')');
  }

  static Path writeUnits(SampleDistrict d, Path file) throws IOException {
    try (Writer w = writer(file)) {
      w.write("id,name,kind\n");
      for (Unit u : d.units()) {
        w.write(csv(u.id()) + "," + csv(u.name()) + "," + u.kind().name() + "\n");
      }
    }
    return file;
  }

  static Path writeDevices(SampleDistrict d, Path file) throws IOException {
    try (Writer w = writer(file)) {
      w.write("id,kind,componentCode,secret\n");
      for (Device dev : d.devices()) {
        w.write(
            dev.id()
                + ","
                + dev.kind().name()
                + ","
                + dev.componentCode().digits()
                + ","
                + dev.secret()
                + "\n");
      }
    }
    return file;
  }

  static Path writeComponentsCsv(SampleDistrict d, Path file) throws IOException {
    ComponentTable t = d.components();
    try (Writer w = writer(file)) {
      w.write(COMPONENT_HEADER);
      w.write('\n');
      StringBuilder sb = new StringBuilder(256);
      for (int i = 0; i < t.size(); i++) {
        sb.setLength(0);
        String dept1 = t.competentDeptId(i);
        String dept2 = t.ownerId(i);
        String dept3 = t.maintenanceUnitId(i);
        sb.append(t.codeText(i)).append(',');
        sb.append(csv(t.name(i))).append(',');
        sb.append(t.classCode(i).code()).append(',');
        sb.append(dept1).append(',').append(csv(t.unitName(dept1))).append(',');
        sb.append(dept2).append(',').append(csv(t.unitName(dept2))).append(',');
        sb.append(dept3).append(',').append(csv(t.unitName(dept3))).append(',');
        sb.append(t.gridCode(i).digits()).append(',');
        sb.append(t.state(i).zhName()).append(',');
        sb.append(t.surveyed(i)).append(',');
        sb.append(t.changed(i)).append(',');
        sb.append("实测,");
        sb.append(csv(t.note(i))).append(',');
        sb.append(t.lon(i)).append(',').append(t.lat(i)).append('\n');
        w.append(sb);
      }
    }
    return file;
  }

  static Path writeComponentsGeoJson(SampleDistrict d, Path file) throws IOException {
    ComponentTable t = d.components();
    try (OutputStream os = Files.newOutputStream(file);
        JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeArrayFieldStart("features");
      for (int i = 0; i < t.size(); i++) {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeObjectFieldStart("properties");
        g.writeStringField("code", t.codeText(i));
        g.writeStringField("name", t.name(i));
        g.writeStringField("classCode", t.classCode(i).code());
        g.writeStringField("state", t.state(i).zhName());
        g.writeStringField("grid", t.gridCode(i).digits());
        g.writeStringField("owner", t.ownerId(i));
        g.writeEndObject();
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Point");
        g.writeArrayFieldStart("coordinates");
        g.writeNumber(t.lon(i));
        g.writeNumber(t.lat(i));
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return file;
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(
        new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
        1 << 16);
  }

  static String csv(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
