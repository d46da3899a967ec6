package org.wangge.ingest.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wangge.ingest.AlarmLog;
import org.wangge.ingest.Await;
import org.wangge.ingest.RecordingProcessor;

class InProcessAlarmLogTest extends AlarmLogContract {

  static final InProcessLogSettings FAST =
      InProcessLogSettings.defaults()
          .withMaxBatch(50)
          .withBackOff(Duration.ofMillis(5), Duration.ofMillis(40));

  @Override
  AlarmLog newLog(SimpleMeterRegistry meters) {
    return new InProcessAlarmLog(FAST, meters);
  }

  @Override
  void afterCloseEverySafeRecordIsProcessed(RecordingProcessor processor, List<String> keys) {
    assertThat(processor.keys()).containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void onSafeWaitsForTheProcessor() throws Exception {
    AtomicInteger safeWhileFailing = new AtomicInteger();
    RecordingProcessor processor = new RecordingProcessor().failNext(2);
    processor.onFailure(() -> safeWhileFailing.addAndGet(safe("TILT-1-A0")));
    AlarmLog log = open(processor);
    append(log, alarm("TILT-1", 0));
    Await.until("processed", () -> processor.keys().contains("TILT-1-A0"));
    Await.until("safe", this::allSafe);
    assertThat(safeWhileFailing).hasValue(0);
    assertThat(processor.failures()).isEqualTo(2);
    assertThat(processor.keys()).containsExactly("TILT-1-A0");
  }

  @Test
  void appendBlocksWhileThePartitionIsFull() throws Exception {
    RecordingProcessor processor = new RecordingProcessor().hold();
    AlarmLog log = new InProcessAlarmLog(FAST.withPartitions(1).withCapacity(2), meters);
    opened.add(log);
    log.start(processor);

    append(log, alarm("D", 0));
    processor.awaitFirstCall(); // the worker holds record 0; the queue is empty
    append(log, alarm("D", 1));
    append(log, alarm("D", 2)); // the queue is full now

    CountDownLatch fourthAppended = new CountDownLatch(1);
    Thread appender =
        new Thread(
            () -> {
              try {
                append(log, alarm("D", 3));
                fourthAppended.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    appender.start();
    Await.until("the appender to wait", () -> appender.getState() == Thread.State.TIMED_WAITING);
    // No room can appear while the processor is held, so this is not a race.
    assertThat(fourthAppended.getCount()).isEqualTo(1);
    assertThat(processor.records()).isEmpty();

    processor.release();
    fourthAppended.await();
    Await.until("all four processed", () -> processor.keys().size() == 4);
    assertThat(processor.keys()).containsExactly("D-A0", "D-A1", "D-A2", "D-A3");
  }

  @Test
  void batchesTakeWhatIsQueuedUpToTheLimit() throws Exception {
    RecordingProcessor processor = new RecordingProcessor().hold();
    AlarmLog log = new InProcessAlarmLog(FAST.withPartitions(1).withMaxBatch(10), meters);
    opened.add(log);
    log.start(processor);
    append(log, alarm("D", 0));
    processor.awaitFirstCall();
    for (int n = 1; n <= 25; n++) {
      append(log, alarm("D", n));
    }
    processor.release();
    Await.until("all processed", () -> processor.keys().size() == 26);
    assertThat(processor.batches()).extracting(List::size).containsExactly(1, 10, 10, 5);
    assertThat(meters.get("wangge.ingest.batches").counter().count()).isEqualTo(4);
  }

  @Test
  void appendAfterCloseFails() {
    AlarmLog log = open(new RecordingProcessor());
    log.close();
    assertThatThrownBy(() -> log.append(alarm("D", 0), () -> {}))
        .isInstanceOf(IllegalStateException.class);
  }
}
