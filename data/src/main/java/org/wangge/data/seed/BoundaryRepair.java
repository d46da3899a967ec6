package org.wangge.data.seed;

import org.wangge.geo.LonLat;

/**
 * What {@link SeedData} found wrong with a delivered district boundary and what the repair with JTS
 * {@code GeometryFixer} changed.
 *
 * @param validationError the first validation error JTS reports, or {@code null} if it was valid
 * @param location where that error is, lon/lat degrees; {@code null} if valid
 * @param areaBeforeKm2 ellipsoidal area of the delivered polygon (shoelace over its rings, so
 *     self-overlaps count as the rings say)
 * @param areaAfterKm2 ellipsoidal area of the repaired, valid polygon
 */
public record BoundaryRepair(
    String validationError, LonLat location, double areaBeforeKm2, double areaAfterKm2) {

  public boolean repaired() {
    return validationError != null;
  }

  @Override
  public String toString() {
    return repaired()
        ? String.format(
            "repaired %s at %s; area %.1f km² → %.1f km²",
            validationError, location, areaBeforeKm2, areaAfterKm2)
        : String.format("valid as delivered; area %.1f km²", areaAfterKm2);
  }
}
