package org.wangge.api.grid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.crs.CoordinateTransforms;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.crs.CrsTransform;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.SourceFeature;
import org.wangge.geo.topology.GridRecord;

/**
 * A grid file read into memory and mapped to grids: rows that make a valid {@link Grid} (first
 * occurrence of each code), and the rest as {@link GridRecord}s with the reason, for the topology
 * check to report. Geometry in CGCS2000 lon/lat.
 *
 * @param crs the coordinate system the file was read in
 * @param rows how many features the file held
 */
record GridUpload(List<Row> grids, List<Rejected> records, Crs crs, long rows) {

  /** A valid grid and the file row it came from. */
  record Row(Grid grid, long row) {}

  /** A row that is not a valid grid, as written, and why. */
  record Rejected(GridRecord record, String reason) {}

  static final List<String> CODE = List.of("code", "bgid", "gridcode", "grid_code", "网格编码", "编码");
  static final List<String> NAME = List.of("name", "网格名称", "名称");
  static final List<String> LEVEL = List.of("level", "层级", "网格层级");
  static final List<String> PARENT = List.of("parent", "parent_code", "parentcode", "上级编码");
  static final List<String> UNIT =
      List.of("responsible_unit", "responsibleunit", "responsible_unit_id", "责任单位");

  private static final Map<String, GridLevel> LEVEL_NAMES =
      Map.ofEntries(
          Map.entry("区", GridLevel.DISTRICT),
          Map.entry("区县", GridLevel.DISTRICT),
          Map.entry("街道", GridLevel.STREET),
          Map.entry("镇", GridLevel.STREET),
          Map.entry("街道/镇", GridLevel.STREET),
          Map.entry("社区", GridLevel.COMMUNITY),
          Map.entry("村", GridLevel.COMMUNITY),
          Map.entry("社区/村", GridLevel.COMMUNITY),
          Map.entry("单元网格", GridLevel.UNIT),
          Map.entry("网格", GridLevel.UNIT),
          Map.entry("专属网格", GridLevel.SPECIAL));

  /**
   * Reads every feature of {@code reader}.
   *
   * @param requestedCrs the CRS the user gave, overriding the file's; {@code null}: the file's own,
   *     else CGCS2000
   * @param levelHint a level ({@code UNIT}, {@code 单元网格} …) for rows that state none, or the name
   *     of the attribute holding the level; {@code null}: the {@link #LEVEL} attributes, else the
   *     code's length
   */
  static GridUpload read(FeatureReader reader, Crs requestedCrs, String levelHint)
      throws IOException {
    Crs crs = requestedCrs != null ? requestedCrs : reader.declaredCrs().orElse(Crs.CGCS2000);
    CrsTransform toLonLat = CoordinateTransforms.between(crs, Crs.CGCS2000);
    List<String> names = reader.fieldNames();
    GridLevel fixedLevel = levelHint == null ? null : level(levelHint);
    int code = field(names, CODE);
    int name = field(names, NAME);
    int level =
        levelHint != null && fixedLevel == null
            ? field(names, List.of(levelHint.toLowerCase(Locale.ROOT)))
            : field(names, LEVEL);
    if (levelHint != null && fixedLevel == null && level < 0) {
      throw new IllegalArgumentException(
          "level '"
              + levelHint
              + "' is neither a grid level ("
              + java.util.Arrays.toString(GridLevel.values())
              + ") nor an attribute of the file "
              + names);
    }
    int parent = field(names, PARENT);
    int unit = field(names, UNIT);
    if (code < 0) {
      throw new org.wangge.geo.io.UnreadableFileException(
          reader.describe()
              + " has no grid code attribute; expected one of code, BGID, GridCode, 网格编码, 编码"
              + " (attributes are "
              + names
              + ")");
    }
    List<Row> grids = new ArrayList<>();
    List<Rejected> records = new ArrayList<>();
    Set<GridCode> seen = new HashSet<>();
    long rows = 0;
    for (SourceFeature f = reader.next(); f != null; f = reader.next()) {
      rows++;
      String codeText = text(f, code);
      String parentText = text(f, parent);
      String reason = f.problem();
      GridLevel lvl = null;
      String levelText = text(f, level);
      if (levelText != null) {
        lvl = level(levelText);
        if (lvl == null) {
          reason = "level '" + levelText + "' is not a grid level";
        }
      } else {
        lvl = fixedLevel;
      }
      Geometry geometry = f.geometry();
      if (geometry != null && reason == null) {
        try {
          geometry = transform(geometry, toLonLat);
        } catch (IllegalArgumentException e) {
          reason = "coordinates are not in " + crs.id() + ": " + e.getMessage();
          geometry = null;
        }
      }
      if (reason == null) {
        try {
          Grid grid = grid(codeText, text(f, name), lvl, parentText, geometry, text(f, unit));
          if (seen.add(grid.code())) {
            grids.add(new Row(grid, f.row()));
            continue;
          }
          reason = "code " + grid.code() + " occurs again";
        } catch (IllegalArgumentException e) {
          reason = e.getMessage();
        }
      }
      records.add(
          new Rejected(new GridRecord(codeText, geometry, lvl, parentText, f.row()), reason));
    }
    return new GridUpload(grids, records, crs, rows);
  }

  private static Grid grid(
      String codeText,
      String name,
      GridLevel level,
      String parentText,
      Geometry geometry,
      String unit) {
    GridCode code = GridCode.parse(codeText);
    GridLevel lvl = level != null ? level : inferredLevel(code);
    GridCode parent =
        parentText != null
            ? GridCode.parse(parentText)
            : lvl == GridLevel.DISTRICT ? null : code.parent();
    if (geometry == null || !(geometry instanceof Polygonal) || geometry.isEmpty()) {
      throw new IllegalArgumentException(
          "grid "
              + code
              + " has no area: its geometry is "
              + (geometry == null
                  ? "missing"
                  : geometry.isEmpty() ? "empty" : "a " + geometry.getGeometryType()));
    }
    return new Grid(code, name, lvl, parent, geometry, unit);
  }

  static GridLevel inferredLevel(GridCode code) {
    return switch (code.depth()) {
      case 0 -> GridLevel.DISTRICT;
      case 1 -> GridLevel.STREET;
      case 2 -> GridLevel.COMMUNITY;
      default -> GridLevel.UNIT;
    };
  }

  /** A level by its name or Chinese name, or {@code null}. */
  static GridLevel level(String text) {
    String s = text.strip();
    for (GridLevel l : GridLevel.values()) {
      if (l.name().equalsIgnoreCase(s) || l.zhName().equals(s)) {
        return l;
      }
    }
    return LEVEL_NAMES.get(s);
  }

  private static int field(List<String> names, List<String> candidates) {
    for (String candidate : candidates) {
      for (int i = 0; i < names.size(); i++) {
        String n = names.get(i).strip().toLowerCase(Locale.ROOT);
        if (n.equals(candidate)) {
          return i;
        }
      }
    }
    return -1;
  }

  private static String text(SourceFeature f, int field) {
    if (field < 0 || field >= f.values().size()) {
      return null;
    }
    Object v = f.values().get(field);
    if (v == null) {
      return null;
    }
    String s =
        (v instanceof Double d && d == Math.rint(d)) ? Long.toString(d.longValue()) : v.toString();
    s = s.strip();
    return s.isEmpty() ? null : s;
  }

  /** A copy of {@code g} in CGCS2000 lon/lat; validates every coordinate even when already so. */
  private static Geometry transform(Geometry g, CrsTransform t) {
    Geometry copy = g.copy();
    copy.apply(
        new CoordinateSequenceFilter() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            var xy = t.transform(seq.getX(i), seq.getY(i));
            seq.setOrdinate(i, 0, xy.x());
            seq.setOrdinate(i, 1, xy.y());
          }

          @Override
          public boolean isDone() {
            return false;
          }

          @Override
          public boolean isGeometryChanged() {
            return true;
          }
        });
    copy.setSRID(4490);
    return copy;
  }
}
