package org.wangge.api.importing;

import java.time.LocalDate;
import java.util.UUID;

/** One validated survey row, in CGCS2000 lon/lat, ready to be written. */
record ImportedComponent(
    long row,
    String code,
    String classCode,
    String name,
    double lon,
    double lat,
    String state,
    String competentDeptId,
    String competentDeptName,
    String ownerId,
    String ownerName,
    String maintenanceUnitId,
    String maintenanceUnitName,
    String gridCode,
    String bgidReported,
    LocalDate surveyed,
    LocalDate changed,
    String dataSource,
    String note) {

  /** Columns in the order of {@link #COPY_COLUMNS}, as one binary COPY row. */
  void appendCopyRow(CopyBinary out, String district, UUID job) {
    out.row(COPY_COLUMN_COUNT)
        .text(code)
        .text(district)
        .text(classCode)
        .text(name)
        .float8(lon)
        .float8(lat)
        .text(state)
        .text(competentDeptId)
        .text(competentDeptName)
        .text(ownerId)
        .text(ownerName)
        .text(maintenanceUnitId)
        .text(maintenanceUnitName)
        .text(gridCode)
        .text(bgidReported)
        .date(surveyed)
        .date(changed)
        .text(dataSource)
        .text(note)
        .uuid(job);
  }

  static final String COPY_COLUMNS =
      "code, district_code, class_code, name, lon, lat, state, competent_dept_id,"
          + " competent_dept_name, owner_id, owner_name, maintenance_unit_id,"
          + " maintenance_unit_name, grid_code, bgid_reported, or_date, ch_date, data_source, note,"
          + " import_job_id";

  static final int COPY_COLUMN_COUNT = COPY_COLUMNS.split(",").length;

  /**
   * The bytes of the last field of a {@link #appendCopyRow row}, the job's id (its length and 16
   * bytes): what a row's {@link RowHashes hash} leaves out, the job being new in every import.
   */
  static final int JOB_FIELD_BYTES = 20;

  /** This row with the code the allocator assigned (rows that came without one). */
  ImportedComponent withCode(String assigned) {
    return new ImportedComponent(
        row,
        assigned,
        classCode,
        name,
        lon,
        lat,
        state,
        competentDeptId,
        competentDeptName,
        ownerId,
        ownerName,
        maintenanceUnitId,
        maintenanceUnitName,
        gridCode,
        bgidReported,
        surveyed,
        changed,
        dataSource,
        note);
  }
}
