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
    LocalDate changed) {}
