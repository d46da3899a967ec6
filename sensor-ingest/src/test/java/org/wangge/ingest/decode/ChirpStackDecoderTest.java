package org.wangge.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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

class ChirpStackDecoderTest {

  static final Instant NOW = Instant.parse("2026-11-23T18:00:01Z");
  static final String EUI = "0011223344556677";
  static final String TOPIC = "application/7f1c/device/" + EUI + "/event/up";

  final TestDevices devices =
      new TestDevices()
          .addLora("TILT-LORA-1", "COVER_TILT", EUI, true)
          .addLora("LAMP-LORA-1", "LAMP_CONTROLLER", "00112233445566A0", true)
          .addLora("WATER-LORA-1", "WATER_LEVEL", "00112233445566A1", true)
          .addLora("GAS-LORA-1", "GAS_DETECTOR", "00112233445566A2", true)
          .addLora("CAM-LORA-1", "CAMERA", "00112233445566A3", true)
          .addLora("OFF-LORA-1", "COVER_TILT", "00112233445566A4", false);
  final Decoder decoder = new Decoder(devices, DecoderSettings.defaults());

  static String uplink(String eui, String body) {
    return """
        {"deduplicationId":"3ac7e3c4-4401-4b8d-9386-a5c902f9202d","time":"2026-11-23T18:00:00.654321Z",
         "deviceInfo":{"tenantId":"t","applicationId":"7f1c","deviceProfileName":"tilt",
                       "deviceName":"cover 1","devEui":"%s","tags":{}},
         "devAddr":"00189440","adr":true,"dr":5,"fCnt":42,"fPort":1,"confirmed":false,
         "rxInfo":[{"gatewayId":"0016c001f153a14c","rssi":-57,"snr":10}],
         "txInfo":{"frequency":868100000},%s}
        """
        .formatted(eui, body);
  }

  IngestRecord decode(String eui, String body) {
    return decoder.decode(
        "application/7f1c/device/" + eui + "/event/up",
        uplink(eui, body).getBytes(StandardCharsets.UTF_8),
        NOW);
  }

  @Test
  void tiltObjectBeyondThresholdIsACoverTiltAlarm() {
    DeviceMessage m =
        (DeviceMessage) decode(EUI, "\"object\":{\"tiltDeg\":12.5,\"open\":false,\"battery\":87}");
    assertThat(m.alarmId()).isEqualTo("3ac7e3c4-4401-4b8d-9386-a5c902f9202d");
    assertThat(m.deviceId()).isEqualTo("TILT-LORA-1");
    assertThat(m.kind()).isEqualTo(MessageKind.ALARM);
    assertThat(m.alarmType()).isEqualTo(AlarmType.COVER_TILT);
    assertThat(m.severity()).isEqualTo(Severity.MAJOR);
    assertThat(m.value()).isEqualTo(12.5);
    assertThat(m.unit()).isEqualTo("deg");
    assertThat(m.batteryPercent()).isEqualTo(87.0);
    assertThat(m.time()).isEqualTo(Instant.parse("2026-11-23T18:00:00.654321Z"));
    assertThat(m.topic()).isEqualTo(TOPIC);
  }

  @Test
  void openFlagWinsOverTilt() {
    DeviceMessage m =
        (DeviceMessage) decode(EUI, "\"object\":{\"tiltDeg\":2,\"open\":true,\"battery\":87}");
    assertThat(m.alarmType()).isEqualTo(AlarmType.COVER_OPEN);
  }

  @Test
  void withinLimitsIsAHeartbeatOrOnAnEventARecovery() {
    assertThat(((DeviceMessage) decode(EUI, "\"object\":{\"tiltDeg\":2}")).kind())
        .isEqualTo(MessageKind.HEARTBEAT);
    DeviceMessage r = (DeviceMessage) decode(EUI, "\"object\":{\"tiltDeg\":2,\"event\":true}");
    assertThat(r.kind()).isEqualTo(MessageKind.RECOVERY);
    assertThat(r.alarmType()).isEqualTo(AlarmType.COVER_TILT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0011223344556677 | 5700007D | ALARM     | COVER_TILT       | 12.5  | 87
          0011223344556677 | FF010000 | ALARM     | COVER_OPEN       | 0.0   |
          0011223344556677 | 57000014 | HEARTBEAT |                  | 2.0   | 87
          0011223344556677 | 57800014 | RECOVERY  | COVER_TILT       | 2.0   | 87
          0011223344556677 | 5700FF9C | HEARTBEAT |                  | -10.0 | 87
          00112233445566A0 | FF010000 | ALARM     | LAMP_FAULT       | 0.0   |
          00112233445566A0 | FF000096 | HEARTBEAT |                  | 150.0 |
          00112233445566A1 | 5A00002A | ALARM     | WATER_LEVEL_HIGH | 0.42  | 90
          00112233445566A1 | 5A00000A | HEARTBEAT |                  | 0.1   | 90
          00112233445566A2 | 500000FA | ALARM     | GAS_LEAK         | 25.0  | 80
          """)
  void rawDataLayout(
      String eui, String hex, MessageKind kind, String type, double value, Double battery) {
    String data = Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(hex));
    DeviceMessage m = (DeviceMessage) decode(eui, "\"data\":\"" + data + "\"");
    assertThat(m.kind()).isEqualTo(kind);
    assertThat(m.alarmType()).isEqualTo(type == null ? null : new AlarmType(type));
    assertThat(m.value()).isEqualTo(value);
    assertThat(m.batteryPercent()).isEqualTo(battery);
  }

  @Test
  void fallsBackToDevEuiAndFrameCounterForTheAlarmId() {
    String noDedup =
        "{\"deviceInfo\":{\"devEui\":\"" + EUI + "\"},\"fCnt\":7,\"object\":{\"tiltDeg\":30}}";
    DeviceMessage m =
        (DeviceMessage) decoder.decode(TOPIC, noDedup.getBytes(StandardCharsets.UTF_8), NOW);
    assertThat(m.alarmId()).isEqualTo(EUI + ":7");
    assertThat(m.time()).isEqualTo(NOW);
  }

  @Test
  void problemsBecomeDeadLettersOrQuarantine() {
    assertThat(reason(decode("00112233445566A3", "\"object\":{\"x\":1}")))
        .isEqualTo(DeadLetter.Reason.UNDECODABLE_UPLINK);
    assertThat(reason(decode(EUI, "\"object\":{\"tilt\":1}")))
        .isEqualTo(DeadLetter.Reason.UNDECODABLE_UPLINK);
    assertThat(reason(decode(EUI, "\"data\":\"AAE=\"")))
        .isEqualTo(DeadLetter.Reason.UNDECODABLE_UPLINK);
    assertThat(reason(decode(EUI, "\"data\":\"!!\""))).isEqualTo(DeadLetter.Reason.INVALID_FIELD);
    assertThat(reason(decode(EUI, "\"foo\":1"))).isEqualTo(DeadLetter.Reason.UNDECODABLE_UPLINK);

    IngestRecord mismatch =
        decoder.decode(
            "application/7f1c/device/00112233445566FF/event/up",
            uplink(EUI, "\"object\":{}").getBytes(StandardCharsets.UTF_8),
            NOW);
    assertThat(reason(mismatch)).isEqualTo(DeadLetter.Reason.DEVICE_MISMATCH);

    Quarantined unknown = (Quarantined) decode("00112233445566EE", "\"object\":{\"tiltDeg\":30}");
    assertThat(unknown.reason()).isEqualTo(Quarantined.Reason.UNKNOWN_DEVICE);
    assertThat(unknown.deviceId()).isEqualTo("00112233445566ee");
    Quarantined off = (Quarantined) decode("00112233445566A4", "\"object\":{\"tiltDeg\":30}");
    assertThat(off.reason()).isEqualTo(Quarantined.Reason.DISABLED_DEVICE);
    assertThat(off.deviceId()).isEqualTo("OFF-LORA-1");
  }

  @Test
  void devEuiMatchesInAnyCase() {
    IngestRecord r =
        decoder.decode(
            "application/7f1c/device/00112233445566a2/event/up",
            uplink("00112233445566A2", "\"object\":{\"lel\":5}").getBytes(StandardCharsets.UTF_8),
            NOW);
    assertThat(r).isInstanceOf(DeviceMessage.class);
  }

  static DeadLetter.Reason reason(IngestRecord r) {
    assertThat(r).isInstanceOf(DeadLetter.class);
    return ((DeadLetter) r).reason();
  }
}
