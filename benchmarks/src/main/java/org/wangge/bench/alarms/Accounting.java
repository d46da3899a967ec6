package org.wangge.bench.alarms;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wangge.bench.alarms.NumberedPlan.Entry;
import org.wangge.bench.alarms.NumberedPlan.Expect;

/**
 * Checks that every numbered message is stored exactly once, in the table its number says, and
 * nothing else with the run's prefix is. Not thread-safe.
 */
final class Accounting {

  /** One line of the PASS/FAIL table. */
  record Row(String check, long expected, long actual) {
    boolean pass() {
      return expected == actual;
    }
  }

  private final Map<Long, Entry> plan = new HashMap<>();
  private final Map<Long, List<Expect>> found = new HashMap<>();
  private long unplanned;

  Accounting(List<Entry> entries) {
    for (Entry e : entries) {
      plan.put(e.number(), e);
    }
  }

  /** Records that message {@code number} (or -1 when none could be read) was found in a table. */
  void found(Expect table, long number) {
    if (!plan.containsKey(number)) {
      unplanned++;
      return;
    }
    found.computeIfAbsent(number, n -> new ArrayList<>(1)).add(table);
  }

  /** Distinct (component, alarm type) keys of the plan's alarms: the cases the run must open. */
  long distinctCaseKeys() {
    Set<String> keys = new HashSet<>();
    for (Entry e : plan.values()) {
      if (e.expect() == Expect.ALARM) {
        keys.add(e.caseKey());
      }
    }
    return keys.size();
  }

  long planned(Expect expect) {
    return plan.values().stream().filter(e -> e.expect() == expect).count();
  }

  List<Row> rows() {
    Map<Expect, Long> exactlyOnce = new EnumMap<>(Expect.class);
    long missing = 0;
    long twice = 0;
    long misplaced = 0;
    for (Entry e : plan.values()) {
      List<Expect> at = found.getOrDefault(e.number(), List.of());
      if (at.isEmpty()) {
        missing++;
      } else if (at.size() > 1) {
        twice++;
      } else if (at.get(0) != e.expect()) {
        misplaced++;
      } else {
        exactlyOnce.merge(e.expect(), 1L, Long::sum);
      }
    }
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "alarms stored once in alarm",
            planned(Expect.ALARM),
            exactlyOnce.getOrDefault(Expect.ALARM, 0L)));
    rows.add(
        new Row(
            "unknown-device messages once in quarantine",
            planned(Expect.QUARANTINE),
            exactlyOnce.getOrDefault(Expect.QUARANTINE, 0L)));
    rows.add(
        new Row(
            "malformed messages once in dead_letter",
            planned(Expect.DEAD_LETTER),
            exactlyOnce.getOrDefault(Expect.DEAD_LETTER, 0L)));
    rows.add(new Row("numbers found nowhere (lost)", 0, missing));
    rows.add(new Row("numbers stored more than once", 0, twice));
    rows.add(new Row("numbers in the wrong table", 0, misplaced));
    rows.add(new Row("rows with the prefix but no planned number", 0, unplanned));
    return rows;
  }
}
