package org.wangge.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wangge.geo.routing.AlarmType;
import org.wangge.ingest.DeadLetter;
import org.wangge.ingest.DeviceMessage;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.MessageKind;
import org.wangge.ingest.Quarantined;
import org.wangge.ingest.Severity;
import org.wangge.ingest.TestDevices;

class DecoderTest {

  static final Instant NOW = Instant.parse("2026-11-23T18:00:01Z");
  static final String TILT = "TILT-320509-000001";
  static final String TOPIC = "wangge/v1/devices/" + TILT + "/alarm";
  static final String FULL =
      """
      {"alarmId":"A-123","deviceId":"TILT-320509-000001","type":"COVER_TILT","severity":"MAJOR",
       "time":"2026-11-23T18:00:00.123456Z","position":{"lon":120.64,"lat":31.16},
       "value":12.5,"unit":"deg","battery":87,"firmware":{"v":[1,2]}}
      """;

  final TestDevices devices =
      new TestDevices()
          .add(TILT, "COVER_TILT")
          .add("OFF-1", "COVER_TILT")
          .disable("OFF-1")
          .addLora("TILT-LORA-1", "COVER_TILT", "0011223344556677", true)
          .addLora("GAS-LORA-1", "GAS_DETECTOR", "00112233445566AA", true)
          .addLora("CAM-LORA-1", "CAMERA", "00112233445566BB", true);
  final Decoder decoder = new Decoder(devices, DecoderSettings.defaults());

  IngestRecord decode(String topic, String payload) {
    return decoder.decode(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
  }

  @Test
  void readsEveryFieldOfAnAlarmAndKeepsMicroseconds() {
    DeviceMessage m = (DeviceMessage) decode(TOPIC, FULL);
    assertThat(m.alarmId()).isEqualTo("A-123");
    assertThat(m.deviceId()).isEqualTo(TILT);
    assertThat(m.kind()).isEqualTo(MessageKind.ALARM);
    assertThat(m.alarmType()).isEqualTo(AlarmType.COVER_TILT);
    assertThat(m.severity()).isEqualTo(Severity.MAJOR);
    assertThat(m.time()).isEqualTo(Instant.parse("2026-11-23T18:00:00.123456Z"));
    assertThat(m.time().getNano()).isEqualTo(123_456_000);
    assertThat(m.lon()).isEqualTo(120.64);
    assertThat(m.lat()).isEqualTo(31.16);
    assertThat(m.value()).isEqualTo(12.5);
    assertThat(m.unit()).isEqualTo("deg");
    assertThat(m.batteryPercent()).isEqualTo(87.0);
    assertThat(m.topic()).isEqualTo(TOPIC);
    assertThat(m.receivedAt()).isEqualTo(NOW);
    assertThat(m.partitionKey()).isEqualTo(TILT);
  }

  @Test
  void recoveryAndMinimalAlarm() {
    String minimal =
        "{\"alarmId\":\"A-9\",\"deviceId\":\""
            + TILT
            + "\",\"type\":\"COVER_OPEN\","
            + "\"time\":\"2026-11-23T18:00:00+08:00\"}";
    DeviceMessage m = (DeviceMessage) decode("wangge/v1/devices/" + TILT + "/recovery", minimal);
    assertThat(m.kind()).isEqualTo(MessageKind.RECOVERY);
    assertThat(m.alarmType()).isEqualTo(AlarmType.COVER_OPEN);
    assertThat(m.time()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(m.severity()).isNull();
    assertThat(m.lon()).isNull();
    assertThat(m.batteryPercent()).isNull();
  }

  @Test
  void heartbeatWithoutAlarmIdGetsAStableDerivedId() {
    String hb = "{\"deviceId\":\"" + TILT + "\",\"time\":\"2026-11-23T18:00:00Z\",\"battery\":55}";
    String topic = "wangge/v1/devices/" + TILT + "/heartbeat";
    DeviceMessage first = (DeviceMessage) decode(topic, hb);
    DeviceMessage again = (DeviceMessage) decode(topic, hb);
    assertThat(first.kind()).isEqualTo(MessageKind.HEARTBEAT);
    assertThat(first.alarmType()).isNull();
    assertThat(first.batteryPercent()).isEqualTo(55.0);
    assertThat(first.alarmId()).isEqualTo(again.alarmId()).contains(TILT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          wangge/v1/devices/X/fire                |
          wangge/v1/devices/a b/alarm             |
          wangge/v1/devices//alarm                |
          wangge/v1/devices/X/alarm/extra         |
          wangge/v2/devices/X/alarm               |
          $share/wangge/wangge/v1/devices/X/alarm |
          application/1/device/0011/event/up      |
          application/1/device/0011223344556677/event/join |
          """)
  void wrongTopics(String topic) {
    DeadLetter d = (DeadLetter) decode(topic, FULL);
    assertThat(d.reason()).isEqualTo(DeadLetter.Reason.WRONG_TOPIC);
    assertThat(d.key()).startsWith("sha256:").hasSize(7 + 64);
    assertThat(d.detail()).contains(topic);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          not json                      | not valid JSON
          [1,2]                         | not a JSON object
          {"alarmId":"A-1"              | not valid JSON
          {"alarmId":"A-1"} {"x":1}     | content after
          ''                            | not a JSON object
          """)
  void malformedJson(String payload, String detail) {
    DeadLetter d = (DeadLetter) decode(TOPIC, payload.equals("''") ? "" : payload);
    assertThat(d.reason()).isEqualTo(DeadLetter.Reason.MALFORMED_JSON);
    assertThat(d.detail()).contains(detail);
    assertThat(d.payloadBytes()).isEqualTo(payload.equals("''") ? 0 : payload.length());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          "alarmId":"A 1"                   | field 'alarmId': "A 1"
          "alarmId":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" | field 'alarmId'
          "alarmId":12                      | field 'alarmId': 12 is not a string
          "type":"cover tilt"               | field 'type': "cover tilt"
          "type":null                       | field 'type' is missing
          "severity":"major"                | field 'severity': "major"
          "time":"yesterday"                | field 'time': "yesterday"
          "time":"2026-11-23 18:00:00"      | field 'time'
          "position":{"lon":200,"lat":31}   | field 'position.lon': 200.0
          "position":{"lon":120,"lat":-95}  | field 'position.lat': -95.0
          "position":{"lon":2.35,"lat":48.85} | field 'position': 2.35,48.85 is not a position in China
          "position":{"lon":120}            | field 'position.lat' is missing
          "position":[120,31]               | field 'position': an array
          "battery":140                     | field 'battery': 140.0 is not 0..100
          "battery":"full"                  | field 'battery': "full" is not a number
          "value":"12"                      | field 'value': "12" is not a number
          "unit":"degrees-of-arc-from-vertical" | field 'unit'
          """)
  void invalidFieldsNameTheFieldAndTheValue(String override, String detail) {
    // appended last: a repeated field replaces the earlier value
    String payload = FULL.substring(0, FULL.lastIndexOf('}')) + "," + override + "}";
    DeadLetter d = (DeadLetter) decode(TOPIC, payload);
    assertThat(d.reason()).isEqualTo(DeadLetter.Reason.INVALID_FIELD);
    assertThat(d.detail()).contains(detail);
  }

  @Test
  void deadLetterKeyIsTheAlarmIdWhenReadable() {
    String payload = FULL.substring(0, FULL.lastIndexOf('}')) + ",\"battery\":140}";
    assertThat(decode(TOPIC, payload).key()).isEqualTo("A-123");
    assertThat(decode(TOPIC, "{\"alarmId\":\"bad id\",\"battery\":140}").key())
        .startsWith("sha256:");
  }

  @Test
  void missingRequiredFields() {
    String noId =
        "{\"deviceId\":\"" + TILT + "\",\"type\":\"COVER_TILT\",\"time\":\"2026-11-23T18:00:00Z\"}";
    assertThat(((DeadLetter) decode(TOPIC, noId)).detail()).isEqualTo("field 'alarmId' is missing");
    String noDevice =
        "{\"alarmId\":\"A-1\",\"type\":\"COVER_TILT\",\"time\":\"2026-11-23T18:00:00Z\"}";
    assertThat(((DeadLetter) decode(TOPIC, noDevice)).detail())
        .isEqualTo("field 'deviceId' is missing");
  }

  @Test
  void deviceMismatchIsADeadLetterKeyedByAlarmId() {
    DeadLetter d = (DeadLetter) decode("wangge/v1/devices/OTHER-1/alarm", FULL);
    assertThat(d.reason()).isEqualTo(DeadLetter.Reason.DEVICE_MISMATCH);
    assertThat(d.key()).isEqualTo("A-123");
    assertThat(d.partitionKey()).isEqualTo("wangge/v1/devices/OTHER-1/alarm");
    assertThat(d.detail()).contains(TILT).contains("OTHER-1");
  }

  @Test
  void unknownAndDisabledDevicesAreQuarantined() {
    String unknown = FULL.replace(TILT, "GHOST-1");
    Quarantined q = (Quarantined) decode("wangge/v1/devices/GHOST-1/alarm", unknown);
    assertThat(q.reason()).isEqualTo(Quarantined.Reason.UNKNOWN_DEVICE);
    assertThat(q.key()).isEqualTo("A-123");
    assertThat(q.deviceId()).isEqualTo("GHOST-1");
    assertThat(new String(q.payload(), StandardCharsets.UTF_8)).isEqualTo(unknown);

    Quarantined off =
        (Quarantined) decode("wangge/v1/devices/OFF-1/alarm", FULL.replace(TILT, "OFF-1"));
    assertThat(off.reason()).isEqualTo(Quarantined.Reason.DISABLED_DEVICE);
  }

  @Test
  void oversizedPayloadIsCutAndNotParsed() {
    byte[] big = new byte[DecoderSettings.DEFAULT_MAX_PAYLOAD_BYTES + 1];
    java.util.Arrays.fill(big, (byte) '{');
    DeadLetter d = (DeadLetter) decoder.decode(TOPIC, big, NOW);
    assertThat(d.reason()).isEqualTo(DeadLetter.Reason.OVERSIZED);
    assertThat(d.payloadBytes()).isEqualTo(big.length);
    assertThat(d.payload()).hasSize(DeadLetter.MAX_KEPT_BYTES);
    assertThat(d.key()).isEqualTo(Decoder.digestKey(TOPIC, big));

    Decoder small = new Decoder(devices, DecoderSettings.defaults().withMaxPayloadBytes(100));
    assertThat(small.decode(TOPIC, FULL.getBytes(StandardCharsets.UTF_8), NOW))
        .isInstanceOfSatisfying(
            DeadLetter.class, x -> assertThat(x.reason()).isEqualTo(DeadLetter.Reason.OVERSIZED));
  }

  @Test
  void digestKeyIsStableAndDependsOnTopicAndPayload() {
    byte[] p = {1, 2, 3};
    assertThat(Decoder.digestKey("a", p)).isEqualTo(Decoder.digestKey("a", p));
    assertThat(Decoder.digestKey("a", p)).isNotEqualTo(Decoder.digestKey("b", p));
    // NUL separates topic from payload: "ab"+"c" differs from "a"+"bc"
    assertThat(Decoder.digestKey("ab", new byte[] {'c'}))
        .isNotEqualTo(Decoder.digestKey("a", new byte[] {'b', 'c'}));
  }
}
