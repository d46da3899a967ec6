package org.wangge.api.importing;

import java.time.LocalDate;
import org.wangge.api.component.ComponentRow;

/**
 * The in-memory form of accepted rows, kept until the job builds the next component snapshot: only
 * the columns the snapshot holds, with repeated classes, names, states, units, grids and dates
 * shared. The parser hands out a new string per value, and 649,000 rows of them lived through every
 * young collection of the job (the collector's copying was a fifth of the import's CPU); shared,
 * the copies die young.
 *
 * <p>Sharing goes through two direct-mapped caches (one slot per hash, the latest value wins a
 * slot), not a map: a map's lookups, inlined once per column, made this method a 36 KB compilation
 * that took C2 0.6 s during a first load. A survey's few thousand distinct values of these columns
 * (26,423 grids in Wujiang) mostly keep a slot of their own; a value that lost its slot is kept as
 * it came. Not thread-safe.
 */
final class SnapshotRows {

  /** Slots for texts; dates take a quarter as many. */
  static final int TEXT_SLOTS = 1 << 16;

  private final String[] texts = new String[TEXT_SLOTS];
  private final LocalDate[] dates = new LocalDate[TEXT_SLOTS >> 2];

  ComponentRow of(ImportedComponent c) {
    return new ComponentRow(
        c.code(),
        text(c.classCode()),
        text(c.name()),
        c.lon(),
        c.lat(),
        text(c.state()),
        text(c.competentDeptId()),
        text(c.ownerId()),
        text(c.maintenanceUnitId()),
        text(c.gridCode()),
        date(c.surveyed()),
        date(c.changed()));
  }

  private String text(String value) {
    if (value == null) {
      return null;
    }
    int slot = value.hashCode() & (texts.length - 1);
    String known = texts[slot];
    if (value.equals(known)) {
      return known;
    }
    texts[slot] = value;
    return value;
  }

  private LocalDate date(LocalDate value) {
    if (value == null) {
      return null;
    }
    int slot = (int) value.toEpochDay() & (dates.length - 1);
    LocalDate known = dates[slot];
    if (value.equals(known)) {
      return known;
    }
    dates[slot] = value;
    return value;
  }
}
