package org.wangge.geo.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.wangge.geo.LonLat;
import org.wangge.geo.grid.GridLevel;

/** Builds problems with their location, area and wording, and orders them. */
final class Problems {

  /** Kind, then codes, then row, then place: a stable order for reports. */
  static final Comparator<TopologyProblem> ORDER =
      Comparator.comparing(TopologyProblem::kind)
          .thenComparing(TopologyProblem::codes, Problems::compareCodes)
          .thenComparing(
              TopologyProblem::sourceRow, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(TopologyProblem::location, Comparator.nullsFirst(Problems::compareLonLat))
          .thenComparingDouble(TopologyProblem::areaSquareMeters)
          .thenComparing(TopologyProblem::message);

  private Problems() {}

  /** A problem placed inside {@code geometry} (or nowhere when it is {@code null}). */
  static TopologyProblem of(
      ProblemKind kind, List<String> codes, Long row, Geometry geometry, String en, String zh) {
    return at(kind, codes, row, geometry, interiorPoint(geometry), en, zh);
  }

  /** A problem placed at {@code location}. */
  static TopologyProblem at(
      ProblemKind kind,
      List<String> codes,
      Long row,
      Geometry geometry,
      LonLat location,
      String en,
      String zh) {
    double area = EqualArea.squareMeters(geometry);
    String where = location == null ? "" : " near " + format(location);
    String rowEn = row == null ? "" : "row " + row + ": ";
    String rowZh = row == null ? "" : "第 " + row + " 行：";
    return new TopologyProblem(
        kind,
        codes,
        row,
        location,
        geometry,
        area,
        rowEn + en.replace("{area}", squareMeters(area)) + where,
        rowZh
            + zh.replace("{area}", squareMeters(area))
            + (location == null ? "" : "，位置 " + format(location)));
  }

  /** The polygons of {@code g} as one Polygon or MultiPolygon (possibly empty). */
  static Geometry polygonal(Geometry g, GeometryFactory factory) {
    List<Polygon> polygons = new ArrayList<>();
    PolygonExtracter.getPolygons(g, polygons);
    return factory.buildGeometry(polygons);
  }

  /** The separate polygons of {@code g} whose area reaches {@code toleranceM2}. */
  static List<Polygon> piecesAtLeast(Geometry g, double toleranceM2) {
    List<Polygon> polygons = new ArrayList<>();
    PolygonExtracter.getPolygons(g, polygons);
    polygons.removeIf(p -> EqualArea.squareMeters(p) < toleranceM2);
    return polygons;
  }

  static String levelEn(GridLevel level) {
    return switch (level) {
      case DISTRICT -> "district";
      case STREET -> "street";
      case COMMUNITY -> "community";
      case UNIT -> "unit grid";
      case SPECIAL -> "special grid";
    };
  }

  static String levelEnPlural(GridLevel level) {
    return level == GridLevel.COMMUNITY ? "communities" : levelEn(level) + "s";
  }

  static String levelZh(GridLevel level) {
    return switch (level) {
      case DISTRICT -> "区";
      case STREET -> "街道";
      case COMMUNITY -> "社区";
      case UNIT -> "单元网格";
      case SPECIAL -> "专属网格";
    };
  }

  static LonLat lonLat(Coordinate c) {
    return c == null || !Double.isFinite(c.x) || !Double.isFinite(c.y)
        ? null
        : LonLat.of(clamp(c.x, 180), clamp(c.y, 90));
  }

  private static double clamp(double v, double limit) {
    return Math.max(-limit, Math.min(limit, v));
  }

  private static LonLat interiorPoint(Geometry g) {
    if (g == null || g.isEmpty()) {
      return null;
    }
    return lonLat(g.getInteriorPoint().getCoordinate());
  }

  private static String format(LonLat p) {
    return String.format(Locale.ROOT, "(%.6f, %.6f)", p.lon(), p.lat());
  }

  private static String squareMeters(double area) {
    return String.format(Locale.ROOT, area < 100 ? "%.2f m²" : "%.0f m²", area);
  }

  private static int compareCodes(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareLonLat(LonLat a, LonLat b) {
    int c = Double.compare(a.lon(), b.lon());
    return c != 0 ? c : Double.compare(a.lat(), b.lat());
  }
}
