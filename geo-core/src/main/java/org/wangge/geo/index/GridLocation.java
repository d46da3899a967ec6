package org.wangge.geo.index;

import java.util.List;
import org.wangge.geo.LonLat;
import org.wangge.geo.grid.Grid;

/**
 * Where a point lies in the grid set.
 *
 * @param point the query, lon/lat CGCS2000
 * @param unitGrid the unit grid covering the point, or {@code null} when outside every unit grid
 * @param ancestors community, street and district of the unit grid, nearest first; empty when
 *     outside
 * @param specialGrids special grids covering the point
 * @param nearest when outside: the nearest unit grid; when inside: the unit grid itself
 * @param distanceMeters when outside: distance to {@code nearest} in metres; 0 when inside
 */
public record GridLocation(
    LonLat point,
    Grid unitGrid,
    List<Grid> ancestors,
    List<Grid> specialGrids,
    Grid nearest,
    double distanceMeters) {

  public GridLocation {
    ancestors = List.copyOf(ancestors);
    specialGrids = List.copyOf(specialGrids);
  }

  public boolean isInside() {
    return unitGrid != null;
  }
}
