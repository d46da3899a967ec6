package org.wangge.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AckSequencerTest {

  final List<Integer> sent = new CopyOnWriteArrayList<>();
  final AckSequencer acks = new AckSequencer((id, qos) -> sent.add(id));

  @Test
  void acknowledgesInArrivalOrderOnlyWhenEverythingBeforeIsSafe() {
    var a = acks.arrived(1, 1);
    var b = acks.arrived(2, 1);
    var c = acks.arrived(3, 1);

    assertThat(acks.safe(c)).isEmpty();
    assertThat(acks.safe(b)).isEmpty();
    assertThat(sent).isEmpty();
    assertThat(acks.pending()).isEqualTo(3);

    assertThat(acks.safe(a)).containsExactly(1, 2, 3);
    assertThat(sent).containsExactly(1, 2, 3);
    assertThat(acks.pending()).isZero();
  }

  @Test
  void aSlowMessageHoldsBackOnlyTheOnesAfterIt() {
    var a = acks.arrived(10, 1);
    var b = acks.arrived(11, 1);
    var c = acks.arrived(12, 1);
    acks.safe(a);
    acks.safe(c);
    assertThat(sent).containsExactly(10);
    acks.safe(b);
    assertThat(sent).containsExactly(10, 11, 12);
  }

  @Test
  void afterCloseNothingIsAcknowledged() {
    var a = acks.arrived(1, 1);
    acks.close();
    var b = acks.arrived(2, 1);
    acks.safe(a);
    acks.safe(b);
    assertThat(sent).isEmpty();
  }

  @Test
  void aFailedAckEndsTheSequence() {
    List<Integer> tried = new ArrayList<>();
    AckSequencer failing =
        new AckSequencer(
            (id, qos) -> {
              tried.add(id);
              throw new IllegalStateException("connection lost");
            });
    var a = failing.arrived(1, 1);
    var b = failing.arrived(2, 1);
    failing.safe(b);
    failing.safe(a);
    assertThat(tried).containsExactly(1);
    assertThat(failing.pending()).isZero();
  }

  @Test
  void concurrentSafetyStillAcknowledgesEachOnceInOrder() throws Exception {
    int n = 2000;
    List<AckSequencer.Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tickets.add(acks.arrived(i + 1, 1));
    }
    Thread even =
        new Thread(
            () -> {
              for (int i = 0; i < n; i += 2) acks.safe(tickets.get(i));
            });
    Thread odd =
        new Thread(
            () -> {
              for (int i = n - 1; i >= 1; i -= 2) acks.safe(tickets.get(i));
            });
    even.start();
    odd.start();
    even.join();
    odd.join();
    assertThat(sent).hasSize(n).isSorted().doesNotHaveDuplicates();
  }
}
