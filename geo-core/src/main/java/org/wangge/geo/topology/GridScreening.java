package org.wangge.geo.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;

/**
 * The first phase: turns grids and raw records into {@link CheckedGrid}s, reporting malformed
 * codes, empty geometries and duplicates on the way, then validates and repairs each geometry.
 */
final class GridScreening {

  private GridScreening() {}

  /** Grids first (in their order), then records (in theirs); the first of equal codes wins. */
  static List<CheckedGrid> admit(
      Collection<Grid> grids, Collection<GridRecord> records, List<TopologyProblem> problems) {
    Map<GridCode, CheckedGrid> byCode = new LinkedHashMap<>();
    for (Grid g : grids) {
      admitUnique(
          new CheckedGrid(g.code(), g.level(), g.parent(), g.geometry(), null), byCode, problems);
    }
    for (GridRecord r : records) {
      CheckedGrid candidate = fromRecord(r, problems);
      if (candidate != null) {
        admitUnique(candidate, byCode, problems);
      }
    }
    return new ArrayList<>(byCode.values());
  }

  private static void admitUnique(
      CheckedGrid g, Map<GridCode, CheckedGrid> byCode, List<TopologyProblem> problems) {
    CheckedGrid first = byCode.putIfAbsent(g.code(), g);
    if (first != null) {
      String firstEn = first.row() == null ? "the grid list" : "row " + first.row();
      String firstZh = first.row() == null ? "网格列表" : "第 " + first.row() + " 行";
      problems.add(
          Problems.of(
              ProblemKind.DUPLICATE_CODE,
              List.of(g.codeText()),
              g.row(),
              g.geometry(),
              "code " + g.code() + " occurs again; the first occurrence (" + firstEn + ") is kept",
              "编码 " + g.code() + " 重复；保留首次出现（" + firstZh + "）"));
    }
  }

  /** The grid a record describes, or {@code null} after reporting why it cannot be one. */
  private static CheckedGrid fromRecord(GridRecord r, List<TopologyProblem> problems) {
    Geometry geometry = r.geometryUnsafe();
    Geometry located = geometry instanceof Polygonal && !geometry.isEmpty() ? geometry : null;
    String codeText = r.codeText() == null ? "" : r.codeText();
    GridCode code;
    try {
      code = GridCode.parse(r.codeText());
    } catch (IllegalArgumentException e) {
      problems.add(malformed(codeText, r, located, e.getMessage()));
      return null;
    }
    boolean usableGeometry = located != null;
    if (!usableGeometry) {
      String what =
          geometry == null
              ? "missing"
              : geometry.isEmpty()
                  ? "empty"
                  : "a " + geometry.getGeometryType() + ", not polygonal";
      problems.add(
          Problems.of(
              ProblemKind.EMPTY_GEOMETRY,
              List.of(code.digits()),
              r.row(),
              null,
              "grid " + code + " has no area: its geometry is " + what,
              "网格 " + code + " 没有面状几何（" + what + "）"));
    }
    GridLevel level = r.level() != null ? r.level() : levelOfDepth(code.depth());
    GridCode parent;
    String parentText = r.parentText() == null ? "" : r.parentText().strip();
    try {
      parent =
          !parentText.isEmpty()
              ? GridCode.parse(parentText)
              : level == GridLevel.DISTRICT || level == GridLevel.SPECIAL ? null : code.parent();
    } catch (IllegalArgumentException e) {
      problems.add(malformed(parentText, r, located, "parent of " + code + ": " + e.getMessage()));
      return null;
    }
    if (!usableGeometry) {
      return null;
    }
    try {
      Grid grid = new Grid(code, null, level, parent, geometry, null);
      return new CheckedGrid(grid.code(), grid.level(), grid.parent(), grid.geometry(), r.row());
    } catch (IllegalArgumentException e) {
      problems.add(malformed(codeText, r, located, e.getMessage()));
      return null;
    }
  }

  private static TopologyProblem malformed(
      String text, GridRecord r, Geometry geometry, String reason) {
    return Problems.of(
        ProblemKind.MALFORMED_CODE,
        List.of(text),
        r.row(),
        geometry,
        "code '" + text + "' is malformed: " + reason,
        "编码 '" + text + "' 格式错误：" + reason);
  }

  private static GridLevel levelOfDepth(int depth) {
    return switch (depth) {
      case 0 -> GridLevel.DISTRICT;
      case 1 -> GridLevel.STREET;
      case 2 -> GridLevel.COMMUNITY;
      default -> GridLevel.UNIT;
    };
  }

  /**
   * The outcome of validating one grid: the grid to check further ({@code null} when nothing is
   * left of it) and the problem found ({@code null} when it was valid).
   */
  record Validation(CheckedGrid grid, TopologyProblem problem) {}

  /**
   * Checks one grid's validity: a valid grid passes unchanged, an invalid one is repaired and
   * reported as {@link ProblemKind#INVALID_RING}, or as {@link ProblemKind#EMPTY_GEOMETRY} when the
   * repair leaves nothing.
   */
  static Validation validate(CheckedGrid g) {
    IsValidOp op = new IsValidOp(g.geometry());
    if (op.isValid()) {
      return new Validation(g, null);
    }
    TopologyValidationError error = op.getValidationError();
    Geometry repaired =
        Problems.polygonal(GeometryFixer.fix(g.geometry()), g.geometry().getFactory());
    String label = Problems.levelEn(g.level()) + " " + g.code();
    String labelZh = Problems.levelZh(g.level()) + " " + g.code();
    if (repaired.isEmpty()) {
      return new Validation(
          null,
          Problems.at(
              ProblemKind.EMPTY_GEOMETRY,
              List.of(g.codeText()),
              g.row(),
              null,
              Problems.lonLat(error.getCoordinate()),
              label + " has no area: " + error.getMessage() + " and nothing is left after repair",
              labelZh + " 几何退化（" + error.getMessage() + "），修复后为空"));
    }
    return new Validation(
        g.withGeometry(repaired),
        Problems.at(
            ProblemKind.INVALID_RING,
            List.of(g.codeText()),
            g.row(),
            repaired,
            Problems.lonLat(error.getCoordinate()),
            label
                + " is invalid ("
                + error.getMessage()
                + "); repaired with GeometryFixer to {area}, the report carries the repaired shape",
            labelZh + " 几何无效（" + error.getMessage() + "），已自动修复，修复后面积 {area}"));
  }
}
