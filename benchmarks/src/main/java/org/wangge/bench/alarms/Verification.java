package org.wangge.bench.alarms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.wangge.bench.alarms.Accounting.Row;
import org.wangge.bench.alarms.NumberedPlan.Entry;
import org.wangge.bench.alarms.NumberedPlan.Expect;

/**
 * The count after a numbered run: every number exactly once across alarm ∪ quarantine ∪
 * dead_letter, one active case per key, alarm counts that match the alarms folded in.
 */
final class Verification {

  private final Args args;

  Verification(Args args) {
    this.args = args;
  }

  int run() throws Exception {
    String manifestArg = args.string("manifest", null);
    if (manifestArg == null) {
      throw new IllegalArgumentException("--verify needs --manifest FILE (written by --numbered)");
    }
    Path manifest = Path.of(manifestArg);
    Path summaryFile = Path.of(args.string("summary", manifest + ".summary"));
    double settle = args.decimal("settle", 300);
    double quiet = args.decimal("quiet", 15);
    List<Entry> plan = NumberedPlan.read(manifest);
    String prefix = plan.get(0).alarmId().substring(0, plan.get(0).alarmId().lastIndexOf('-'));
    Properties summary = new Properties();
    if (Files.exists(summaryFile)) {
      try (var in = Files.newBufferedReader(summaryFile)) {
        summary.load(in);
      }
    }
    try (Connection db = AlarmLoad.connect(args)) {
      args.rejectUnused();
      ResultsDb results = new ResultsDb(db);
      String like = prefix + "-";
      waitForQuiet(results, like, plan.size(), settle, quiet);

      Accounting accounting = new Accounting(plan);
      Map<String, Long> outcomes = results.outcomes(like);
      for (String[] row : results.alarms(like)) {
        accounting.found(Expect.ALARM, NumberedPlan.number(prefix, row[0]));
      }
      for (String[] row : results.quarantine(like)) {
        accounting.found(Expect.QUARANTINE, NumberedPlan.number(prefix, row[0]));
      }
      for (String[] row : results.deadLetters(like)) {
        long n = NumberedPlan.number(prefix, row[0]);
        accounting.found(Expect.DEAD_LETTER, n >= 0 ? n : NumberedPlan.number(prefix, row[1]));
      }
      List<Row> rows = new ArrayList<>(accounting.rows());
      long alarms = accounting.planned(Expect.ALARM);
      long keys = accounting.distinctCaseKeys();
      rows.add(
          new Row(
              "cases opened (OPENED) = distinct keys", keys, outcomes.getOrDefault("OPENED", 0L)));
      rows.add(
          new Row(
              "folds (FOLDED) = alarms − distinct keys",
              alarms - keys,
              outcomes.getOrDefault("FOLDED", 0L)));
      List<String> duplicates = results.duplicateActiveCases();
      rows.add(new Row("keys with two active cases", 0, duplicates.size()));
      List<String> counts = results.alarmCountMismatches(like);
      rows.add(new Row("cases whose alarm_count ≠ alarms folded in", 0, counts.size()));
      List<String> opened = results.openedMismatches(like);
      rows.add(new Row("cases without exactly one OPENED alarm", 0, opened.size()));
      if (!summary.isEmpty()) {
        rows.add(
            new Row(
                "publishes PUBACKed by the broker",
                Long.parseLong(summary.getProperty("publishes", "0")),
                Long.parseLong(summary.getProperty("acked", "0"))));
      }
      boolean pass = rows.stream().allMatch(Row::pass);
      System.out.println();
      System.out.printf(
          "## No loss, no duplicates: run %s (%,d numbered messages, %s redelivered, %s resends)%n%n",
          prefix,
          plan.size(),
          summary.getProperty("redeliveries", "?"),
          summary.getProperty("resends", "?"));
      System.out.println("| check | expected | found | result |");
      System.out.println("| --- | ---: | ---: | --- |");
      for (Row r : rows) {
        System.out.printf(
            "| %s | %,d | %,d | %s |%n",
            r.check(), r.expected(), r.actual(), r.pass() ? "PASS" : "**FAIL**");
      }
      System.out.printf("%noutcomes: %s%n", outcomes);
      show("keys with two active cases", duplicates);
      show("alarm_count mismatches", counts);
      show("OPENED mismatches", opened);
      System.out.println(pass ? "RESULT: PASS" : "RESULT: FAIL");
      return pass ? 0 : 1;
    }
  }

  private static void show(String what, List<String> items) {
    if (!items.isEmpty()) {
      System.out.println(what + " (first 10): " + items.subList(0, Math.min(10, items.size())));
    }
  }

  private static void waitForQuiet(
      ResultsDb db, String prefix, long expected, double settle, double quiet) throws Exception {
    long deadline = System.nanoTime() + (long) (settle * 1e9);
    long last = -1;
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long stored = db.stored(prefix);
      if (stored != last) {
        last = stored;
        lastChange = System.nanoTime();
        System.out.printf("  stored %,d of %,d%n", stored, expected);
      } else if (stored >= expected || System.nanoTime() - lastChange > quiet * 1e9) {
        return;
      }
      Thread.sleep(1000);
    }
    System.out.println("  still changing after " + settle + " s: counting anyway");
  }
}
