package org.wangge.ingest;

import java.time.Instant;

/**
 * One MQTT message after decoding: exactly one of a {@link DeviceMessage} to act on, a {@link
 * Quarantined} message from a device the platform does not accept, or a {@link DeadLetter} that
 * could not be read. Every received message becomes exactly one record, so every published alarm
 * can be accounted for.
 */
public sealed interface IngestRecord permits DeviceMessage, Quarantined, DeadLetter {

  /**
   * The idempotency key: the alarm id for device messages and quarantined ones; for dead letters
   * the alarm id when one could be read, else a digest of topic and payload. A redelivered message
   * has the same key, so storing records by key makes redelivery harmless.
   */
  String key();

  /** Keeps one device's records in order: the device id, else the topic. */
  String partitionKey();

  /** When the platform received the MQTT message. */
  Instant receivedAt();
}
