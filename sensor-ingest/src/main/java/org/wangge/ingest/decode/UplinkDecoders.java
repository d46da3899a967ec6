package org.wangge.ingest.decode;

import java.util.Map;
import org.wangge.geo.routing.AlarmType;
import org.wangge.ingest.MessageKind;
import org.wangge.ingest.Severity;
import org.wangge.ingest.decode.UplinkDecoder.Reading;

/**
 * The standard ChirpStack uplink decoders, one per device kind.
 *
 * <p><b>Decoded {@code object}</b> (when the ChirpStack device profile has a codec), by kind:
 *
 * <ul>
 *   <li>{@code COVER_TILT}: {@code {"tiltDeg": 12.5, "open": false, "battery": 87}}
 *   <li>{@code LAMP_CONTROLLER}: {@code {"powerW": 0, "fault": true}}
 *   <li>{@code WATER_LEVEL}: {@code {"levelM": 0.42, "battery": 90}}
 *   <li>{@code GAS_DETECTOR}: {@code {"lel": 25.0, "battery": 80}}
 * </ul>
 *
 * Every kind may add {@code "event": true} to mark a report sent because the state changed.
 *
 * <p><b>Raw {@code data}</b> (used when there is no {@code object}), 4 bytes, the same for every
 * kind:
 *
 * <pre>
 * byte 0     battery percent 0–100, 0xFF = none (mains powered)
 * byte 1     flags: bit 0 = the kind's flag (cover open, lamp fault), bit 7 = event report
 * bytes 2–3  the measured value, signed 16-bit big-endian, in units of 1/scale:
 *            COVER_TILT 0.1 deg, LAMP_CONTROLLER 1 W, WATER_LEVEL 1 cm, GAS_DETECTOR 0.1 %LEL
 * </pre>
 *
 * Example: {@code 57 00 00 7D} = battery 87 %, periodic, tilt 12.5°.
 *
 * <p><b>What comes out.</b> The flag wins (cover open → {@code COVER_OPEN}, lamp fault → {@code
 * LAMP_FAULT}); else a value at or beyond the kind's threshold is its alarm ({@code COVER_TILT} ≥
 * {@value #TILT_ALARM_DEG}°, {@code WATER_LEVEL_HIGH} ≥ {@value #WATER_ALARM_M} m, {@code GAS_LEAK}
 * ≥ {@value #GAS_ALARM_LEL} %LEL); else an event report is a {@code RECOVERY} of the kind's main
 * alarm type ({@code COVER_TILT}, {@code LAMP_FAULT}, {@code WATER_LEVEL_HIGH}, {@code GAS_LEAK})
 * and a periodic one a {@code HEARTBEAT}.
 */
public final class UplinkDecoders {

  /** Tilt at which a cover counts as displaced, degrees. */
  public static final double TILT_ALARM_DEG = 10.0;

  /** Standing water on a road at which the level sensor alarms, metres. */
  public static final double WATER_ALARM_M = 0.30;

  /** The usual low alarm point of a combustible-gas detector, % of the lower explosive limit. */
  public static final double GAS_ALARM_LEL = 20.0;

  private UplinkDecoders() {}

  /**
   * The decoders for {@code COVER_TILT}, {@code LAMP_CONTROLLER}, {@code WATER_LEVEL}, {@code
   * GAS_DETECTOR}.
   */
  public static Map<String, UplinkDecoder> standard() {
    return Map.of(
        "COVER_TILT",
        new ThresholdDecoder(
            "tiltDeg",
            10,
            "deg",
            TILT_ALARM_DEG,
            AlarmType.COVER_TILT,
            "open",
            AlarmType.COVER_OPEN,
            Severity.MAJOR),
        "LAMP_CONTROLLER",
        new ThresholdDecoder(
            "powerW",
            1,
            "W",
            Double.POSITIVE_INFINITY,
            AlarmType.LAMP_FAULT,
            "fault",
            AlarmType.LAMP_FAULT,
            Severity.MINOR),
        "WATER_LEVEL",
        new ThresholdDecoder(
            "levelM",
            100,
            "m",
            WATER_ALARM_M,
            AlarmType.WATER_LEVEL_HIGH,
            null,
            null,
            Severity.MAJOR),
        "GAS_DETECTOR",
        new ThresholdDecoder(
            "lel", 10, "%LEL", GAS_ALARM_LEL, AlarmType.GAS_LEAK, null, null, Severity.CRITICAL));
  }

  /**
   * One measured value against a threshold, plus an optional flag.
   *
   * @param scale raw units per {@code unit} in the byte layout
   * @param mainType the alarm at or beyond the threshold, and the type of recoveries
   * @param flagField the boolean field of the object that raises {@code flagType}, or null
   */
  record ThresholdDecoder(
      String valueField,
      double scale,
      String unit,
      double threshold,
      AlarmType mainType,
      String flagField,
      AlarmType flagType,
      Severity severity)
      implements UplinkDecoder {

    @Override
    public Reading decode(Map<String, Object> object, byte[] data, int fPort) {
      Double value;
      Double battery;
      boolean flag;
      boolean event;
      if (object != null) {
        value = number(object, valueField);
        battery = number(object, "battery");
        flag = flagField != null && Boolean.TRUE.equals(object.get(flagField));
        event = Boolean.TRUE.equals(object.get("event"));
        if (value == null && !flag) {
          throw new IllegalArgumentException("object has no number '" + valueField + "'");
        }
      } else if (data != null) {
        if (data.length < 4) {
          throw new IllegalArgumentException(
              "data has " + data.length + " bytes, the layout needs 4");
        }
        int rawBattery = data[0] & 0xFF;
        battery = rawBattery == 0xFF ? null : (double) rawBattery;
        flag = flagField != null && (data[1] & 0x01) != 0;
        event = (data[1] & 0x80) != 0;
        value = (short) (((data[2] & 0xFF) << 8) | (data[3] & 0xFF)) / scale;
      } else {
        throw new IllegalArgumentException("the uplink has neither object nor data");
      }
      if (battery != null && (battery < 0 || battery > 100)) {
        throw new IllegalArgumentException("battery " + battery + " is outside 0–100");
      }
      if (flag) {
        return new Reading(MessageKind.ALARM, flagType, severity, value, unit, battery);
      }
      if (value != null && value >= threshold) {
        return new Reading(MessageKind.ALARM, mainType, severity, value, unit, battery);
      }
      if (event) {
        return new Reading(MessageKind.RECOVERY, mainType, null, value, unit, battery);
      }
      return new Reading(MessageKind.HEARTBEAT, null, null, value, unit, battery);
    }

    private static Double number(Map<String, Object> object, String field) {
      Object v = object.get(field);
      if (v == null) {
        return null;
      }
      if (v instanceof Double d && Double.isFinite(d)) {
        return d;
      }
      throw new IllegalArgumentException("object field '" + field + "' is not a number: " + v);
    }
  }
}
