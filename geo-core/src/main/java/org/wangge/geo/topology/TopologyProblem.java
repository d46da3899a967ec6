package org.wangge.geo.topology;

import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTWriter;
import org.wangge.geo.LonLat;

/**
 * One thing a survey team has to fix, with where it is and how big it is.
 *
 * @param kind what is wrong
 * @param codes the grid codes involved, as written (a malformed code is kept verbatim): the grid
 *     itself, both grids of an overlap (ascending), the child then the parent for {@link
 *     ProblemKind#CHILD_OUTSIDE_PARENT}, the parent for a {@link ProblemKind#GAP} (empty for a gap
 *     in the district boundary when the set holds no single district grid)
 * @param sourceRow the row of the {@link GridRecord} at fault, or {@code null} when the problem
 *     comes from a {@link org.wangge.geo.grid.Grid}
 * @param location a representative point of the problem (inside the problem area when it has one;
 *     the offending vertex for {@link ProblemKind#INVALID_RING}); {@code null} without a geometry
 * @param geometry the problem area in lon/lat degrees: the overlap, gap or outside part; the
 *     <em>repaired</em> grid for {@link ProblemKind#INVALID_RING}; the grid's own area for
 *     hierarchy and code problems; {@code null} when there is none. Copied in and out.
 * @param areaSquareMeters area of {@code geometry} in m² on the CGCS2000 ellipsoid (equal-area
 *     projection, see {@link TopologyCheck}); 0 without a geometry
 * @param message what is wrong, in English, naming codes, area and place
 * @param messageZh the same in Simplified Chinese
 */
public record TopologyProblem(
    ProblemKind kind,
    List<String> codes,
    Long sourceRow,
    LonLat location,
    Geometry geometry,
    double areaSquareMeters,
    String message,
    String messageZh) {

  public TopologyProblem {
    Objects.requireNonNull(kind, "problem kind");
    codes = List.copyOf(codes);
    Objects.requireNonNull(message, "problem message");
    Objects.requireNonNull(messageZh, "problem message (zh)");
    if (!(areaSquareMeters >= 0)) {
      throw new IllegalArgumentException("problem area " + areaSquareMeters + " m² is negative");
    }
    geometry = geometry == null ? null : geometry.copy();
  }

  /** A copy of the problem geometry, or {@code null}. */
  @Override
  public Geometry geometry() {
    return geometry == null ? null : geometry.copy();
  }

  /** The problem geometry as WKT (lon lat order), or {@code null}. */
  public String wkt() {
    return geometry == null ? null : new WKTWriter().write(geometry);
  }

  @Override
  public String toString() {
    return kind + " " + codes + (sourceRow == null ? "" : " row " + sourceRow) + ": " + message;
  }
}
