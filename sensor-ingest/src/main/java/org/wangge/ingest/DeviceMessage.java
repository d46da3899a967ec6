package org.wangge.ingest;

import java.time.Instant;
import java.util.Objects;
import org.wangge.geo.routing.AlarmType;

/**
 * A well-formed message from a registered, enabled device.
 *
 * @param alarmId the device's id for this alarm (the idempotency key); for a heartbeat the message
 *     id the decoder derived
 * @param deviceId the registry id of the device (for ChirpStack uplinks: the device the DevEUI maps
 *     to)
 * @param alarmType the alarm, {@code null} for a heartbeat
 * @param severity {@code null} when not given (heartbeats, recoveries)
 * @param time when the device observed it
 * @param lon reported longitude in degrees, CGCS2000 (EPSG:4490; WGS84 is treated as the same), or
 *     {@code null} when the device reported no position
 * @param lat reported latitude in degrees, or {@code null}
 * @param value the measured value, or {@code null}
 * @param unit the value's unit, e.g. {@code "deg"}, {@code "m"}, or {@code null}
 * @param batteryPercent 0–100, or {@code null}
 * @param topic the MQTT topic it arrived on
 */
public record DeviceMessage(
    String alarmId,
    String deviceId,
    MessageKind kind,
    AlarmType alarmType,
    Severity severity,
    Instant time,
    Double lon,
    Double lat,
    Double value,
    String unit,
    Double batteryPercent,
    String topic,
    Instant receivedAt)
    implements IngestRecord {

  public DeviceMessage {
    Objects.requireNonNull(alarmId, "alarm id");
    Objects.requireNonNull(deviceId, "device id");
    Objects.requireNonNull(kind, "message kind");
    Objects.requireNonNull(time, "alarm time");
    Objects.requireNonNull(receivedAt, "received at");
    if (kind != MessageKind.HEARTBEAT && alarmType == null) {
      throw new IllegalArgumentException(kind + " " + alarmId + " has no alarm type");
    }
    if ((lon == null) != (lat == null)) {
      throw new IllegalArgumentException("alarm " + alarmId + ": give both lon and lat or none");
    }
  }

  @Override
  public String key() {
    return alarmId;
  }

  @Override
  public String partitionKey() {
    return deviceId;
  }
}
