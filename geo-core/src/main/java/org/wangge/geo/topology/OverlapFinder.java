package org.wangge.geo.topology;

import java.util.List;
import java.util.concurrent.ExecutorService;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;
import org.locationtech.jts.operation.relateng.TopologyPredicate;

/**
 * Overlaps among grids of one level: candidate pairs from an STR-tree, then an interior-intersects
 * test ({@code T********}, so grids that share only edges or vertices never count), then the
 * intersection polygon and its area.
 */
final class OverlapFinder {

  private static final String INTERIORS_INTERSECT = "T********";
  private static final int CHUNK = 1024;

  /**
   * Below this many vertices a one-off relate is cheaper than indexing the grid for reuse against
   * its handful of neighbours (measured on a 160 × 160 lattice of quadrilaterals).
   */
  private static final int PREPARE_MIN_POINTS = 64;

  private OverlapFinder() {}

  /** {@code grids} must be sorted by code; each overlap is reported once, lower code first. */
  static List<TopologyProblem> find(
      List<CheckedGrid> grids, double toleranceM2, ExecutorService pool) {
    STRtree tree = new STRtree();
    for (int i = 0; i < grids.size(); i++) {
      tree.insert(grids.get(i).geometry().getEnvelopeInternal(), i);
    }
    tree.build();
    return Parallel.run(
        pool,
        grids.size(),
        CHUNK,
        (from, to, out) -> {
          for (int i = from; i < to; i++) {
            findFor(i, grids, tree, toleranceM2, out);
          }
        });
  }

  private static void findFor(
      int i, List<CheckedGrid> grids, STRtree tree, double toleranceM2, List<TopologyProblem> out) {
    CheckedGrid a = grids.get(i);
    Envelope envA = a.geometry().getEnvelopeInternal();
    @SuppressWarnings("unchecked")
    List<Integer> candidates = tree.query(envA);
    candidates.sort(null);
    RelateNG prepared = null;
    for (int j : candidates) {
      if (j <= i) {
        continue;
      }
      CheckedGrid b = grids.get(j);
      if (!overlapWithArea(envA, b.geometry().getEnvelopeInternal())) {
        continue; // boxes that only touch: the interiors cannot meet
      }
      if (prepared == null && a.geometry().getNumPoints() >= PREPARE_MIN_POINTS) {
        prepared = RelateNG.prepare(a.geometry());
      }
      TopologyPredicate interiorsIntersect = RelatePredicate.matches(INTERIORS_INTERSECT);
      boolean overlapping =
          prepared != null
              ? prepared.evaluate(b.geometry(), interiorsIntersect)
              : RelateNG.relate(a.geometry(), b.geometry(), interiorsIntersect);
      if (!overlapping) {
        continue;
      }
      Geometry overlap =
          Problems.polygonal(
              OverlayNGRobust.overlay(a.geometry(), b.geometry(), OverlayNG.INTERSECTION),
              a.geometry().getFactory());
      if (EqualArea.squareMeters(overlap) < toleranceM2) {
        continue;
      }
      String level = Problems.levelEn(a.level());
      String levelZh = Problems.levelZh(a.level());
      out.add(
          Problems.of(
              ProblemKind.OVERLAP,
              List.of(a.codeText(), b.codeText()),
              null,
              overlap,
              level + "s " + a.code() + " and " + b.code() + " overlap by {area}",
              levelZh + " " + a.code() + " 与 " + b.code() + " 重叠 {area}"));
    }
  }

  private static boolean overlapWithArea(Envelope a, Envelope b) {
    return Math.min(a.getMaxX(), b.getMaxX()) > Math.max(a.getMinX(), b.getMinX())
        && Math.min(a.getMaxY(), b.getMaxY()) > Math.max(a.getMinY(), b.getMinY());
  }
}
