package org.wangge.geo.topology;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Compares one parent area with the union of its children: what the children leave uncovered is a
 * {@link ProblemKind#GAP} (one problem per separate piece), what they cover beyond the parent is
 * {@link ProblemKind#CHILD_OUTSIDE_PARENT} (one problem per child, with its outside part).
 */
final class CoverageCheck {

  /** Relative difference of summed and united planar areas that marks a coverage as not clean. */
  private static final double COVERAGE_AREA_EPSILON = 1e-9;

  /**
   * @param parentCodes the parent's code for the report (empty for an anonymous boundary)
   * @param parentEn how the parent reads in a message, e.g. "community 320509001001"
   * @param childrenEn what the children are called in a message, e.g. "unit grids"
   */
  record Parent(
      List<String> parentCodes,
      Long row,
      Geometry geometry,
      String parentEn,
      String parentZh,
      String childrenEn,
      String childrenZh) {}

  private CoverageCheck() {}

  static void check(
      Parent parent, List<CheckedGrid> children, double toleranceM2, List<TopologyProblem> out) {
    GeometryFactory factory = parent.geometry().getFactory();
    Geometry union = children.isEmpty() ? factory.createPolygon() : union(children);
    Geometry uncovered = OverlayNGRobust.overlay(parent.geometry(), union, OverlayNG.DIFFERENCE);
    for (Polygon gap : Problems.piecesAtLeast(uncovered, toleranceM2)) {
      out.add(
          Problems.of(
              ProblemKind.GAP,
              parent.parentCodes(),
              parent.row(),
              gap,
              "gap of {area} inside "
                  + parent.parentEn()
                  + " that none of its "
                  + parent.childrenEn()
                  + " covers",
              parent.parentZh() + " 内有 {area} 未被任何" + parent.childrenZh() + "覆盖"));
    }
    if (children.isEmpty()) {
      return;
    }
    Geometry beyond = OverlayNGRobust.overlay(union, parent.geometry(), OverlayNG.DIFFERENCE);
    if (EqualArea.squareMeters(beyond) < toleranceM2) {
      return;
    }
    Envelope beyondBox = beyond.getEnvelopeInternal();
    for (CheckedGrid child : children) {
      if (!beyondBox.intersects(child.geometry().getEnvelopeInternal())) {
        continue;
      }
      Geometry outside =
          Problems.polygonal(
              OverlayNGRobust.overlay(child.geometry(), parent.geometry(), OverlayNG.DIFFERENCE),
              factory);
      if (EqualArea.squareMeters(outside) < toleranceM2) {
        continue;
      }
      List<String> codes = new ArrayList<>();
      codes.add(child.codeText());
      codes.addAll(parent.parentCodes());
      String childEn = Problems.levelEn(child.level()) + " " + child.code();
      String childZh = Problems.levelZh(child.level()) + " " + child.code();
      out.add(
          Problems.of(
              ProblemKind.CHILD_OUTSIDE_PARENT,
              codes,
              child.row(),
              outside,
              childEn + " extends {area} outside " + parent.parentEn(),
              childZh + " 超出" + parent.parentZh() + " {area}"));
    }
  }

  /**
   * The union of the children: {@link CoverageUnion} when they form a clean coverage (shared edges
   * with identical vertices, no overlaps), which is fast and adds no vertices; OverlayNG otherwise.
   * A coverage union that throws, is invalid, or whose area differs from the sum of the children's
   * areas means the coverage was not clean, and the OverlayNG union is used instead.
   */
  static Geometry union(List<CheckedGrid> children) {
    GeometryFactory factory = children.get(0).geometry().getFactory();
    Geometry[] geoms = new Geometry[children.size()];
    double sum = 0;
    for (int i = 0; i < geoms.length; i++) {
      geoms[i] = children.get(i).geometry();
      sum += geoms[i].getArea();
    }
    try {
      Geometry union = CoverageUnion.union(geoms);
      if (union != null
          && Math.abs(union.getArea() - sum) <= COVERAGE_AREA_EPSILON * sum
          && union.isValid()) {
        return union;
      }
    } catch (RuntimeException notACleanCoverage) {
      // fall through to the general union
    }
    return Problems.polygonal(OverlayNGRobust.union(List.of(geoms), factory), factory);
  }
}
