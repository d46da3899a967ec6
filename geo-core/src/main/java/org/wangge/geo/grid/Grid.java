package org.wangge.geo.grid;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.wangge.geo.codes.GridCode;

/**
 * One grid of any level with its area and responsible unit. Coordinates are longitude, latitude in
 * degrees, CGCS2000 (EPSG:4490).
 *
 * <p>The geometry is a {@code Polygon} or {@code MultiPolygon}, non-empty; validity is the topology
 * check's business, not the constructor's, so that a survey team gets a full report instead of the
 * first exception. The record holds a private copy and {@link #geometry()} hands out another: JTS
 * geometries are mutable.
 *
 * @param parent the enclosing grid's code; {@code null} only for a district (and optional for a
 *     special grid)
 * @param responsibleUnitId the id of the {@link org.wangge.geo.unit.Unit} answering for this grid
 */
public record Grid(
    GridCode code,
    String name,
    GridLevel level,
    GridCode parent,
    Geometry geometry,
    String responsibleUnitId) {

  public Grid {
    Objects.requireNonNull(code, "grid code");
    Objects.requireNonNull(level, "grid level of " + code);
    Objects.requireNonNull(geometry, "geometry of grid " + code);
    if (!(geometry instanceof Polygonal)) {
      throw new IllegalArgumentException(
          "grid "
              + code
              + ": geometry must be a Polygon or MultiPolygon, not "
              + geometry.getGeometryType());
    }
    if (geometry.isEmpty()) {
      throw new IllegalArgumentException("grid " + code + ": geometry is empty");
    }
    int expectedDepth =
        switch (level) {
          case DISTRICT -> 0;
          case STREET -> 1;
          case COMMUNITY -> 2;
          case UNIT, SPECIAL -> 3;
        };
    if (code.depth() != expectedDepth) {
      throw new IllegalArgumentException(
          "grid "
              + code
              + ": a "
              + level
              + " grid needs a "
              + (6 + 3 * expectedDepth)
              + "-digit code, not "
              + code.digits().length());
    }
    if (level == GridLevel.DISTRICT && parent != null) {
      throw new IllegalArgumentException("grid " + code + ": a district has no parent");
    }
    if (level != GridLevel.DISTRICT && level != GridLevel.SPECIAL && parent == null) {
      throw new IllegalArgumentException("grid " + code + ": a " + level + " grid needs a parent");
    }
    geometry = geometry.copy();
  }

  /** A copy of the area, lon/lat CGCS2000; mutating it does not change this grid. */
  @Override
  public Geometry geometry() {
    return geometry.copy();
  }
}
