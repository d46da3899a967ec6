package org.wangge.ingest.log;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the {@link KafkaAlarmLog} reaches Kafka.
 *
 * @param bootstrapServers e.g. {@code kafka-1:9092,kafka-2:9092}
 * @param topic the log's topic, created with {@code partitions} and {@code replicationFactor} when
 *     missing
 * @param groupId the consumer group of the processors; every platform node that processes alarms
 *     uses the same one
 * @param consumers consumer threads in this JVM (more than the topic's partitions would idle)
 * @param maxInFlight sends not yet acknowledged by the broker before {@code append} blocks
 * @param maxBatch the most records handed to the processor at once ({@code max.poll.records})
 * @param minBackOff the wait before the first retry of a failed batch or send; it doubles per retry
 * @param maxBackOff the longest wait between retries
 * @param closeTimeout how long {@code close()} waits for unacknowledged sends
 * @param clientProperties extra Kafka client properties for producer and consumer (security, TLS…);
 *     they override the log's own, except acks and idempotence
 */
public record KafkaLogSettings(
    String bootstrapServers,
    String topic,
    int partitions,
    short replicationFactor,
    String groupId,
    int consumers,
    int maxInFlight,
    int maxBatch,
    Duration minBackOff,
    Duration maxBackOff,
    Duration closeTimeout,
    Map<String, Object> clientProperties) {

  public static final String DEFAULT_TOPIC = "wangge.alarms";
  public static final String DEFAULT_GROUP = "wangge-alarm-processors";

  public KafkaLogSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrap servers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(groupId, "group id");
    if (partitions < 1
        || replicationFactor < 1
        || consumers < 1
        || maxInFlight < 1
        || maxBatch < 1) {
      throw new IllegalArgumentException(
          "partitions, replication factor, consumers, max in flight"
              + " and max batch must be positive");
    }
    new BackOff(minBackOff, maxBackOff); // validates
    Objects.requireNonNull(closeTimeout, "close timeout");
    clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * Topic {@value #DEFAULT_TOPIC} with 6 partitions, replication 1, group {@value #DEFAULT_GROUP},
   * 2 consumers, 10,000 sends in flight, batches of up to 500, retries from 50 ms to 5 s.
   */
  public static KafkaLogSettings defaults(String bootstrapServers) {
    return new KafkaLogSettings(
        bootstrapServers,
        DEFAULT_TOPIC,
        6,
        (short) 1,
        DEFAULT_GROUP,
        2,
        10_000,
        500,
        Duration.ofMillis(50),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Map.of());
  }

  public KafkaLogSettings withTopic(String topic, int partitions) {
    return new KafkaLogSettings(
        bootstrapServers,
        topic,
        partitions,
        replicationFactor,
        groupId,
        consumers,
        maxInFlight,
        maxBatch,
        minBackOff,
        maxBackOff,
        closeTimeout,
        clientProperties);
  }

  public KafkaLogSettings withGroupId(String groupId) {
    return new KafkaLogSettings(
        bootstrapServers,
        topic,
        partitions,
        replicationFactor,
        groupId,
        consumers,
        maxInFlight,
        maxBatch,
        minBackOff,
        maxBackOff,
        closeTimeout,
        clientProperties);
  }

  public KafkaLogSettings withMaxInFlight(int maxInFlight) {
    return new KafkaLogSettings(
        bootstrapServers,
        topic,
        partitions,
        replicationFactor,
        groupId,
        consumers,
        maxInFlight,
        maxBatch,
        minBackOff,
        maxBackOff,
        closeTimeout,
        clientProperties);
  }

  public KafkaLogSettings withBackOff(Duration min, Duration max) {
    return new KafkaLogSettings(
        bootstrapServers,
        topic,
        partitions,
        replicationFactor,
        groupId,
        consumers,
        maxInFlight,
        maxBatch,
        min,
        max,
        closeTimeout,
        clientProperties);
  }
}
