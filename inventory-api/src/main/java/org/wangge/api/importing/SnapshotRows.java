package org.wangge.api.importing;

import java.util.HashMap;
import java.util.Map;
import org.wangge.api.component.ComponentRow;

/**
 * The in-memory form of accepted rows, kept until the job builds the next component snapshot: only
 * the columns the snapshot holds, with one instance per distinct class, name, state, unit, grid and
 * date. The parser hands out a new string per value, and 649,000 rows of them lived through every
 * young collection of the job (the collector's copying was a fifth of the import's CPU); shared,
 * the copies die young. At most {@link #DISTINCT} values are remembered. Not thread-safe.
 */
final class SnapshotRows {

  static final int DISTINCT = 200_000;

  private final Map<Object, Object> shared = new HashMap<>(1 << 14);

  ComponentRow of(ImportedComponent c) {
    return new ComponentRow(
        c.code(),
        share(c.classCode()),
        share(c.name()),
        c.lon(),
        c.lat(),
        share(c.state()),
        share(c.competentDeptId()),
        share(c.ownerId()),
        share(c.maintenanceUnitId()),
        share(c.gridCode()),
        share(c.surveyed()),
        share(c.changed()));
  }

  @SuppressWarnings("unchecked")
  private <T> T share(T value) {
    if (value == null) {
      return null;
    }
    Object known = shared.get(value);
    if (known != null) {
      return (T) known;
    }
    if (shared.size() < DISTINCT) {
      shared.put(value, value);
    }
    return value;
  }
}
