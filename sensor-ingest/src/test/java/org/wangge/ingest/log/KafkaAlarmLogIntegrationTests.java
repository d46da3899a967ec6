package org.wangge.ingest.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.ingest.AlarmLog;
import org.wangge.ingest.Await;
import org.wangge.ingest.RecordingProcessor;
import reactor.test.StepVerifier;

/** The alarm log contract on a real, in-process KRaft Kafka broker. */
class KafkaAlarmLogIntegrationTests extends AlarmLogContract {

  static KraftBroker kafka;

  String topic;
  String group;

  @BeforeAll
  static void startKafka() {
    kafka = new KraftBroker(1);
    kafka.afterPropertiesSet();
  }

  @AfterAll
  static void stopKafka() {
    kafka.destroy();
  }

  @BeforeEach
  void freshTopic() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    topic = "alarms-" + id;
    group = "processors-" + id;
  }

  KafkaLogSettings settings() {
    return KafkaLogSettings.defaults(kafka.getBrokersAsString())
        .withTopic(topic, 3)
        .withGroupId(group)
        .withBackOff(Duration.ofMillis(10), Duration.ofMillis(100));
  }

  @Override
  AlarmLog newLog(SimpleMeterRegistry meters) {
    return new KafkaAlarmLog(settings(), meters);
  }

  @Override
  void afterCloseEverySafeRecordIsProcessed(RecordingProcessor first, List<String> keys) {
    // Acknowledged by the broker is safe: what the first consumer did not commit, the next one in
    // the group gets.
    RecordingProcessor next = new RecordingProcessor();
    AlarmLog again = new KafkaAlarmLog(settings(), new SimpleMeterRegistry());
    opened.add(again);
    again.start(next);
    Await.until(
        "every record processed by one of the two consumers",
        () -> {
          java.util.Set<String> seen = new java.util.HashSet<>(first.keys());
          seen.addAll(next.keys());
          return seen.containsAll(keys);
        });
  }

  @Test
  void sendCompletesOnceTheBrokerHasTheRecord() {
    KafkaAlarmLog log = new KafkaAlarmLog(settings(), meters);
    opened.add(log);
    log.send(alarm("TILT-1", 1)).as(StepVerifier::create).expectComplete().verify(Await.GENEROUS);

    RecordingProcessor processor = new RecordingProcessor();
    log.start(processor);
    Await.until("the record consumed", () -> processor.keys().contains("TILT-1-A1"));
    assertThat(processor.records()).containsExactly(alarm("TILT-1", 1));
  }
}
