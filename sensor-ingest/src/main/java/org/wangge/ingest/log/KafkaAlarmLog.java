package org.wangge.ingest.log;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.util.backoff.ExponentialBackOff;
import org.wangge.ingest.AlarmLog;
import org.wangge.ingest.DeadLetter;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.RecordProcessor;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The {@link AlarmLog} on a Kafka topic, through Spring for Apache Kafka; for several platform
 * nodes, or to keep accepted alarms across a crash before they are processed.
 *
 * <p><b>Producer side.</b> {@link #append} sends the record (JSON, {@link RecordCodec}) keyed by
 * its partition key, so one device's records land in one partition in order, with {@code acks=all}
 * and an idempotent producer. {@code onSafe} runs on the producer's I/O thread once the broker
 * acknowledged the write. A failed send is re-sent with back-off until it succeeds or the log is
 * closed (a re-sent record may then follow a later one of the same key; processing is idempotent
 * and the later one is not lost). At most {@link KafkaLogSettings#maxInFlight()} sends are
 * unacknowledged at once; beyond that {@code append} blocks.
 *
 * <p><b>Consumer side</b> (after {@link #start}): a batch listener container of {@link
 * KafkaLogSettings#consumers()} threads decodes each polled batch, calls the processor, waits for
 * its {@code Mono} and only then commits the offsets. A failing batch is retried whole with
 * exponential back-off, forever, with the partitions paused (the consumer keeps polling so it stays
 * in the group); nothing is skipped. An unreadable log record becomes a {@link DeadLetter} ({@code
 * MALFORMED_JSON}) handed to the processor, so it cannot block the partition.
 *
 * <p>{@link #close()} stops taking records, waits for unacknowledged sends (up to {@link
 * KafkaLogSettings#closeTimeout()}), stops the consumers (uncommitted records are redelivered to
 * the group) and closes the clients. Thread-safe.
 */
public final class KafkaAlarmLog implements AlarmLog {

  private static final Logger log = LoggerFactory.getLogger(KafkaAlarmLog.class);

  private final KafkaLogSettings settings;
  private final LogMetrics metrics;
  private final DefaultKafkaProducerFactory<String, byte[]> producers;
  private final KafkaTemplate<String, byte[]> template;
  private final Semaphore inFlight;
  private volatile ConcurrentMessageListenerContainer<String, byte[]> container;
  private volatile boolean closed;

  public KafkaAlarmLog(KafkaLogSettings settings, MeterRegistry meters) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = new LogMetrics(meters, "kafka");
    this.inFlight = new Semaphore(settings.maxInFlight());
    createTopicIfMissing();
    Map<String, Object> producer = new HashMap<>(settings.clientProperties());
    producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
    producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "wangge-alarm-log");
    this.producers = new DefaultKafkaProducerFactory<>(producer);
    this.template = new KafkaTemplate<>(producers);
  }

  @Override
  public synchronized void start(RecordProcessor processor) {
    Objects.requireNonNull(processor, "processor");
    if (container != null) {
      throw new IllegalStateException("the alarm log was already started");
    }
    Map<String, Object> consumer = new HashMap<>(settings.clientProperties());
    consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxBatch());
    consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

    ContainerProperties props = new ContainerProperties(settings.topic());
    props.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
    props.setMessageListener(
        (BatchAcknowledgingMessageListener<String, byte[]>)
            (records, ack) -> processBatch(processor, records, ack));
    ConcurrentMessageListenerContainer<String, byte[]> c =
        new ConcurrentMessageListenerContainer<>(
            new DefaultKafkaConsumerFactory<>(consumer), props);
    c.setConcurrency(settings.consumers());
    c.setBeanName("wangge-alarm-log");
    c.setCommonErrorHandler(errorHandler());
    c.start();
    container = c;
  }

  private void processBatch(
      RecordProcessor processor, List<ConsumerRecord<String, byte[]>> polled, Acknowledgment ack) {
    List<IngestRecord> batch = new ArrayList<>(polled.size());
    for (ConsumerRecord<String, byte[]> r : polled) {
      batch.add(read(r));
    }
    // Blocking is right here: this is the consumer's own thread, and the offsets must not be
    // committed before the effect is. A failure propagates to the error handler, which retries.
    processor.process(List.copyOf(batch)).block();
    metrics.processed(batch);
    ack.acknowledge();
  }

  private static IngestRecord read(ConsumerRecord<String, byte[]> r) {
    byte[] value = r.value() == null ? new byte[0] : r.value();
    try {
      return RecordCodec.decode(value);
    } catch (RuntimeException e) {
      String where = r.topic() + "-" + r.partition() + "@" + r.offset();
      byte[] kept =
          value.length <= DeadLetter.MAX_KEPT_BYTES
              ? value
              : java.util.Arrays.copyOf(value, DeadLetter.MAX_KEPT_BYTES);
      return new DeadLetter(
          "log:" + where,
          DeadLetter.Reason.MALFORMED_JSON,
          "alarm log record " + where + " is unreadable: " + e.getMessage(),
          r.topic(),
          kept,
          value.length,
          Instant.ofEpochMilli(r.timestamp()));
    }
  }

  private DefaultErrorHandler errorHandler() {
    ExponentialBackOff backOff = new ExponentialBackOff(settings.minBackOff().toMillis(), 2.0);
    backOff.setMaxInterval(settings.maxBackOff().toMillis());
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    backOff.setMaxAttempts(Long.MAX_VALUE);
    DefaultErrorHandler handler =
        new DefaultErrorHandler(
            (record, e) -> {
              // Unreachable with an unbounded back-off; if it ever runs, the record must not be
              // committed silently.
              throw new IllegalStateException("alarm log retries exhausted", e);
            },
            backOff);
    handler.setRetryListeners(
        new RetryListener() {
          @Override
          public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int attempt) {
            metrics.retried();
          }

          @Override
          public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int attempt) {
            metrics.retried();
            log.warn(
                "alarm log: processing a batch of {} records failed (attempt {}); retrying",
                records.count(),
                attempt,
                ex);
          }
        });
    return handler;
  }

  @Override
  public void append(IngestRecord record, Runnable onSafe) throws InterruptedException {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(onSafe, "onSafe");
    while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
      if (closed) {
        throw new IllegalStateException("the alarm log is closed");
      }
    }
    if (closed) {
      inFlight.release();
      throw new IllegalStateException("the alarm log is closed");
    }
    send(record)
        .subscribe(
            ignored -> {},
            e -> {
              inFlight.release();
              log.warn(
                  "alarm log: record {} not sent before close; left unacknowledged",
                  record.key(),
                  e);
            },
            () -> {
              inFlight.release();
              metrics.appended();
              try {
                onSafe.run();
              } catch (RuntimeException e) {
                log.error("an onSafe callback failed; the log goes on", e);
              }
            });
  }

  /** One send, re-sent with back-off until the broker acknowledges it or the log is closed. */
  Mono<Void> send(IngestRecord record) {
    byte[] value = RecordCodec.encode(record);
    return Mono.fromFuture(() -> template.send(settings.topic(), record.partitionKey(), value))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, settings.minBackOff())
                .maxBackoff(settings.maxBackOff())
                .filter(e -> !closed)
                .doBeforeRetry(
                    s -> {
                      metrics.retried();
                      log.warn(
                          "alarm log: sending {} failed (attempt {}); re-sending",
                          record.key(),
                          s.totalRetries() + 1,
                          s.failure());
                    }))
        .then();
  }

  @Override
  public void close() {
    closed = true;
    try {
      // Every permit back means every send was acknowledged (or given up).
      if (inFlight.tryAcquire(
          settings.maxInFlight(), settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        inFlight.release(settings.maxInFlight());
      } else {
        log.warn("alarm log: sends still unacknowledged after {}", settings.closeTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ConcurrentMessageListenerContainer<String, byte[]> c = container;
    if (c != null) {
      c.stop();
    }
    producers.destroy();
  }

  private void createTopicIfMissing() {
    Map<String, Object> admin = new HashMap<>(settings.clientProperties());
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    try (AdminClient client = AdminClient.create(admin)) {
      client
          .createTopics(
              List.of(
                  new NewTopic(
                      settings.topic(), settings.partitions(), settings.replicationFactor())))
          .all()
          .get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
      log.info(
          "created alarm log topic {} with {} partitions", settings.topic(), settings.partitions());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create the alarm log topic " + settings.topic(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + settings.bootstrapServers() + " did not answer in 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the alarm log topic", e);
    }
    awaitLeaders(admin);
  }

  /**
   * Waits until the broker reports a leader for every partition of the topic. Sending to a topic
   * created a moment before could meet a broker whose metadata lagged behind; the idempotent
   * producer's retry of that first batch then failed with an out-of-order sequence, over and over,
   * until the delivery timeout (seen once in CI, on a loaded machine).
   */
  private void awaitLeaders(Map<String, Object> admin) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (AdminClient client = AdminClient.create(admin)) {
      while (!hasLeaders(client)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the alarm log topic " + settings.topic() + " has no leader after 30 s");
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the alarm log topic", e);
    }
  }

  /** True once every partition of the topic has a leader; false while the broker lags behind. */
  private boolean hasLeaders(AdminClient client) throws InterruptedException {
    try {
      var description =
          client
              .describeTopics(List.of(settings.topic()))
              .allTopicNames()
              .get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)
              .get(settings.topic());
      return description != null
          && !description.partitions().isEmpty()
          && description.partitions().stream().allMatch(p -> p.leader() != null);
    } catch (ExecutionException | TimeoutException e) {
      return false; // e.g. the topic not known yet to the broker asked
    }
  }
}
