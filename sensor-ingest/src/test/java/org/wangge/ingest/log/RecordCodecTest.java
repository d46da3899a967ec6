package org.wangge.ingest.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.wangge.geo.routing.AlarmType;
import org.wangge.ingest.DeadLetter;
import org.wangge.ingest.DeviceMessage;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.MessageKind;
import org.wangge.ingest.Quarantined;
import org.wangge.ingest.Severity;

class RecordCodecTest {

  static final Instant AT = Instant.parse("2026-11-23T18:00:00.123456789Z");

  @Test
  void deviceMessagesRoundTripWithAllFieldsOrNone() {
    DeviceMessage full =
        new DeviceMessage(
            "A-1",
            "TILT-1",
            MessageKind.ALARM,
            AlarmType.COVER_TILT,
            Severity.MAJOR,
            AT,
            120.64,
            31.16,
            12.5,
            "deg",
            87.0,
            "wangge/v1/devices/TILT-1/alarm",
            AT.plusMillis(3));
    DeviceMessage bare =
        new DeviceMessage(
            "hb:TILT-1:x",
            "TILT-1",
            MessageKind.HEARTBEAT,
            null,
            null,
            AT,
            null,
            null,
            null,
            null,
            null,
            "wangge/v1/devices/TILT-1/heartbeat",
            AT);
    assertThat(RecordCodec.decode(RecordCodec.encode(full))).isEqualTo(full);
    assertThat(RecordCodec.decode(RecordCodec.encode(bare))).isEqualTo(bare);
  }

  @Test
  void quarantinedAndDeadLettersRoundTripWithTheirBytes() {
    byte[] payload = {0, 1, 2, (byte) 0xFF, '"', '\\'};
    Quarantined q =
        new Quarantined(
            "A-2",
            "GHOST",
            Quarantined.Reason.UNKNOWN_DEVICE,
            "device GHOST is not" + " registered",
            "wangge/v1/devices/GHOST/alarm",
            payload,
            AT);
    DeadLetter d =
        new DeadLetter(
            "sha256:ab",
            DeadLetter.Reason.OVERSIZED,
            "payload of 20000 bytes…",
            "t/ü",
            payload,
            20000,
            AT);
    Quarantined q2 = (Quarantined) RecordCodec.decode(RecordCodec.encode(q));
    DeadLetter d2 = (DeadLetter) RecordCodec.decode(RecordCodec.encode(d));
    assertSameFields(q2, q);
    assertSameFields(d2, d);
    assertThat(q2.payload()).containsExactly(payload);
    assertThat(d2.payload()).containsExactly(payload);
  }

  @Test
  void rejectsWhatItDidNotWrite() {
    assertThatThrownBy(() -> RecordCodec.decode("nope".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordCodec.decode("{\"v\":9}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("version 9");
    assertThatThrownBy(
            () ->
                RecordCodec.decode("{\"v\":1,\"t\":\"message\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static void assertSameFields(IngestRecord actual, IngestRecord expected) {
    assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
  }
}
