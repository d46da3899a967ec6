package org.wangge.ingest;

/**
 * The log between MQTT ingest and case assignment, partitioned by {@link
 * IngestRecord#partitionKey()} so that one device's records stay in order.
 *
 * <p><b>Delivery guarantee.</b> {@link #append} calls {@code onSafe} exactly once, when the record
 * can no longer be lost: the in-process log calls it after the {@link RecordProcessor} committed
 * the record's batch; the Kafka log after the broker acknowledged the write (the consumer side
 * commits its offsets only after processing). The MQTT ingest acknowledges the message in {@code
 * onSafe}. A failed batch is retried with back-off, never dropped, never skipped.
 *
 * <p>{@link #append} blocks while the log is full: that is the back-pressure that slows the MQTT
 * client. Thread-safe.
 */
public interface AlarmLog extends AutoCloseable {

  /** Starts delivering appended records to {@code processor}; call once. */
  void start(RecordProcessor processor);

  /** Appends one record; blocks while the log is full. */
  void append(IngestRecord record, Runnable onSafe) throws InterruptedException;

  /** Stops taking records, finishes the batches in progress and releases the workers. */
  @Override
  void close();
}
