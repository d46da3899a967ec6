package org.wangge.geo.index;

import java.util.Collection;
import java.util.List;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.index.internal.CellGridIndex;
import org.wangge.geo.index.internal.JtsGridIndex;

/**
 * Answers "which unit grid contains this point, and what lies above it" for a grid set. Coordinates
 * are longitude, latitude in degrees, CGCS2000 (EPSG:4490).
 *
 * <p><b>Exactness.</b> A point belongs to a unit grid when the grid's polygon <em>covers</em> it
 * (interior or boundary), with the same robust predicates as JTS {@code Geometry.covers}. <b>Edge
 * rule:</b> a point covered by several unit grids — on an edge or vertex they share, or inside an
 * overlap of an invalid set — belongs to the one with the <em>smallest code</em>, so every point
 * has at most one unit grid and the answer never depends on build order.
 *
 * <p>Only {@link org.wangge.geo.grid.GridLevel#UNIT UNIT} grids take part in the point lookup;
 * district, street and community grids are reported as ancestors through the parent codes, and
 * {@link org.wangge.geo.grid.GridLevel#SPECIAL SPECIAL} grids through {@link #specialGridsAt}.
 *
 * <p>Indexes are immutable once built and safe to query from any number of threads.
 */
public interface GridIndex {

  /** Value of {@link #locateIndex} for a point outside every unit grid. */
  int NONE = -1;

  /**
   * Builds the fast cell-table index over the unit grids among {@code grids}. Geometries must be
   * valid (run the topology check first); invalid rings give answers that follow the ring crossing
   * rule but may differ from JTS.
   */
  static GridIndex build(Collection<Grid> grids) {
    return CellGridIndex.build(grids);
  }

  /**
   * Builds the reference implementation: a JTS {@code HPRtree} of envelopes and an {@code
   * IndexedPointInAreaLocator} per grid. Slower; kept as the benchmark baseline and test oracle.
   */
  static GridIndex buildJtsBaseline(Collection<Grid> grids) {
    return JtsGridIndex.build(grids);
  }

  /**
   * The position in {@link #unitGrids()} of the unit grid covering the point, or {@link #NONE}. The
   * hot path: no allocation.
   */
  int locateIndex(double lon, double lat);

  /** Unit grids sorted by code; {@link #locateIndex} answers positions in this list. */
  List<Grid> unitGrids();

  /**
   * The full answer: the unit grid with its community, street and district, the special grids at
   * the point, and for a point outside every unit grid the nearest one with its distance in metres.
   */
  GridLocation locate(double lon, double lat);

  /** Special grids (schools, parks …) covering the point, by code. */
  List<Grid> specialGridsAt(double lon, double lat);

  /** The grid with this code at any level, or {@code null}. */
  Grid grid(org.wangge.geo.codes.GridCode code);
}
