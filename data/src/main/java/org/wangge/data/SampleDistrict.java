package org.wangge.data;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.wangge.data.seed.BoundaryRepair;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.unit.Unit;

/**
 * A generated sample district: the repaired real boundary, units, grids of every level (district,
 * streets, communities, unit grids, special grids — in that order), components and devices.
 * Coordinates are lon/lat degrees, CGCS2000. Immutable.
 *
 * @param boundary the seed boundary after repair with {@code GeometryFixer} (the district grid is
 *     the same area on the 1e-7 degree grid the partition is cut on)
 */
public record SampleDistrict(
    GridCode code,
    String name,
    Geometry boundary,
    BoundaryRepair repair,
    List<Unit> units,
    List<Grid> grids,
    ComponentTable components,
    List<Device> devices) {

  public SampleDistrict {
    boundary = boundary.copy();
    units = List.copyOf(units);
    grids = List.copyOf(grids);
    devices = List.copyOf(devices);
  }

  @Override
  public Geometry boundary() {
    return boundary.copy();
  }

  public List<Grid> grids(GridLevel level) {
    return grids.stream().filter(g -> g.level() == level).toList();
  }

  public Grid districtGrid() {
    return grids.get(0);
  }
}
