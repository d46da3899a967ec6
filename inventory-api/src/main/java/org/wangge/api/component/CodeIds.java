package org.wangge.api.component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's ids by component code. Standard codes (digits only, no leading zero: 16 or 17 digits
 * under a county) go into a {@link CodeTable} by their numeric value, two primitive arrays with no
 * object per entry; any other code, which the database may hold but an import never writes, into a
 * map beside it. It replaced a {@code HashMap<String, Integer>} whose 649,000 entries (a node and a
 * boxed id each, ~36 MB) took 0.4 s to fill after a first load and at every start, in both cases on
 * the way to the new snapshot, and which every young collection then had to trace. Read-only once
 * built; safe to share between threads after publication.
 */
public final class CodeIds {

  static final CodeIds EMPTY = of(List.of());

  private final CodeTable standard;
  private final Map<String, Integer> others;
  private final int size;

  private CodeIds(CodeTable standard, Map<String, Integer> others, int size) {
    this.standard = standard;
    this.others = others;
    this.size = size;
  }

  /** The ids of {@code rows}: each row's position in the list. */
  static CodeIds of(List<ComponentRow> rows) {
    CodeTable standard = new CodeTable(rows.size());
    Map<String, Integer> others = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      String code = rows.get(i).code();
      long value = standardValue(code);
      if (value > 0) {
        standard.put(value, i);
      } else {
        others.put(code, i);
      }
    }
    return new CodeIds(standard, others, rows.size());
  }

  /** The id of {@code code}, or -1. */
  public int get(String code) {
    long value = standardValue(code);
    if (value > 0) {
      return (int) standard.get(value, -1);
    }
    Integer id = code == null ? null : others.get(code);
    return id == null ? -1 : id;
  }

  /** How many codes have an id. */
  public int size() {
    return size;
  }

  /** The numeric value of a code made of digits that does not start with 0; -1 for any other. */
  private static long standardValue(String code) {
    if (code == null || code.isEmpty() || code.charAt(0) == '0') {
      return -1;
    }
    return CodeTable.value(code);
  }
}
