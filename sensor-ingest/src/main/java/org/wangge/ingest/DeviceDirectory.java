package org.wangge.ingest;

import java.util.Optional;

/**
 * The device registry as the ingest sees it. Implementations answer from memory (the service keeps
 * a copy of the device table and refreshes it after each change); thread-safe.
 */
public interface DeviceDirectory {

  /** The device with this registry id. */
  Optional<DeviceInfo> byId(String deviceId);

  /** The device with this LoRaWAN DevEUI (16 hex digits, any case). */
  Optional<DeviceInfo> byDevEui(String devEui);

  /**
   * What the ingest needs to know of a device.
   *
   * @param kind the device kind, e.g. {@code COVER_TILT}; picks the ChirpStack decoder
   * @param enabled false for a DISABLED device: its messages are quarantined
   */
  record DeviceInfo(String id, String kind, boolean enabled) {}
}
