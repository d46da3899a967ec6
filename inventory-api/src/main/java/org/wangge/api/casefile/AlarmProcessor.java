package org.wangge.api.casefile;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.wangge.api.Database;
import org.wangge.api.WanggeProperties;
import org.wangge.api.component.ComponentRow;
import org.wangge.api.component.ComponentStore;
import org.wangge.api.device.DevicePresence;
import org.wangge.api.device.DeviceRegistry;
import org.wangge.geo.routing.Assignment;
import org.wangge.geo.routing.RoutingFlag;
import org.wangge.ingest.DeadLetter;
import org.wangge.ingest.DeviceMessage;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.MessageKind;
import org.wangge.ingest.Quarantined;
import org.wangge.ingest.RecordProcessor;
import reactor.core.publisher.Mono;

/**
 * Turns a batch of ingest records into their effects in one transaction: dead letters and
 * quarantine entries stored; each new alarm opens a case (routed, numbered, with a deadline and a
 * history entry) or folds into the active case for the same (component, alarm type); a recovery
 * annotates it; every accepted message is stored in {@code alarm} with its outcome. After the
 * commit the changed cases go to the live inboxes.
 *
 * <p>Idempotent by record key: messages already in {@code alarm}, {@code quarantine} or {@code
 * dead_letter} are skipped, so a redelivered batch changes nothing. A case opened concurrently by
 * another worker (two devices on one component) makes this batch fail; the alarm log retries it and
 * the retry folds into that case. Thread-safe: each call uses its own connection.
 */
@Component
public class AlarmProcessor implements RecordProcessor, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AlarmProcessor.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String ACTIVE = "status not in ('CLOSED', 'VOID')";

  /** SQL turning an expression of microseconds since the epoch into a {@code timestamptz}. */
  private static final String FROM_MICROS = "(timestamptz 'epoch' + %s * interval '1 microsecond')";

  /** The key of the one active case: (component, alarm type), or (device, type) if unmounted. */
  private record CaseKey(String componentCode, String deviceId, String alarmType) {}

  /** A case this batch touches: an existing one (id known) or one it opens. */
  private static final class Touched {
    final CaseKey key;
    long id;
    DeviceMessage opening;
    ComponentRow component;
    int added;
    Instant first;
    Instant last;
    Instant recovered;
    final List<DeviceMessage> recoveries = new ArrayList<>();

    Touched(CaseKey key) {
      this.key = key;
    }

    boolean opens() {
      return opening != null;
    }

    void count(DeviceMessage m) {
      added++;
      first = first == null || m.time().isBefore(first) ? m.time() : first;
      last = last == null || m.time().isAfter(last) ? m.time() : last;
    }
  }

  private record AlarmRow(DeviceMessage message, String outcome, Touched touched) {}

  private final JdbcConnections connections;
  private final DeviceRegistry devices;
  private final DevicePresence presence;
  private final ComponentStore components;
  private final CaseRouting routing;
  private final CaseEvents events;
  private final IngestStats stats;
  private final String district;

  AlarmProcessor(
      Database database,
      DeviceRegistry devices,
      DevicePresence presence,
      ComponentStore components,
      CaseRouting routing,
      CaseEvents events,
      IngestStats stats,
      WanggeProperties properties) {
    this.connections = new JdbcConnections(database, 8);
    this.devices = devices;
    this.presence = presence;
    this.components = components;
    this.routing = routing;
    this.events = events;
    this.stats = stats;
    this.district = properties.district();
  }

  /** Reads the device registry and the unit names; call after the indexes are loaded. */
  public void prepare() {
    devices.reload();
    routing.reloadUnits();
  }

  @Override
  public Mono<Void> process(List<IngestRecord> batch) {
    return Mono.fromRunnable(() -> apply(batch));
  }

  @Override
  public void destroy() {
    connections.close();
  }

  private void apply(List<IngestRecord> batch) {
    List<DeadLetter> dead = new ArrayList<>();
    List<Quarantined> quarantined = new ArrayList<>();
    LinkedHashMap<String, DeviceMessage> messages = new LinkedHashMap<>();
    // one registry look-up per device and batch, and one view of the registry for the whole batch
    Map<String, DeviceRegistry.Device> fleet = new HashMap<>();
    for (IngestRecord r : batch) {
      if (r instanceof DeadLetter d) {
        dead.add(d);
      } else if (r instanceof Quarantined q) {
        quarantined.add(q);
      } else if (r instanceof DeviceMessage m) {
        DeviceRegistry.Device d = fleet.get(m.deviceId());
        if (d == null) {
          d = devices.device(m.deviceId()).orElse(null);
          if (d != null) {
            fleet.put(d.id(), d);
          }
        }
        if (d != null) {
          messages.putIfAbsent(m.alarmId(), m);
        } else {
          quarantined.add(removedDevice(m));
        }
      }
    }
    Connection c;
    try {
      c = connections.take();
    } catch (SQLException e) {
      throw new IllegalStateException("no database connection: " + e.getMessage(), e);
    }
    try {
      Applied applied;
      try {
        applied = applyAll(c, dead, quarantined, messages, fleet, false);
      } catch (Redelivered e) {
        // some message was stored before (a redelivery): do the batch again, checking each one
        c.rollback();
        applied = applyAll(c, dead, quarantined, messages, fleet, true);
      }
      c.commit();
      connections.giveBack(c);
      stats.batch(applied.deadStored(), applied.quarantinedStored());
      stats.redelivered(applied.redelivered());
      stats.outcomes(applied.outcomes());
      presence.committed(applied.seen().seen(), applied.seen().written());
      events.publish(applied.changed());
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is discarded below
      }
      connections.discard(c);
      throw e instanceof RuntimeException re
          ? re
          : new IllegalStateException("alarm batch failed: " + e.getMessage(), e);
    }
  }

  /** What one batch did, counted once it committed. */
  private record Applied(
      int deadStored,
      int quarantinedStored,
      int redelivered,
      Map<String, Long> outcomes,
      List<CaseEvent> changed,
      Seen seen) {}

  /** Each device's newest message of a batch, and the devices whose rows the batch wrote. */
  private record Seen(Map<String, DevicePresence.Seen> seen, List<String> written) {
    static final Seen NONE = new Seen(Map.of(), List.of());
  }

  private Applied applyAll(
      Connection c,
      List<DeadLetter> dead,
      List<Quarantined> quarantined,
      LinkedHashMap<String, DeviceMessage> messages,
      Map<String, DeviceRegistry.Device> fleet,
      boolean checked)
      throws SQLException {
    int deadStored = storeDeadLetters(c, dead);
    int quarantinedStored = storeQuarantined(c, quarantined);
    Set<String> done = checked ? storedAlarmIds(c, messages.keySet()) : Set.of();
    List<DeviceMessage> fresh = new ArrayList<>(messages.size());
    for (DeviceMessage m : messages.values()) {
      if (!done.contains(m.alarmId())) {
        fresh.add(m);
      }
    }
    List<AlarmRow> rows = new ArrayList<>(fresh.size());
    List<CaseEvent> changed = fresh.isEmpty() ? List.of() : applyMessages(c, fresh, fleet, rows);
    Seen seen = Seen.NONE;
    if (!fresh.isEmpty()) {
      seen = updateDevices(c, fresh);
      storeAlarms(c, rows);
    }
    Map<String, Long> outcomes =
        rows.stream().collect(Collectors.groupingBy(AlarmRow::outcome, Collectors.counting()));
    return new Applied(
        deadStored, quarantinedStored, messages.size() - fresh.size(), outcomes, changed, seen);
  }

  /**
   * Opens, folds and annotates cases for messages not stored before, and stores them; {@code rows}
   * receives each message's outcome. Throws {@link Redelivered} if, unexpectedly, one of them was.
   */
  private List<CaseEvent> applyMessages(
      Connection c,
      List<DeviceMessage> fresh,
      Map<String, DeviceRegistry.Device> fleet,
      List<AlarmRow> rows)
      throws SQLException {
    Map<CaseKey, Touched> touched = new LinkedHashMap<>();
    Map<DeviceMessage, Touched> touchedBy = new java.util.IdentityHashMap<>();
    for (DeviceMessage m : fresh) {
      if (m.kind() != MessageKind.HEARTBEAT) {
        touchedBy.put(m, touched.computeIfAbsent(key(m, fleet.get(m.deviceId())), Touched::new));
      }
    }
    Map<CaseKey, Long> active = activeCases(c, touched.keySet());
    for (DeviceMessage m : fresh) {
      if (m.kind() == MessageKind.HEARTBEAT) {
        rows.add(new AlarmRow(m, "HEARTBEAT", null));
        continue;
      }
      Touched t = touchedBy.get(m);
      Long id = active.get(t.key);
      boolean hasCase = id != null || t.opens();
      if (m.kind() == MessageKind.ALARM) {
        if (!hasCase) {
          t.opening = m;
          String mountedOn = fleet.get(m.deviceId()).componentCode();
          t.component = mountedOn == null ? null : components.snapshot().byCode(mountedOn);
          rows.add(new AlarmRow(m, "OPENED", t));
        } else {
          rows.add(new AlarmRow(m, "FOLDED", t));
        }
        t.count(m);
      } else if (hasCase) {
        t.recovered = t.recovered == null || m.time().isAfter(t.recovered) ? m.time() : t.recovered;
        t.recoveries.add(m);
        rows.add(new AlarmRow(m, "RECOVERED", t));
      } else {
        rows.add(new AlarmRow(m, "NO_ACTIVE_CASE", null));
      }
      if (id != null) {
        t.id = id;
      }
    }
    List<CaseEvent> changed = new ArrayList<>();
    changed.addAll(openCases(c, touched.values()));
    changed.addAll(updateCases(c, touched.values()));
    recoveryHistory(c, touched.values());
    return changed;
  }

  private static CaseKey key(DeviceMessage m, DeviceRegistry.Device d) {
    return d.componentCode() != null
        ? new CaseKey(d.componentCode(), null, m.alarmType().code())
        : new CaseKey(null, d.id(), m.alarmType().code());
  }

  private Map<CaseKey, Long> activeCases(Connection c, Set<CaseKey> keys) throws SQLException {
    List<String> cc = new ArrayList<>();
    List<String> ct = new ArrayList<>();
    List<String> dd = new ArrayList<>();
    List<String> dt = new ArrayList<>();
    for (CaseKey k : keys) {
      if (k.componentCode() != null) {
        cc.add(k.componentCode());
        ct.add(k.alarmType());
      } else {
        dd.add(k.deviceId());
        dt.add(k.alarmType());
      }
    }
    Map<CaseKey, Long> active = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select c.id, c.component_code, null, c.alarm_type from case_file c"
                + " join unnest(?::text[], ?::text[]) k(cc, at)"
                + " on c.component_code = k.cc and c.alarm_type = k.at where c."
                + ACTIVE
                + " union all select c.id, null, c.device_id, c.alarm_type from case_file c"
                + " join unnest(?::text[], ?::text[]) k(dev, at)"
                + " on c.component_code is null and c.device_id = k.dev and c.alarm_type = k.at"
                + " where c."
                + ACTIVE)) {
      ps.setArray(1, text(c, cc));
      ps.setArray(2, text(c, ct));
      ps.setArray(3, text(c, dd));
      ps.setArray(4, text(c, dt));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          active.put(new CaseKey(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getLong(1));
        }
      }
    }
    return active;
  }

  /**
   * Opens the batch's new cases with one multi-row insert (and one for their history entries): a
   * statement per case cost a round trip and a parse-bind-execute each, at 10% of all alarms.
   */
  private List<CaseEvent> openCases(Connection c, Iterable<Touched> touched) throws SQLException {
    List<Touched> opening = new ArrayList<>();
    for (Touched t : touched) {
      if (t.opens()) {
        opening.add(t);
      }
    }
    if (opening.isEmpty()) {
      return List.of();
    }
    Instant now = Instant.now();
    LocalDate day = LocalDate.ofInstant(now, WorkingCalendar.CHINA);
    int last = reserveNumbers(day, opening.size());
    int next = last - opening.size() + 1;
    String prefix = district + DAY.format(day);
    int n = opening.size();
    Map<String, Touched> byNumber = new HashMap<>();
    Instant[] dueAt = new Instant[n];
    Columns col = new Columns(n);
    for (int k = 0; k < n; k++) {
      Touched t = opening.get(k);
      DeviceMessage m = t.opening;
      CaseRouting.Routed r = routing.route(t.component, m.alarmType(), m.lon(), m.lat());
      Assignment a = r.assignment();
      String number = prefix + String.format("%06d", next++);
      Instant due = WorkingCalendar.due(now, a.deadline());
      Instant onSite =
          a.rule().onSite() == null ? null : WorkingCalendar.due(now, a.rule().onSite());
      String grid = a.gridCode() == null ? null : a.gridCode().digits();
      byNumber.put(number, t);
      col.number[k] = number;
      col.classCode[k] = r.classCode().toString();
      col.alarmType[k] = m.alarmType().code();
      col.severity[k] = m.severity() == null ? null : m.severity().name();
      col.title[k] =
          "设备告警 "
              + m.alarmType().code()
              + " · "
              + (t.key.componentCode() != null
                  ? "部件 " + t.key.componentCode()
                  : "设备 " + m.deviceId());
      col.lon[k] = r.lon();
      col.lat[k] = r.lat();
      col.component[k] = t.key.componentCode();
      col.device[k] = m.deviceId();
      col.grid[k] = grid;
      col.unit[k] = a.unitId();
      col.unitName[k] = routing.unitName(a.unitId());
      col.rule[k] = a.rule().toString();
      col.mode[k] = a.mode().name();
      col.flags[k] =
          a.flags().stream().map(RoutingFlag::name).sorted().collect(Collectors.joining(","));
      col.flagged[k] = a.flagged();
      col.zh[k] = a.explanationZh();
      col.en[k] = a.explanationEn();
      col.urgency[k] = a.urgency().name();
      col.count[k] = t.added;
      col.first[k] = micros(t.first);
      col.last[k] = micros(t.last);
      col.recovered[k] = micros(t.recovered);
      col.onSite[k] = micros(onSite);
      col.due[k] = micros(due);
      dueAt[k] = due;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "with c as (insert into case_file (number, district_code, source, kind, class_code,"
                + " alarm_type, severity, title, lon, lat, component_code, device_id,"
                + " grid_code, unit_id, unit_name, routing_rule, routing_mode, routing_flags,"
                + " flagged, explanation_zh, explanation_en, urgency, status, alarm_count,"
                + " first_alarm_at, last_alarm_at, recovered_at, on_site_due_at, due_at,"
                + " created_at, updated_at)"
                + " select u.number, ?, 'DEVICE', 'COMPONENT', u.class, u.type, u.severity,"
                + " u.title, u.lon, u.lat, u.component, u.device, u.grid, u.unit, u.unit_name,"
                + " u.rule, u.mode, u.flags, u.flagged, u.zh, u.en, u.urgency, 'DISPATCHED',"
                + " u.n, "
                + FROM_MICROS.formatted("u.f")
                + ", "
                + FROM_MICROS.formatted("u.l")
                + ", "
                + FROM_MICROS.formatted("u.r")
                + ", "
                + FROM_MICROS.formatted("u.on_site")
                + ", "
                + FROM_MICROS.formatted("u.due")
                + ", "
                + FROM_MICROS.formatted("?::int8")
                + ", "
                + FROM_MICROS.formatted("?::int8")
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::float8[], ?::float8[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[], ?::text[],"
                + " ?::text[], ?::text[], ?::int4[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],"
                + " ?::int8[]) u(number, class, type, severity, title, lon, lat, component,"
                + " device, grid, unit, unit_name, rule, mode, flags, flagged, zh, en, urgency, n,"
                + " f, l, r, on_site, due)"
                + " on conflict do nothing returning id, number, unit_id, explanation_zh, created_at),"
                // the history rows in the same statement, from what was inserted
                + " h as (insert into case_history (case_id, at, action, status, actor, unit_id,"
                + " note) select id, created_at, 'DISPATCHED', 'DISPATCHED', 'system:device-alarm',"
                + " unit_id, explanation_zh from c)"
                + " select id, number from c")) {
      int i = 1;
      ps.setString(i++, district);
      ps.setLong(i++, micros(now)); // created_at: the deadlines count from the same instant
      ps.setLong(i++, micros(now));
      ps.setArray(i++, c.createArrayOf("text", col.number));
      ps.setArray(i++, c.createArrayOf("text", col.classCode));
      ps.setArray(i++, c.createArrayOf("text", col.alarmType));
      ps.setArray(i++, c.createArrayOf("text", col.severity));
      ps.setArray(i++, c.createArrayOf("text", col.title));
      ps.setArray(i++, c.createArrayOf("float8", col.lon));
      ps.setArray(i++, c.createArrayOf("float8", col.lat));
      ps.setArray(i++, c.createArrayOf("text", col.component));
      ps.setArray(i++, c.createArrayOf("text", col.device));
      ps.setArray(i++, c.createArrayOf("text", col.grid));
      ps.setArray(i++, c.createArrayOf("text", col.unit));
      ps.setArray(i++, c.createArrayOf("text", col.unitName));
      ps.setArray(i++, c.createArrayOf("text", col.rule));
      ps.setArray(i++, c.createArrayOf("text", col.mode));
      ps.setArray(i++, c.createArrayOf("text", col.flags));
      ps.setArray(i++, c.createArrayOf("bool", col.flagged));
      ps.setArray(i++, c.createArrayOf("text", col.zh));
      ps.setArray(i++, c.createArrayOf("text", col.en));
      ps.setArray(i++, c.createArrayOf("text", col.urgency));
      ps.setArray(i++, c.createArrayOf("int4", col.count));
      ps.setArray(i++, c.createArrayOf("int8", col.first));
      ps.setArray(i++, c.createArrayOf("int8", col.last));
      ps.setArray(i++, c.createArrayOf("int8", col.recovered));
      ps.setArray(i++, c.createArrayOf("int8", col.onSite));
      ps.setArray(i, c.createArrayOf("int8", col.due));
      int inserted = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byNumber.get(rs.getString(2)).id = rs.getLong(1);
          inserted++;
        }
      }
      if (inserted != n) {
        // another worker opened one of these keys first: the retry folds into its case
        throw new ConcurrentCaseException((n - inserted) + " of " + n + " new cases");
      }
    }
    List<CaseEvent> opened = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      Touched t = opening.get(k);
      opened.add(
          new CaseEvent(
              t.id,
              col.number[k],
              col.unit[k],
              "OPENED",
              "DISPATCHED",
              col.alarmType[k],
              col.component[k],
              col.device[k],
              col.grid[k],
              t.added,
              t.first,
              t.last,
              t.recovered,
              dueAt[k],
              col.flagged[k]));
    }
    return opened;
  }

  /** The new cases' columns, one array each, for {@code unnest}. */
  private static final class Columns {
    final String[] number, classCode, alarmType, severity, title, component, device, grid, unit;
    final String[] unitName, rule, mode, flags, zh, en, urgency;
    final Double[] lon, lat;
    final Boolean[] flagged;
    final Integer[] count;
    final Long[] first, last, recovered, onSite, due;

    Columns(int n) {
      number = new String[n];
      classCode = new String[n];
      alarmType = new String[n];
      severity = new String[n];
      title = new String[n];
      component = new String[n];
      device = new String[n];
      grid = new String[n];
      unit = new String[n];
      unitName = new String[n];
      rule = new String[n];
      mode = new String[n];
      flags = new String[n];
      zh = new String[n];
      en = new String[n];
      urgency = new String[n];
      lon = new Double[n];
      lat = new Double[n];
      flagged = new Boolean[n];
      count = new Integer[n];
      first = new Long[n];
      last = new Long[n];
      recovered = new Long[n];
      onSite = new Long[n];
      due = new Long[n];
    }
  }

  /** How many case numbers one trip to the counter reserves. */
  static final int NUMBER_BLOCK = 1000;

  private LocalDate blockDay;
  private int blockNext;
  private int blockLast;

  /**
   * Reserves {@code n} consecutive case numbers of the day and returns the last. Numbers come from
   * blocks of {@value #NUMBER_BLOCK} reserved in a short transaction of their own, so most batches
   * never touch the counter row: held inside the batch transaction, that row made the workers take
   * turns, and a trip per batch costs a commit. The price: a batch that fails, or a restart, leaves
   * a gap in the day's numbers; numbers stay unique and increasing.
   */
  private synchronized int reserveNumbers(LocalDate day, int n) throws SQLException {
    if (!day.equals(blockDay) || blockNext + n - 1 > blockLast) {
      int size = Math.max(n, NUMBER_BLOCK);
      blockLast = reserveBlock(day, size);
      blockNext = blockLast - size + 1;
      blockDay = day;
    }
    blockNext += n;
    return blockNext - 1;
  }

  private int reserveBlock(LocalDate day, int size) throws SQLException {
    Connection c = connections.take();
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into case_counter (district_code, day, last_value) values (?, ?, ?)"
                + " on conflict (district_code, day) do update"
                + " set last_value = case_counter.last_value + excluded.last_value"
                + " returning last_value")) {
      ps.setString(1, district);
      ps.setObject(2, day);
      ps.setInt(3, size);
      int last;
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        last = rs.getInt(1);
      }
      c.commit();
      connections.giveBack(c);
      return last;
    } catch (SQLException | RuntimeException e) {
      connections.discard(c);
      throw e;
    }
  }

  /** Folds counts and recoveries into the existing cases, in id order against deadlocks. */
  private List<CaseEvent> updateCases(Connection c, Iterable<Touched> touched) throws SQLException {
    TreeMap<Long, Touched> existing = new TreeMap<>();
    for (Touched t : touched) {
      if (!t.opens() && t.id != 0) {
        existing.put(t.id, t);
      }
    }
    if (existing.isEmpty()) {
      return List.of();
    }
    int n = existing.size();
    Long[] ids = new Long[n];
    Integer[] added = new Integer[n];
    Long[] first = new Long[n];
    Long[] last = new Long[n];
    Long[] recovered = new Long[n];
    int i = 0;
    for (Touched t : existing.values()) {
      ids[i] = t.id;
      added[i] = t.added;
      first[i] = micros(t.first);
      last[i] = micros(t.last);
      recovered[i] = micros(t.recovered);
      i++;
    }
    List<CaseEvent> changed = new ArrayList<>(n);
    try (PreparedStatement ps =
        c.prepareStatement(
            "update case_file c set alarm_count = c.alarm_count + u.n,"
                + " first_alarm_at = least(c.first_alarm_at, "
                + FROM_MICROS.formatted("u.f")
                + "), last_alarm_at = greatest(c.last_alarm_at, "
                + FROM_MICROS.formatted("u.l")
                + "), recovered_at = coalesce("
                + FROM_MICROS.formatted("u.r")
                + ", c.recovered_at), updated_at = now(), version = c.version + 1"
                + " from unnest(?::int8[], ?::int4[], ?::int8[], ?::int8[], ?::int8[])"
                + " u(id, n, f, l, r) where c.id = u.id"
                + " returning c.id, c.number, c.unit_id, c.status, c.alarm_type, c.component_code,"
                + " c.device_id, c.grid_code, c.alarm_count, c.first_alarm_at, c.last_alarm_at,"
                + " c.recovered_at, c.due_at, c.flagged, u.n")) {
      ps.setArray(1, c.createArrayOf("int8", ids));
      ps.setArray(2, c.createArrayOf("int4", added));
      ps.setArray(3, c.createArrayOf("int8", first));
      ps.setArray(4, c.createArrayOf("int8", last));
      ps.setArray(5, c.createArrayOf("int8", recovered));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          changed.add(
              new CaseEvent(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(15) > 0 ? "FOLDED" : "RECOVERED",
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getInt(9),
                  instant(rs.getTimestamp(10)),
                  instant(rs.getTimestamp(11)),
                  instant(rs.getTimestamp(12)),
                  instant(rs.getTimestamp(13)),
                  rs.getBoolean(14)));
        }
      }
    }
    if (changed.size() != n) {
      // a case closed between the look-up and the update cannot happen under the row lock order,
      // but if it did, folding into nothing would lose alarms: fail and let the batch retry
      throw new ConcurrentCaseException(n - changed.size() + " active cases vanished");
    }
    return changed;
  }

  private void recoveryHistory(Connection c, Iterable<Touched> touched) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into case_history (case_id, at, action, status, actor, unit_id, note)"
                + " select ?, now(), 'DEVICE_RECOVERED', status, ?, unit_id, ? from case_file"
                + " where id = ?")) {
      int n = 0;
      for (Touched t : touched) {
        for (DeviceMessage m : t.recoveries) {
          ps.setLong(1, t.id);
          ps.setString(2, "device:" + m.deviceId());
          ps.setString(
              3, "设备 " + m.deviceId() + " 报告恢复 " + m.alarmType().code() + "（" + m.time() + "）");
          ps.setLong(4, t.id);
          ps.addBatch();
          n++;
        }
      }
      if (n > 0) {
        ps.executeBatch();
      }
    }
  }

  /**
   * Writes last-seen and battery into the rows of the devices {@link DevicePresence} says are due
   * (most are not: last-seen is kept in the row at a coarse resolution).
   */
  private Seen updateDevices(Connection c, List<DeviceMessage> fresh) throws SQLException {
    Map<String, DevicePresence.Seen> newest = new HashMap<>();
    for (DeviceMessage m : fresh) {
      newest.merge(
          m.deviceId(),
          new DevicePresence.Seen(micros(m.receivedAt()), m.batteryPercent()),
          DevicePresence.Seen::newer);
    }
    // sorted, so that concurrent workers lock rows in one order
    TreeMap<String, DevicePresence.Seen> due = new TreeMap<>();
    newest.forEach(
        (id, s) -> {
          if (presence.due(id, s)) {
            due.put(id, s);
          }
        });
    if (due.isEmpty()) {
      return new Seen(newest, List.of());
    }
    int n = due.size();
    String[] ids = new String[n];
    Long[] seen = new Long[n];
    Double[] bat = new Double[n];
    int i = 0;
    for (var e : due.entrySet()) {
      ids[i] = e.getKey();
      seen[i] = e.getValue().micros();
      bat[i] = e.getValue().battery();
      i++;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "update device d set last_seen = greatest(d.last_seen, "
                + FROM_MICROS.formatted("u.seen")
                + "), battery_percent = coalesce(u.b::numeric, d.battery_percent)"
                + " from unnest(?::text[], ?::int8[], ?::float8[]) u(id, seen, b)"
                + " where d.id = u.id")) {
      ps.setArray(1, c.createArrayOf("text", ids));
      ps.setArray(2, c.createArrayOf("int8", seen));
      ps.setArray(3, c.createArrayOf("float8", bat));
      ps.executeUpdate();
    }
    return new Seen(newest, List.copyOf(due.keySet()));
  }

  /**
   * The alarm rows, last: committed_at is the clock at the end of the transaction. Not looking up
   * first whether a message was stored before saves the costliest statement of a batch; the rare
   * redelivery shows here, as fewer rows inserted than given, and the batch is done again with the
   * look-up.
   */
  private void storeAlarms(Connection c, List<AlarmRow> rows) throws SQLException {
    int n = rows.size();
    String[] id = new String[n];
    String[] device = new String[n];
    String[] kind = new String[n];
    String[] type = new String[n];
    String[] severity = new String[n];
    Long[] time = new Long[n];
    Long[] received = new Long[n];
    Double[] lon = new Double[n];
    Double[] lat = new Double[n];
    Double[] value = new Double[n];
    String[] unit = new String[n];
    String[] outcome = new String[n];
    Long[] caseId = new Long[n];
    for (int i = 0; i < n; i++) {
      AlarmRow r = rows.get(i);
      DeviceMessage m = r.message();
      id[i] = m.alarmId();
      device[i] = m.deviceId();
      kind[i] = m.kind().name();
      type[i] = m.alarmType() == null ? null : m.alarmType().code();
      severity[i] = m.severity() == null ? null : m.severity().name();
      time[i] = micros(m.time());
      received[i] = micros(m.receivedAt());
      lon[i] = m.lon();
      lat[i] = m.lat();
      value[i] = m.value();
      unit[i] = m.unit();
      outcome[i] = r.outcome();
      caseId[i] = r.touched() == null ? null : r.touched().id;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into alarm (alarm_id, device_id, kind, alarm_type, severity, alarm_time,"
                + " received_at, committed_at, lon, lat, value, value_unit, outcome, case_id)"
                + " select a, d, k, t, s, "
                + FROM_MICROS.formatted("at")
                + ", "
                + FROM_MICROS.formatted("rt")
                + ", clock_timestamp(), x, y, v, vu, o, cid from unnest(?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::float8[], ?::float8[],"
                + " ?::float8[],"
                + " ?::text[], ?::text[], ?::int8[]) u(a, d, k, t, s, at, rt, x, y, v, vu, o, cid)"
                + " on conflict (alarm_id) do nothing")) {
      ps.setArray(1, c.createArrayOf("text", id));
      ps.setArray(2, c.createArrayOf("text", device));
      ps.setArray(3, c.createArrayOf("text", kind));
      ps.setArray(4, c.createArrayOf("text", type));
      ps.setArray(5, c.createArrayOf("text", severity));
      ps.setArray(6, c.createArrayOf("int8", time));
      ps.setArray(7, c.createArrayOf("int8", received));
      ps.setArray(8, c.createArrayOf("float8", lon));
      ps.setArray(9, c.createArrayOf("float8", lat));
      ps.setArray(10, c.createArrayOf("float8", value));
      ps.setArray(11, c.createArrayOf("text", unit));
      ps.setArray(12, c.createArrayOf("text", outcome));
      ps.setArray(13, c.createArrayOf("int8", caseId));
      if (ps.executeUpdate() != n) {
        throw new Redelivered();
      }
    }
  }

  private int storeDeadLetters(Connection c, List<DeadLetter> dead) throws SQLException {
    if (dead.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into dead_letter (key, reason, detail, topic, payload, payload_bytes,"
                + " received_at, committed_at) values (?, ?, ?, ?, ?, ?, ?, clock_timestamp())"
                + " on conflict (key) do nothing")) {
      for (DeadLetter d : dead) {
        ps.setString(1, d.key());
        ps.setString(2, d.reason().name());
        ps.setString(3, d.detail());
        ps.setString(4, d.topic());
        ps.setBytes(5, d.payload());
        ps.setInt(6, d.payloadBytes());
        ps.setTimestamp(7, ts(d.receivedAt()));
        ps.addBatch();
      }
      return sum(ps.executeBatch());
    }
  }

  private int storeQuarantined(Connection c, List<Quarantined> quarantined) throws SQLException {
    if (quarantined.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into quarantine (key, device_id, reason, detail, topic, payload, received_at,"
                + " committed_at) values (?, ?, ?, ?, ?, ?, ?, clock_timestamp())"
                + " on conflict (key) do nothing")) {
      for (Quarantined q : quarantined) {
        ps.setString(1, q.key());
        ps.setString(2, q.deviceId());
        ps.setString(3, q.reason().name());
        ps.setString(4, q.detail());
        ps.setString(5, q.topic());
        ps.setBytes(6, q.payload());
        ps.setTimestamp(7, ts(q.receivedAt()));
        ps.addBatch();
      }
      return sum(ps.executeBatch());
    }
  }

  private static int sum(int[] counts) {
    int n = 0;
    for (int x : counts) {
      n += Math.max(x, 0);
    }
    return n;
  }

  /** Which of these alarm ids are already in {@code alarm}. */
  private static Set<String> storedAlarmIds(Connection c, Set<String> ids) throws SQLException {
    Set<String> found = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select a.alarm_id from unnest(?::text[]) k(id) join alarm a on a.alarm_id = k.id")) {
      ps.setArray(1, c.createArrayOf("text", ids.toArray(String[]::new)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
    return found;
  }

  private static Quarantined removedDevice(DeviceMessage m) {
    return new Quarantined(
        m.alarmId(),
        m.deviceId(),
        Quarantined.Reason.UNKNOWN_DEVICE,
        "device " + m.deviceId() + " left the registry before its message was processed",
        m.topic(),
        new byte[0],
        m.receivedAt());
  }

  private static Array text(Connection c, List<String> values) throws SQLException {
    return c.createArrayOf("text", values.toArray(String[]::new));
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /**
   * Instants travel as microseconds since the epoch ({@code int8} arrays) and become {@code
   * timestamptz} in SQL: formatting and parsing them as text cost more than the rest of a batch's
   * encoding.
   */
  private static Long micros(Instant i) {
    return i == null ? null : i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  /** A message of the batch is already in {@code alarm}: the batch is done again, checked. */
  private static final class Redelivered extends RuntimeException {
    Redelivered() {
      super("a message of the batch was stored before", null, false, false);
    }
  }

  /** Another worker opened or closed the case under this batch: the batch is retried. */
  static final class ConcurrentCaseException extends RuntimeException {
    ConcurrentCaseException(String what) {
      super("case changed concurrently, batch will be retried: " + what);
    }
  }
}
