package org.wangge.api.component;

import java.time.LocalDate;

/** A component as the service keeps it in memory and lists it: lon/lat CGCS2000. */
public record ComponentRow(
    String code,
    String classCode,
    String name,
    double lon,
    double lat,
    String state,
    String competentDeptId,
    String ownerId,
    String maintenanceUnitId,
    String gridCode,
    LocalDate surveyed,
    LocalDate changed) {

  /** The same component in another unit grid (a grid-set switch moved it). */
  public ComponentRow withGridCode(String grid) {
    return new ComponentRow(
        code,
        classCode,
        name,
        lon,
        lat,
        state,
        competentDeptId,
        ownerId,
        maintenanceUnitId,
        grid,
        surveyed,
        changed);
  }

  /** The same component with the survey date the database holds. */
  public ComponentRow withSurveyed(LocalDate date) {
    return new ComponentRow(
        code,
        classCode,
        name,
        lon,
        lat,
        state,
        competentDeptId,
        ownerId,
        maintenanceUnitId,
        gridCode,
        date,
        changed);
  }
}
