package org.wangge.api.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A row's binary COPY form: every column in the order of COPY_COLUMNS, each in its type. */
class ImportedComponentTest {

  private static final UUID JOB = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

  /** The row as the explicit chain of one call per column writes it. */
  private static byte[] explicitly(ImportedComponent r, String district) {
    CopyBinary out = new CopyBinary(64);
    out.row(20)
        .text(r.code())
        .text(district)
        .text(r.classCode())
        .text(r.name())
        .float8(r.lon())
        .float8(r.lat())
        .text(r.state())
        .text(r.competentDeptId())
        .text(r.competentDeptName())
        .text(r.ownerId())
        .text(r.ownerName())
        .text(r.maintenanceUnitId())
        .text(r.maintenanceUnitName())
        .text(r.gridCode())
        .text(r.bgidReported())
        .date(r.surveyed())
        .date(r.changed())
        .text(r.dataSource())
        .text(r.note())
        .uuid(JOB);
    return out.take();
  }

  private static byte[] appended(ImportedComponent r, String district) {
    CopyBinary out = new CopyBinary(64);
    r.appendCopyRow(out, district, JOB);
    return out.take();
  }

  @Test
  void everyColumnInItsPlace() {
    assertThat(ImportedComponent.COPY_COLUMN_COUNT).isEqualTo(20);
    // every text column different, so that a column out of place changes the bytes
    ImportedComponent full =
        new ImportedComponent(
            7,
            "3205090118000001",
            "0118",
            "井盖",
            120.61234567,
            31.1234567,
            "INTACT",
            "d1",
            "水务局",
            "d2",
            "权属单位",
            "d3",
            "养护单位",
            "320509001001",
            "320509001002",
            LocalDate.of(2019, 5, 1),
            LocalDate.of(2024, 2, 29),
            "普查",
            "备注 😀");
    assertThat(appended(full, "320509")).isEqualTo(explicitly(full, "320509"));
    ImportedComponent sparse =
        new ImportedComponent(
            8,
            "3205090118000002",
            "0118",
            null,
            120.6,
            31.1,
            "INTACT",
            null,
            "水务局",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(appended(sparse, "320509")).isEqualTo(explicitly(sparse, "320509"));
  }
}
