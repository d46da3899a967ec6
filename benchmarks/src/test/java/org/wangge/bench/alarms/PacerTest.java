package org.wangge.bench.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacerTest {

  @ParameterizedTest
  @CsvSource({"5000", "1500", "333.3", "1"})
  void dueByCountsExactlyTheMessagesWhoseTimeHasCome(double rate) {
    long start = 1_000_000_000L;
    Pacer pacer = new Pacer(start, rate);
    assertThat(pacer.dueBy(start - 1)).isZero();
    assertThat(pacer.dueBy(start)).isEqualTo(1);
    for (long i = 0; i < 3000; i += 7) {
      long t = pacer.dueNanos(i);
      assertThat(pacer.dueBy(t)).isEqualTo(i + 1);
      assertThat(pacer.dueBy(t - 1)).isEqualTo(i);
    }
  }

  @ParameterizedTest
  @CsvSource({"5000, 60, 300000", "1500, 40, 60000", "5000, 10, 50000"})
  void theScheduleDoesNotDriftOverARun(double rate, double seconds, long messages) {
    Pacer pacer = new Pacer(0, rate);
    assertThat(pacer.messagesIn(seconds)).isEqualTo(messages);
    assertThat(pacer.dueNanos(messages)).isEqualTo((long) (seconds * 1e9));
  }
}
