package org.wangge.ingest.log;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link InProcessAlarmLog} is sized.
 *
 * @param partitions worker threads, each owning the records of the partition keys that hash to it
 * @param capacity records one partition holds before {@code append} blocks
 * @param maxBatch the most records handed to the processor at once (it takes what is there and does
 *     not wait to fill a batch)
 * @param minBackOff the wait before the first retry of a failed batch; it doubles per retry
 * @param maxBackOff the longest wait between retries
 * @param closeTimeout how long {@code close()} waits for the workers to finish what is queued
 */
public record InProcessLogSettings(
    int partitions,
    int capacity,
    int maxBatch,
    Duration minBackOff,
    Duration maxBackOff,
    Duration closeTimeout) {

  public InProcessLogSettings {
    if (partitions < 1 || capacity < 1 || maxBatch < 1) {
      throw new IllegalArgumentException(
          "partitions, capacity and max batch must be positive: "
              + partitions
              + ", "
              + capacity
              + ", "
              + maxBatch);
    }
    new BackOff(minBackOff, maxBackOff); // validates
    Objects.requireNonNull(closeTimeout, "close timeout");
  }

  /** 2 partitions of 10,000 records, batches of up to 500, retries from 50 ms to 5 s. */
  public static InProcessLogSettings defaults() {
    return new InProcessLogSettings(
        2, 10_000, 500, Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  public InProcessLogSettings withPartitions(int n) {
    return new InProcessLogSettings(n, capacity, maxBatch, minBackOff, maxBackOff, closeTimeout);
  }

  public InProcessLogSettings withCapacity(int n) {
    return new InProcessLogSettings(partitions, n, maxBatch, minBackOff, maxBackOff, closeTimeout);
  }

  public InProcessLogSettings withMaxBatch(int n) {
    return new InProcessLogSettings(partitions, capacity, n, minBackOff, maxBackOff, closeTimeout);
  }

  public InProcessLogSettings withBackOff(Duration min, Duration max) {
    return new InProcessLogSettings(partitions, capacity, maxBatch, min, max, closeTimeout);
  }
}
