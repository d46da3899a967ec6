package org.wangge.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * A message that could not be read: kept with the reason, queryable, counted, and never allowed to
 * stop the pipeline.
 *
 * @param key the alarm id when one could be read, else {@code sha256:<hex>} of topic and payload
 * @param reason the kind of problem
 * @param detail a sentence a device integrator can act on, naming the field or limit
 * @param payload the raw payload, cut to at most {@link #MAX_KEPT_BYTES}
 * @param payloadBytes the size of the payload as received
 */
public record DeadLetter(
    String key,
    Reason reason,
    String detail,
    String topic,
    byte[] payload,
    int payloadBytes,
    Instant receivedAt)
    implements IngestRecord {

  /** How much of an oversized payload is kept. */
  public static final int MAX_KEPT_BYTES = 4096;

  /** The kinds of unreadable messages. */
  public enum Reason {
    WRONG_TOPIC,
    OVERSIZED,
    MALFORMED_JSON,
    INVALID_FIELD,
    DEVICE_MISMATCH,
    UNDECODABLE_UPLINK
  }

  public DeadLetter {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "received at");
  }

  @Override
  public String partitionKey() {
    return topic;
  }
}
