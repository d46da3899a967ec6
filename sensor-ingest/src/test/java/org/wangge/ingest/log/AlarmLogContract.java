package org.wangge.ingest.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wangge.geo.routing.AlarmType;
import org.wangge.ingest.AlarmLog;
import org.wangge.ingest.Await;
import org.wangge.ingest.DeadLetter;
import org.wangge.ingest.DeviceMessage;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.MessageKind;
import org.wangge.ingest.RecordingProcessor;

/**
 * What every {@link AlarmLog} promises, whatever keeps the records. Subclasses give a fresh log per
 * test (its own topic, group or queues).
 */
abstract class AlarmLogContract {

  static final Instant T0 = Instant.parse("2026-11-23T18:00:00Z");

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final List<AlarmLog> opened = new ArrayList<>();
  final Map<String, AtomicInteger> safeCalls = new ConcurrentHashMap<>();

  /** A new, not yet started log with back-off fast enough for tests. */
  abstract AlarmLog newLog(SimpleMeterRegistry meters);

  AlarmLog open(RecordingProcessor processor) {
    AlarmLog log = newLog(meters);
    opened.add(log);
    log.start(processor);
    return log;
  }

  @AfterEach
  void closeLogs() {
    opened.forEach(AlarmLog::close);
  }

  static DeviceMessage alarm(String device, int n) {
    return new DeviceMessage(
        device + "-A" + n,
        device,
        MessageKind.ALARM,
        AlarmType.COVER_TILT,
        null,
        T0.plusSeconds(n),
        null,
        null,
        (double) n,
        "deg",
        null,
        "wangge/v1/devices/" + device + "/alarm",
        T0.plusSeconds(n));
  }

  void append(AlarmLog log, IngestRecord r) throws InterruptedException {
    AtomicInteger calls = safeCalls.computeIfAbsent(r.key(), k -> new AtomicInteger());
    log.append(r, calls::incrementAndGet);
  }

  int safe(String key) {
    AtomicInteger n = safeCalls.get(key);
    return n == null ? 0 : n.get();
  }

  boolean allSafe() {
    return safeCalls.values().stream().allMatch(n -> n.get() >= 1);
  }

  static boolean processedAll(RecordingProcessor p, List<String> keys) {
    return new LinkedHashSet<>(p.keys()).containsAll(keys);
  }

  @Test
  void keepsTheOrderOfEachPartitionKey() throws Exception {
    RecordingProcessor processor = new RecordingProcessor();
    AlarmLog log = open(processor);
    List<String> devices = List.of("TILT-1", "TILT-2", "TILT-3", "LAMP-9");
    List<String> keys = new ArrayList<>();
    for (int n = 0; n < 150; n++) {
      for (String d : devices) {
        DeviceMessage m = alarm(d, n);
        keys.add(m.key());
        append(log, m);
      }
    }
    Await.until("every record processed", () -> processedAll(processor, keys));

    Map<String, List<Integer>> seen =
        processor.records().stream()
            .map(DeviceMessage.class::cast)
            .distinct()
            .collect(
                Collectors.groupingBy(
                    DeviceMessage::deviceId,
                    Collectors.mapping(m -> m.value().intValue(), Collectors.toList())));
    List<Integer> expected = java.util.stream.IntStream.range(0, 150).boxed().toList();
    for (String d : devices) {
      assertThat(seen.get(d)).as("order of " + d).isEqualTo(expected);
    }
  }

  @Test
  void processesEveryRecordAndCallsOnSafeExactlyOncePerAppend() throws Exception {
    RecordingProcessor processor = new RecordingProcessor();
    AlarmLog log = open(processor);
    List<String> keys = new ArrayList<>();
    for (int n = 0; n < 300; n++) {
      IngestRecord r =
          n % 10 == 0
              ? new DeadLetter(
                  "sha256:" + n,
                  DeadLetter.Reason.MALFORMED_JSON,
                  "bad",
                  "wangge/v1/devices/X" + n + "/alarm",
                  new byte[] {1},
                  1,
                  T0)
              : alarm("DEV-" + (n % 7), n);
      keys.add(r.key());
      append(log, r);
    }
    Await.until("every record processed", () -> processedAll(processor, keys));
    Await.until("every onSafe called", this::allSafe);
    log.close();
    for (String k : keys) {
      assertThat(safe(k)).as("onSafe calls of " + k).isEqualTo(1);
    }
    assertThat(processor.keys()).containsAll(keys);
    assertThat(
            meters
                .get("wangge.ingest.records")
                .tag("type", "dead_letter")
                .tag("reason", "MALFORMED_JSON")
                .counter()
                .count())
        .isEqualTo(30);
  }

  @Test
  void retriesAFailingProcessorWithoutLosingRecords() throws Exception {
    RecordingProcessor processor = new RecordingProcessor().failNext(3);
    AlarmLog log = open(processor);
    List<String> keys = new ArrayList<>();
    for (int n = 0; n < 100; n++) {
      DeviceMessage m = alarm("TILT-" + (n % 4), n);
      keys.add(m.key());
      append(log, m);
    }
    Await.until("every record processed", () -> processedAll(processor, keys));
    Await.until("every onSafe called", this::allSafe);
    assertThat(processor.failures()).isEqualTo(3);
    assertThat(meters.get("wangge.ingest.retries").counter().count()).isGreaterThanOrEqualTo(3);
    for (String k : keys) {
      assertThat(safe(k)).as("onSafe calls of " + k).isEqualTo(1);
    }
  }

  @Test
  void closeFinishesTheWorkInFlight() throws Exception {
    RecordingProcessor processor = new RecordingProcessor();
    AlarmLog log = open(processor);
    List<String> keys = new ArrayList<>();
    for (int n = 0; n < 200; n++) {
      DeviceMessage m = alarm("GAS-" + (n % 5), n);
      keys.add(m.key());
      append(log, m);
    }
    log.close();
    for (String k : keys) {
      assertThat(safe(k)).as("onSafe calls of " + k + " after close").isEqualTo(1);
    }
    afterCloseEverySafeRecordIsProcessed(processor, keys);
  }

  /**
   * What "safe" meant for this log: processed already (in-process), or processed by the next
   * consumer (Kafka).
   */
  abstract void afterCloseEverySafeRecordIsProcessed(
      RecordingProcessor processor, List<String> keys) throws Exception;
}
