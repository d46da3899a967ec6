package org.wangge.bench.alarms;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The devices a run publishes for and the cases that are already active, so that the run knows
 * which (component, alarm type) keys still open a new case.
 */
final class Fleet {

  private final List<FleetDevice> devices;
  private final List<AlarmKey> activeKeys;

  Fleet(List<FleetDevice> devices, List<AlarmKey> activeKeys) {
    this.devices = List.copyOf(devices);
    this.activeKeys = List.copyOf(activeKeys);
  }

  /** The active devices and the active device cases of the platform's database. */
  static Fleet fromDatabase(Connection db) throws SQLException {
    List<FleetDevice> devices = new ArrayList<>();
    Map<String, FleetDevice> byId = new HashMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select id, kind, component_code from device where status = 'ACTIVE' order by id")) {
      while (rs.next()) {
        FleetDevice d = new FleetDevice(rs.getString(1), rs.getString(2), rs.getString(3));
        devices.add(d);
        byId.put(d.id(), d);
      }
    }
    List<AlarmKey> active = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select device_id, component_code, alarm_type from case_file where alarm_type is"
                    + " not null and device_id is not null and status not in ('CLOSED', 'VOID')"
                    + " order by id")) {
      while (rs.next()) {
        // A case raised by a device that is gone or disabled cannot be folded into by this run.
        if (byId.containsKey(rs.getString(1))) {
          active.add(new AlarmKey(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    return new Fleet(devices, active);
  }

  List<FleetDevice> devices() {
    return devices;
  }

  /** Keys with an active case when the fleet was read: a run may fold into them at once. */
  List<AlarmKey> activeKeys() {
    return activeKeys;
  }

  /**
   * Every key that opens a new case, one device per key, in a random order fixed by the seed: each
   * device × the alarm types of its kind, without the keys that have an active case.
   */
  List<AlarmKey> freshKeys(long seed) {
    Set<String> taken = new HashSet<>();
    for (AlarmKey k : activeKeys) {
      taken.add(k.caseKey());
    }
    List<AlarmKey> fresh = new ArrayList<>();
    for (FleetDevice d : devices) {
      for (String type : alarmTypes(d.kind())) {
        AlarmKey key = new AlarmKey(d.id(), d.componentCode(), type);
        if (taken.add(key.caseKey())) {
          fresh.add(key);
        }
      }
    }
    Collections.shuffle(fresh, new Random(seed));
    return fresh;
  }

  /** The small set of alarm types the generator raises per device kind. */
  static List<String> alarmTypes(String kind) {
    return switch (kind) {
      case "COVER_TILT" -> List.of("COVER_TILT", "COVER_OPEN", "TAMPER", "BATTERY_LOW", "OFFLINE");
      case "LAMP_CONTROLLER" -> List.of("LAMP_FAULT", "OFFLINE", "TAMPER");
      case "WATER_LEVEL" -> List.of("WATER_LEVEL_HIGH", "BATTERY_LOW", "OFFLINE");
      case "GAS_DETECTOR" -> List.of("GAS_LEAK", "BATTERY_LOW", "OFFLINE", "TAMPER");
      default -> List.of("OFFLINE", "BATTERY_LOW");
    };
  }

  static String severity(String alarmType) {
    return switch (alarmType) {
      case "GAS_LEAK", "SMOKE" -> "CRITICAL";
      case "COVER_TILT", "COVER_OPEN", "WATER_LEVEL_HIGH" -> "MAJOR";
      case "LAMP_FAULT", "TAMPER" -> "MINOR";
      default -> "WARNING";
    };
  }

  /**
   * Closes the active device cases of earlier runs, so that their keys open new cases again. Writes
   * the database directly, bypassing the platform: run it while the platform is stopped or before
   * it caches active cases.
   *
   * @return how many cases were closed
   */
  static int closeOpenCases(Connection db) throws SQLException {
    try (Statement st = db.createStatement()) {
      return st.executeUpdate(
          "update case_file set status = 'CLOSED', updated_at = now(), version = version + 1"
              + " where source = 'DEVICE' and status not in ('CLOSED', 'VOID')");
    }
  }
}
