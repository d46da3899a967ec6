package org.wangge.bench.alarms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The platform's alarm payload (JSON, UTF-8) and deliberately broken variants of it. */
final class Payloads {

  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Payloads() {}

  static String alarmTopic(String deviceId) {
    return "wangge/v1/devices/" + deviceId + "/alarm";
  }

  /**
   * ISO-8601 instant with exactly six fraction digits, e.g. {@code 2026-11-23T18:00:00.123456Z}.
   */
  static String time(Instant t) {
    return MICROS.format(t);
  }

  static byte[] alarm(String alarmId, String deviceId, String alarmType, Instant time) {
    String json =
        "{\"alarmId\":\""
            + alarmId
            + "\",\"deviceId\":\""
            + deviceId
            + "\",\"type\":\""
            + alarmType
            + "\",\"severity\":\""
            + Fleet.severity(alarmType)
            + "\",\"time\":\""
            + time(time)
            + "\",\"battery\":87}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A payload the platform must dead-letter, carrying {@code alarmId} so that the dead letter can
   * be matched to it: odd variants are cut-off JSON, even ones have an unreadable time.
   */
  static byte[] malformed(long variant, String alarmId, String deviceId, Instant time) {
    String json =
        variant % 2 == 1
            ? "{\"alarmId\":\"" + alarmId + "\",\"deviceId\":\"" + deviceId + "\",\"type\":\"COVER_"
            : "{\"alarmId\":\""
                + alarmId
                + "\",\"deviceId\":\""
                + deviceId
                + "\",\"type\":\"COVER_TILT\",\"severity\":\"MAJOR\",\"time\":\"not a time "
                + time(time)
                + "\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
