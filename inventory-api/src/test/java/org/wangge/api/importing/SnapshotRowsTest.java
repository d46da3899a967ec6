package org.wangge.api.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.wangge.api.component.ComponentRow;

class SnapshotRowsTest {

  private static ImportedComponent imported(String code, String name, LocalDate surveyed) {
    return new ImportedComponent(
        7,
        code,
        "0101",
        name,
        120.5,
        31.25,
        "INTACT",
        "U-1",
        "水务局",
        "U-2",
        "供水公司",
        "U-3",
        "养护队",
        "320509001001001",
        "320509001001002",
        surveyed,
        null,
        "实测",
        "备注");
  }

  @Test
  void keepsTheSnapshotColumnsAndSharesRepeatedValues() {
    SnapshotRows rows = new SnapshotRows();
    // equal values in distinct instances, as the parser hands them out
    ComponentRow a =
        rows.of(imported("3205090101000001", new String("上水井盖"), LocalDate.of(2020, 8, 27)));
    ComponentRow b =
        rows.of(imported("3205090101000002", new String("上水井盖"), LocalDate.of(2020, 8, 27)));

    assertThat(a)
        .isEqualTo(
            new ComponentRow(
                "3205090101000001",
                "0101",
                "上水井盖",
                120.5,
                31.25,
                "INTACT",
                "U-1",
                "U-2",
                "U-3",
                "320509001001001",
                LocalDate.of(2020, 8, 27),
                null));
    assertThat(b.name()).isSameAs(a.name());
    assertThat(b.surveyed()).isSameAs(a.surveyed());
    assertThat(b.gridCode()).isSameAs(a.gridCode());
    assertThat(b.code()).isEqualTo("3205090101000002");
  }

  @Test
  void aValueThatLostItsSlotIsKeptAsItCameAndTakesTheSlotBack() {
    SnapshotRows rows = new SnapshotRows();
    String first = new String("上水井盖");
    assertThat(rows.of(imported("3205090101000001", first, null)).name()).isSameAs(first);
    // a different name in the same slot (equal hash modulo the slots) takes the slot over
    String rival = null;
    for (int i = 0; rival == null; i++) {
      String candidate = "n" + i;
      if (((candidate.hashCode() ^ first.hashCode()) & (SnapshotRows.TEXT_SLOTS - 1)) == 0) {
        rival = candidate;
      }
    }
    rows.of(imported("3205090101000002", rival, null));
    String again = new String("上水井盖");
    assertThat(rows.of(imported("3205090101000003", again, null)).name())
        .isSameAs(again)
        .isNotSameAs(first);
    assertThat(rows.of(imported("3205090101000004", new String("上水井盖"), null)).name())
        .isSameAs(again);
  }
}
