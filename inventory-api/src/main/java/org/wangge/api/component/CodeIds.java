package org.wangge.api.component;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's ids by code. Snapshot ids follow code order, so when the codes have the shape {@link
 * CodeOrder} turns into keys, the sorted keys are the lookup: a binary search over 649,000 longs (5
 * MB, made by the sort anyway) instead of a {@code HashMap<String, Integer>} of as many entries
 * (~40 MB, and 0.3–0.5 s to build on a cold JVM at the end of a first load and at every start).
 * Other codes take the map. Immutable.
 */
final class CodeIds {

  private final String prefix;
  private final int width;
  private final long[] keys;
  private final int size;
  private final Map<String, Integer> map;

  private CodeIds(String prefix, int width, long[] keys, int size, Map<String, Integer> map) {
    this.prefix = prefix;
    this.width = width;
    this.keys = keys;
    this.size = size;
    this.map = map;
  }

  /**
   * Ids of {@code keys[0..size)}, ascending: the keys of the codes in id order. For distinct codes
   * (a snapshot's, the database's key); with one code twice, either of its ids may be found.
   */
  static CodeIds of(String prefix, int width, long[] keys, int size) {
    return new CodeIds(prefix, width, keys, size, null);
  }

  /** Ids of rows in any order, by a map: the last row with a code has its id. */
  static CodeIds of(List<ComponentRow> rows) {
    Map<String, Integer> map = new HashMap<>(rows.size() * 2);
    for (int i = 0; i < rows.size(); i++) {
      map.put(rows.get(i).code(), i);
    }
    return new CodeIds(null, 0, null, rows.size(), map);
  }

  /** The id of the row with this code, or -1. */
  int id(String code) {
    if (code == null) {
      return -1;
    }
    if (map != null) {
      Integer id = map.get(code);
      return id == null ? -1 : id;
    }
    long key = CodeOrder.key(code, prefix, width);
    if (key < 0) {
      return -1;
    }
    int at = Arrays.binarySearch(keys, 0, size, key);
    return at < 0 ? -1 : at;
  }

  /** How many rows (ids) there are. */
  int size() {
    return size;
  }
}
