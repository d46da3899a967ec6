package org.wangge.geo.topology;

import org.locationtech.jts.geom.Geometry;
import org.wangge.geo.grid.GridLevel;

/**
 * One grid as read from a survey file, before validation: whatever the row said, so that a bad code
 * or an empty geometry becomes a {@link TopologyProblem} instead of an exception. Coordinates are
 * longitude, latitude in degrees, CGCS2000 (EPSG:4490).
 *
 * @param codeText the code as written, possibly malformed or {@code null}
 * @param geometry the area as read, possibly {@code null}, empty or invalid; copied on the way in
 * @param level the level the row declares; {@code null} to derive it from the code's length
 * @param parentText the parent code as written; {@code null} or blank to derive it from the code (a
 *     district and a special grid without a parent leave it blank)
 * @param row the source row (1-based, as a spreadsheet shows it) for the survey team to find it
 */
public record GridRecord(
    String codeText, Geometry geometry, GridLevel level, String parentText, long row) {

  public GridRecord {
    geometry = geometry == null ? null : geometry.copy();
  }

  /** A copy of the geometry as read, or {@code null}. */
  @Override
  public Geometry geometry() {
    return geometry == null ? null : geometry.copy();
  }

  /** Shares the geometry without copying: for the check, which never mutates it. */
  Geometry geometryUnsafe() {
    return geometry;
  }
}
