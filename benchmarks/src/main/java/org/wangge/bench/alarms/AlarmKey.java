package org.wangge.bench.alarms;

import java.util.Objects;

/**
 * One (component, alarm type) the platform keeps at most one active case for, with the device that
 * raises it. A device that is not mounted on a component keys its cases by device instead.
 *
 * @param componentCode the component the device is mounted on, or {@code null}
 */
record AlarmKey(String deviceId, String componentCode, String alarmType) {

  AlarmKey {
    Objects.requireNonNull(deviceId, "device id");
    Objects.requireNonNull(alarmType, "alarm type");
  }

  /** What the platform's unique partial index on {@code case_file} compares. */
  String caseKey() {
    return (componentCode != null ? componentCode : "device:" + deviceId) + "|" + alarmType;
  }
}
