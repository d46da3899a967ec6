package org.wangge.ingest.decode;

import java.util.Map;
import org.wangge.geo.routing.AlarmType;
import org.wangge.ingest.MessageKind;
import org.wangge.ingest.Severity;

/**
 * Turns the application payload of one ChirpStack uplink into what the device said, for one device
 * kind. Implementations are stateless and thread-safe; {@link UplinkDecoders} has the standard ones
 * and documents their byte layouts.
 */
@FunctionalInterface
public interface UplinkDecoder {

  /**
   * Reads one uplink.
   *
   * @param object the uplink's decoded {@code object} (ChirpStack's codec output): its top-level
   *     fields with numbers as {@code Double}, booleans as {@code Boolean}, strings as {@code
   *     String}; nested values are left out. {@code null} when the event carried none.
   * @param data the uplink's raw FRMPayload ({@code data}, base64-decoded), or {@code null}
   * @param fPort the LoRaWAN port, or 0 when absent
   * @throws IllegalArgumentException when neither can be read; the message names the field or byte
   */
  Reading decode(Map<String, Object> object, byte[] data, int fPort);

  /**
   * What one uplink said.
   *
   * @param alarmType {@code null} for a heartbeat
   * @param value the measured value in {@code unit}, or {@code null}
   * @param batteryPercent 0–100 or {@code null}
   */
  record Reading(
      MessageKind kind,
      AlarmType alarmType,
      Severity severity,
      Double value,
      String unit,
      Double batteryPercent) {}
}
