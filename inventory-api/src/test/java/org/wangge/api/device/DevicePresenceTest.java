package org.wangge.api.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevicePresenceTest {

  private static final long MINUTE = 60_000_000L;

  private final DevicePresence presence = new DevicePresence(Duration.ofMinutes(1));

  private static DevicePresence.Seen seen(long micros, Double battery) {
    return new DevicePresence.Seen(micros, battery);
  }

  private void commit(String id, DevicePresence.Seen s, boolean written) {
    presence.committed(Map.of(id, s), written ? List.of(id) : List.of());
  }

  @Test
  void aDeviceNeverWrittenIsDueThenOnlyAfterTheResolutionOrOnANewBatteryReading() {
    assertThat(presence.due("D1", seen(0, null))).isTrue();
    commit("D1", seen(0, 50.0), true);
    assertThat(presence.due("D1", seen(MINUTE - 1, null))).isFalse();
    assertThat(presence.due("D1", seen(MINUTE - 1, 50.0))).isFalse();
    assertThat(presence.due("D1", seen(10, 49.0))).isTrue();
    assertThat(presence.due("D1", seen(MINUTE, null))).isTrue();
    assertThat(presence.due("D2", seen(MINUTE - 1, null))).isTrue();
  }

  @Test
  void onlyWrittenRowsMoveTheWrittenMark() {
    commit("D1", seen(0, null), true);
    commit("D1", seen(MINUTE / 2, null), false);
    // half a minute after the write, seen but not written: the mark stays at 0
    assertThat(presence.due("D1", seen(MINUTE, null))).isTrue();
    commit("D1", seen(MINUTE, null), true);
    assertThat(presence.due("D1", seen(MINUTE + MINUTE / 2, null))).isFalse();
  }

  @Test
  void aZeroResolutionWritesEveryMessageAndANegativeOneIsRefused() {
    DevicePresence every = new DevicePresence(Duration.ZERO);
    every.committed(Map.of("D1", seen(5, null)), List.of("D1"));
    assertThat(every.due("D1", seen(5, null))).isTrue();
    assertThatThrownBy(() -> new DevicePresence(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theApiRowShowsTheNewerOfRowAndMemory() {
    Instant t = Instant.parse("2026-11-24T00:00:00Z");
    long micros = t.getEpochSecond() * 1_000_000L;
    commit("D1", seen(micros + 30_000_000L, 77.0), false);

    Map<String, Object> older = new LinkedHashMap<>();
    older.put("id", "D1");
    older.put("lastSeen", t.atOffset(ZoneOffset.UTC));
    older.put("batteryPercent", new java.math.BigDecimal("80.00"));
    Map<String, Object> shown = presence.overlay(older);
    assertThat(shown.get("lastSeen")).isEqualTo(t.plusSeconds(30).atOffset(ZoneOffset.UTC));
    assertThat(((Number) shown.get("batteryPercent")).doubleValue()).isEqualTo(77.0);

    Map<String, Object> newer = new LinkedHashMap<>(older);
    newer.put("lastSeen", t.plusSeconds(31).atOffset(ZoneOffset.UTC));
    assertThat(presence.overlay(newer)).isEqualTo(newer);

    Map<String, Object> never = new LinkedHashMap<>(older);
    never.put("lastSeen", null);
    assertThat(presence.overlay(never).get("lastSeen"))
        .isEqualTo(OffsetDateTime.of(2026, 11, 24, 0, 0, 30, 0, ZoneOffset.UTC));

    Map<String, Object> unknown = Map.of("id", "D9", "lastSeen", t.atOffset(ZoneOffset.UTC));
    assertThat(presence.overlay(unknown)).isSameAs(unknown);
  }
}
