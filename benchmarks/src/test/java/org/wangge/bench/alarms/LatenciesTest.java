package org.wangge.bench.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentilesAreNearestRankInMilliseconds() {
    Latencies l = new Latencies();
    for (int i = 100; i >= 1; i--) {
      l.add(i * 1000L);
    }
    Latencies.Summary s = l.summary();
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.p50()).isEqualTo(50.0);
    assertThat(s.p90()).isEqualTo(90.0);
    assertThat(s.p99()).isEqualTo(99.0);
    assertThat(s.p999()).isEqualTo(100.0);
    assertThat(s.max()).isEqualTo(100.0);
  }

  @Test
  void payloadTimesHaveMicroseconds() {
    assertThat(Payloads.time(Instant.parse("2026-11-23T18:00:00.1234567Z")))
        .isEqualTo("2026-11-23T18:00:00.123456Z");
    assertThat(Payloads.time(Instant.parse("2026-11-23T18:00:00Z")))
        .isEqualTo("2026-11-23T18:00:00.000000Z");
  }

  @Test
  void inboxLatencyCountsCaseEventsOfTheWindowOnly() {
    InboxListener inbox = new InboxListener();
    Instant start = Instant.parse("2026-11-23T18:00:00Z");
    inbox.window(start, start.plusSeconds(60));
    String inWindow =
        "{\"caseId\":1,\"change\":\"FOLDED\",\"lastAlarmAt\":\"2026-11-23T18:00:10.000000Z\"}";
    String warmUp =
        "{\"caseId\":2,\"change\":\"OPENED\",\"lastAlarmAt\":\"2026-11-23T17:59:59.000000Z\"}";
    inbox.dispatch("case", inWindow, Instant.parse("2026-11-23T18:00:10.012Z"));
    inbox.dispatch("case", warmUp, Instant.parse("2026-11-23T18:00:00.500Z"));
    inbox.dispatch("heartbeat", "{}", Instant.parse("2026-11-23T18:00:11Z"));
    inbox.dispatch(
        "case",
        "{\"change\":\"FOLDED\",\"lastAlarmAt\":1795456820.5}",
        Instant.parse("2026-11-23T18:00:20.510Z"));
    assertThat(inbox.events()).isEqualTo(3);
    assertThat(inbox.latencies().summary().count()).isEqualTo(2);
    assertThat(inbox.latencies().summary().max()).isEqualTo(12.0);
    assertThat(inbox.changes().get("FOLDED").get()).isEqualTo(2);
  }
}
