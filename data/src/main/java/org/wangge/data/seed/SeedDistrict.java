package org.wangge.data.seed;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.wangge.geo.codes.GridCode;

/**
 * One of the five seed districts: its real code and name, the boundary as delivered and as repaired
 * (lon/lat degrees, WGS84 ≈ CGCS2000), and its real streets and villages in file order.
 */
public record SeedDistrict(
    GridCode code,
    String name,
    Geometry deliveredBoundary,
    Geometry boundary,
    BoundaryRepair repair,
    List<Division> streets,
    List<Division> villages) {

  public SeedDistrict {
    deliveredBoundary = deliveredBoundary.copy();
    boundary = boundary.copy();
    streets = List.copyOf(streets);
    villages = List.copyOf(villages);
  }

  /** A copy of the boundary as delivered (invalid for all five seed districts). */
  @Override
  public Geometry deliveredBoundary() {
    return deliveredBoundary.copy();
  }

  /** A copy of the repaired, valid boundary. */
  @Override
  public Geometry boundary() {
    return boundary.copy();
  }

  /** The villages/communities of one street, in file order. */
  public List<Division> villagesOf(GridCode street) {
    return villages.stream().filter(v -> v.parent().equals(street)).toList();
  }
}
