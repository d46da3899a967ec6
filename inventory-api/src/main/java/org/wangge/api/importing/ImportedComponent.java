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

  /**
   * Columns in the order of {@link #COPY_COLUMNS}, as one binary COPY row. One loop over the
   * columns rather than a chain of fifteen {@code text} calls: the chain compiled (C2) to fifteen
   * inlined copies of the UTF-8 encoder in every caller, this loop to one.
   */
  void appendCopyRow(CopyBinary out, String district, UUID job) {
    out.row(COPY_COLUMN_COUNT);
    for (int c = 0; c < COPY_COLUMN_COUNT; c++) {
      switch (c) {
        case 4 -> out.float8(lon);
        case 5 -> out.float8(lat);
        case 15 -> out.date(surveyed);
        case 16 -> out.date(changed);
        case 19 -> out.uuid(job);
        default -> out.text(text(c, district));
      }
    }
  }

  /** The text column {@code c} of {@link #COPY_COLUMNS}. */
  private String text(int c, String district) {
    return switch (c) {
      case 0 -> code;
      case 1 -> district;
      case 2 -> classCode;
      case 3 -> name;
      case 6 -> state;
      case 7 -> competentDeptId;
      case 8 -> competentDeptName;
      case 9 -> ownerId;
      case 10 -> ownerName;
      case 11 -> maintenanceUnitId;
      case 12 -> maintenanceUnitName;
      case 13 -> gridCode;
      case 14 -> bgidReported;
      case 17 -> dataSource;
      case 18 -> note;
      default -> throw new IllegalArgumentException("column " + c + " is not text");
    };
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
