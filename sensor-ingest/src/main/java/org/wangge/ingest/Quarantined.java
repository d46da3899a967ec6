package org.wangge.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * A readable message the platform will not act on because of its sender: kept with the reason,
 * visible through the API, never turned into a case.
 *
 * @param key the alarm id from the payload (or the decoder's derived id)
 * @param deviceId the device id the topic or payload named
 * @param payload the raw payload as received
 */
public record Quarantined(
    String key,
    String deviceId,
    Reason reason,
    String detail,
    String topic,
    byte[] payload,
    Instant receivedAt)
    implements IngestRecord {

  /** Why the sender is not accepted. */
  public enum Reason {
    UNKNOWN_DEVICE,
    DISABLED_DEVICE
  }

  public Quarantined {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(deviceId, "device id");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "received at");
  }

  @Override
  public String partitionKey() {
    return deviceId;
  }
}
