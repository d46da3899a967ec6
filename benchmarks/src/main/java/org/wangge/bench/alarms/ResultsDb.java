package org.wangge.bench.alarms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the platform's database says about the messages whose ids start with a prefix. */
final class ResultsDb {

  /**
   * Publish → commit of a run's alarms: {@code committed_at − alarm_time} (PostgreSQL's
   * percentile_cont, interpolated), with the span of commits.
   */
  record CommitLatency(
      long count,
      Latencies.Summary millis,
      Instant firstScheduled,
      Instant lastScheduled,
      Instant lastCommit) {

    /** Alarms committed per second from the first scheduled publish to the last commit. */
    double commitRate() {
      if (count == 0) {
        return 0;
      }
      double seconds = (lastCommit.toEpochMilli() - firstScheduled.toEpochMilli()) / 1000.0;
      return seconds <= 0 ? 0 : count / seconds;
    }
  }

  private final Connection db;

  ResultsDb(Connection db) {
    this.db = db;
  }

  static String like(String idPrefix) {
    if (!idPrefix.matches("[A-Za-z0-9.:-]+")) {
      throw new IllegalArgumentException("id prefix '" + idPrefix + "' has LIKE wildcards");
    }
    return idPrefix + "%";
  }

  /** Messages with the prefix stored anywhere: alarm, quarantine or dead letter. */
  long stored(String idPrefix) throws SQLException {
    String like = like(idPrefix);
    return single(
        "select (select count(*) from alarm where alarm_id like ?)"
            + " + (select count(*) from quarantine where key like ?)"
            + " + (select count(*) from dead_letter where key like ? or encode(payload, 'escape')"
            + " like ?)",
        like,
        like,
        like,
        "%" + like);
  }

  Map<String, Long> outcomes(String idPrefix) throws SQLException {
    Map<String, Long> outcomes = new TreeMap<>();
    try (PreparedStatement ps =
        db.prepareStatement(
            "select outcome, count(*) from alarm where alarm_id like ? group by outcome")) {
      ps.setString(1, like(idPrefix));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          outcomes.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    outcomes.put("QUARANTINE", quarantined(idPrefix));
    outcomes.put("DEAD_LETTER", deadLettered(idPrefix));
    return outcomes;
  }

  long quarantined(String idPrefix) throws SQLException {
    return single("select count(*) from quarantine where key like ?", like(idPrefix));
  }

  long deadLettered(String idPrefix) throws SQLException {
    String like = like(idPrefix);
    return single(
        "select count(*) from dead_letter where key like ? or encode(payload, 'escape') like ?",
        like,
        "%" + like);
  }

  CommitLatency commitLatency(String idPrefix) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "select count(*), percentile_cont(0.5) within group (order by l),"
                + " percentile_cont(0.9) within group (order by l),"
                + " percentile_cont(0.99) within group (order by l),"
                + " percentile_cont(0.999) within group (order by l), max(l),"
                + " min(alarm_time), max(alarm_time), max(committed_at)"
                + " from (select extract(epoch from committed_at - alarm_time) * 1000 as l,"
                + " alarm_time, committed_at from alarm where alarm_id like ?) t")) {
      ps.setString(1, like(idPrefix));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long n = rs.getLong(1);
        if (n == 0) {
          return new CommitLatency(0, Latencies.Summary.EMPTY, null, null, null);
        }
        return new CommitLatency(
            n,
            new Latencies.Summary(
                n,
                rs.getDouble(2),
                rs.getDouble(3),
                rs.getDouble(4),
                rs.getDouble(5),
                rs.getDouble(6)),
            instant(rs.getTimestamp(7)),
            instant(rs.getTimestamp(8)),
            instant(rs.getTimestamp(9)));
      }
    }
  }

  /** (component or device, alarm type) keys with more than one active case. */
  List<String> duplicateActiveCases() throws SQLException {
    return strings(
        "select coalesce(component_code, 'device:' || device_id) || '|' || alarm_type || ' ×'"
            + " || count(*) from case_file where alarm_type is not null"
            + " and status not in ('CLOSED', 'VOID')"
            + " group by coalesce(component_code, 'device:' || device_id), alarm_type"
            + " having count(*) > 1");
  }

  /**
   * Cases touched by the prefix's alarms whose alarm_count differs from the alarms stored for them
   * (OPENED + FOLDED), as "case number: count vs alarms".
   */
  List<String> alarmCountMismatches(String idPrefix) throws SQLException {
    return strings(
        "select c.number || ': alarm_count ' || c.alarm_count || ' vs ' || a.n || ' alarms'"
            + " from case_file c join (select case_id, count(*) n from alarm"
            + "  where outcome in ('OPENED', 'FOLDED') and case_id in"
            + "   (select case_id from alarm where alarm_id like ?) group by case_id) a"
            + " on a.case_id = c.id where c.alarm_count <> a.n",
        like(idPrefix));
  }

  /** Cases with more than one OPENED alarm, or touched by the prefix's alarms with none. */
  List<String> openedMismatches(String idPrefix) throws SQLException {
    return strings(
        "select c.number || ': ' || count(a.alarm_id) filter (where a.outcome = 'OPENED')"
            + " || ' OPENED alarms' from case_file c join alarm a on a.case_id = c.id"
            + " where c.id in (select case_id from alarm where alarm_id like ?)"
            + " group by c.id, c.number"
            + " having count(a.alarm_id) filter (where a.outcome = 'OPENED') <> 1",
        like(idPrefix));
  }

  /** (id, outcome) of every alarm with the prefix. */
  List<String[]> alarms(String idPrefix) throws SQLException {
    return rows("select alarm_id, outcome from alarm where alarm_id like ?", like(idPrefix));
  }

  /** (key, payload as text) of every quarantined message with the prefix in its key. */
  List<String[]> quarantine(String idPrefix) throws SQLException {
    return rows(
        "select key, encode(payload, 'escape') from quarantine where key like ?", like(idPrefix));
  }

  /** (key, payload as text) of every dead letter naming the prefix in its key or payload. */
  List<String[]> deadLetters(String idPrefix) throws SQLException {
    String like = like(idPrefix);
    return rows(
        "select key, encode(payload, 'escape') from dead_letter where key like ?"
            + " or encode(payload, 'escape') like ?",
        like,
        "%" + like);
  }

  private long single(String sql, String... args) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private List<String> strings(String sql, String... args) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String[] row : rows(sql, args)) {
      out.add(row[0]);
    }
    return out;
  }

  private List<String[]> rows(String sql, String... args) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          String[] row = new String[columns];
          for (int c = 0; c < columns; c++) {
            row[c] = rs.getString(c + 1);
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
