package org.wangge.api.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class CaseEventsTest {

  private static CaseEvent event(long id, String unit) {
    Instant now = Instant.now();
    return new CaseEvent(
        id,
        "N" + id,
        unit,
        "OPENED",
        "DISPATCHED",
        "COVER_TILT",
        null,
        "D" + id,
        null,
        1,
        now,
        now,
        null,
        now.plus(Duration.ofHours(1)),
        false);
  }

  @Test
  void subscribersGetTheirUnitsBatchesInOrderOffThePublishingThread() throws Exception {
    CaseEvents events = new CaseEvents();
    List<String> threads = new CopyOnWriteArrayList<>();
    List<Long> seen = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(3);
    Disposable subscription =
        events
            .batches("U1")
            .subscribe(
                batch -> {
                  threads.add(Thread.currentThread().getName());
                  batch.forEach(e -> seen.add(e.caseId()));
                  batch.forEach(e -> three.countDown());
                });
    try {
      Thread worker =
          new Thread(
              () -> {
                events.publish(List.of(event(1, "U1"), event(2, "U2")));
                events.publish(List.of(event(3, "U2")));
                events.publish(List.of(event(4, "U1"), event(5, "U1")));
              },
              "alarm-log-test");
      worker.start();
      worker.join();
      assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).containsExactly(1L, 4L, 5L);
      assertThat(threads).hasSize(2).noneMatch("alarm-log-test"::equals);
    } finally {
      subscription.dispose();
    }
  }
}
