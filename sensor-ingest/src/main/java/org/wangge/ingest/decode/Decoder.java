package org.wangge.ingest.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.wangge.geo.routing.AlarmType;
import org.wangge.ingest.DeadLetter;
import org.wangge.ingest.DeviceDirectory;
import org.wangge.ingest.DeviceDirectory.DeviceInfo;
import org.wangge.ingest.DeviceMessage;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.MessageKind;
import org.wangge.ingest.Quarantined;
import org.wangge.ingest.Severity;
import org.wangge.ingest.decode.UplinkDecoder.Reading;

/**
 * Turns one received MQTT message into exactly one {@link IngestRecord}.
 *
 * <p>Topics: {@code wangge/v1/devices/{deviceId}/alarm|recovery|heartbeat} carry the platform
 * payload (JSON, described by {@code org/wangge/ingest/alarm.schema.json}); {@code
 * application/{appId}/device/{devEui}/event/up} carries a ChirpStack v4 uplink event, read by the
 * {@link UplinkDecoder} of the device's kind. The outcome, checked in this order:
 *
 * <ol>
 *   <li>payload over {@link DecoderSettings#maxPayloadBytes()} → {@link DeadLetter} {@code
 *       OVERSIZED} (not parsed);
 *   <li>another topic → {@code WRONG_TOPIC};
 *   <li>not one JSON object → {@code MALFORMED_JSON};
 *   <li>a field missing, of the wrong type or out of range → {@code INVALID_FIELD}, the detail
 *       naming the field and the value;
 *   <li>the payload's device is not the topic's → {@code DEVICE_MISMATCH};
 *   <li>device unknown or disabled in the {@link DeviceDirectory} → {@link Quarantined};
 *   <li>an uplink its kind's decoder cannot read → {@code UNDECODABLE_UPLINK};
 *   <li>else a {@link DeviceMessage}.
 * </ol>
 *
 * A dead letter's key is the alarm id when one was read and valid, else {@code sha256:} and the hex
 * digest of topic, a NUL byte and the payload, so a redelivered message gets the same key. Unknown
 * payload fields are ignored, so devices may send more than the schema names.
 *
 * <p>Never throws; thread-safe; allocation-light (a streaming parser, no data binding).
 */
public final class Decoder {

  static final String DEVICE_TOPIC = "wangge/v1/devices/";
  static final String CHIRPSTACK_TOPIC = "application/";

  /** Mainland China with its islands, generously: lon 73–136° E, lat 3–54° N. */
  static final double MIN_LON = 73, MAX_LON = 136, MIN_LAT = 3, MAX_LAT = 54;

  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_UNIT_CHARS = 16;
  private static final int MAX_SHOWN_VALUE_CHARS = 80;

  private final DeviceDirectory devices;
  private final DecoderSettings settings;

  public Decoder(DeviceDirectory devices, DecoderSettings settings) {
    this.devices = Objects.requireNonNull(devices, "device directory");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Decodes one message.
   *
   * @param topic the topic it arrived on (without any {@code $share/…} prefix)
   * @param payload the payload bytes; not modified, and not kept beyond the returned record
   * @param receivedAt when the platform received it
   */
  public IngestRecord decode(String topic, byte[] payload, Instant receivedAt) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "received at");
    if (payload.length > settings.maxPayloadBytes()) {
      return dead(
          digestKey(topic, payload),
          DeadLetter.Reason.OVERSIZED,
          "payload of "
              + payload.length
              + " bytes exceeds the limit of "
              + settings.maxPayloadBytes()
              + " bytes",
          topic,
          payload,
          receivedAt);
    }
    try {
      if (topic.startsWith(DEVICE_TOPIC)) {
        return decodeDeviceTopic(topic, payload, receivedAt);
      }
      if (topic.startsWith(CHIRPSTACK_TOPIC)) {
        return decodeUplink(topic, payload, receivedAt);
      }
      return wrongTopic(topic, payload, receivedAt);
    } catch (RuntimeException e) {
      // A bug here must not stop the pipeline: the message is kept as a dead letter.
      return dead(
          digestKey(topic, payload),
          DeadLetter.Reason.MALFORMED_JSON,
          "the message could not be decoded: " + e,
          topic,
          payload,
          receivedAt);
    }
  }

  // ---------------------------------------------------------------- platform payload

  private IngestRecord decodeDeviceTopic(String topic, byte[] payload, Instant receivedAt) {
    int idEnd = topic.indexOf('/', DEVICE_TOPIC.length());
    if (idEnd < 0) {
      return wrongTopic(topic, payload, receivedAt);
    }
    String topicDevice = topic.substring(DEVICE_TOPIC.length(), idEnd);
    MessageKind kind =
        switch (topic.substring(idEnd + 1)) {
          case "alarm" -> MessageKind.ALARM;
          case "recovery" -> MessageKind.RECOVERY;
          case "heartbeat" -> MessageKind.HEARTBEAT;
          default -> null;
        };
    if (kind == null || !Ids.isValid(topicDevice)) {
      return wrongTopic(topic, payload, receivedAt);
    }
    PlatformFields f = new PlatformFields();
    try {
      f.parse(payload);
      f.validate(kind);
    } catch (FieldException e) {
      return dead(
          keyOf(f.alarmId, topic, payload),
          DeadLetter.Reason.INVALID_FIELD,
          e.getMessage(),
          topic,
          payload,
          receivedAt);
    } catch (JsonProcessingException e) {
      return dead(
          keyOf(f.alarmId, topic, payload),
          DeadLetter.Reason.MALFORMED_JSON,
          "not valid JSON: " + e.getOriginalMessage(),
          topic,
          payload,
          receivedAt);
    } catch (IOException e) {
      return dead(
          keyOf(f.alarmId, topic, payload),
          DeadLetter.Reason.MALFORMED_JSON,
          "not valid JSON: " + e.getMessage(),
          topic,
          payload,
          receivedAt);
    }
    String alarmId =
        f.alarmId != null ? f.alarmId : "hb:" + f.deviceId + ":" + f.instant.toString();
    if (!f.deviceId.equals(topicDevice)) {
      return dead(
          alarmId,
          DeadLetter.Reason.DEVICE_MISMATCH,
          "payload deviceId '"
              + shown(f.deviceId)
              + "' differs from the topic's '"
              + topicDevice
              + "'",
          topic,
          payload,
          receivedAt);
    }
    Optional<DeviceInfo> device = devices.byId(topicDevice);
    if (device.isEmpty() || !device.get().enabled()) {
      return quarantine(alarmId, topicDevice, device.isPresent(), topic, payload, receivedAt);
    }
    return new DeviceMessage(
        alarmId,
        topicDevice,
        kind,
        f.alarmType,
        kind == MessageKind.HEARTBEAT ? null : f.severity,
        f.instant,
        f.lon,
        f.lat,
        f.value,
        f.unit,
        f.battery,
        topic,
        receivedAt);
  }

  /** The platform payload's fields as read; the parse is one pass over the tokens. */
  private static final class PlatformFields {
    String alarmId;
    String deviceId;
    String type;
    String severityText;
    String time;
    String unit;
    Double lon;
    Double lat;
    Double value;
    Double battery;
    boolean hasPosition;
    AlarmType alarmType;
    Severity severity;
    Instant instant;

    void parse(byte[] payload) throws IOException {
      try (JsonParser p = JSON.createParser(payload)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new JsonProcessingException("the payload is not a JSON object") {};
        }
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          switch (name) {
            case "alarmId" -> alarmId = text(p, v, name);
            case "deviceId" -> deviceId = text(p, v, name);
            case "type" -> type = text(p, v, name);
            case "severity" -> severityText = text(p, v, name);
            case "time" -> time = text(p, v, name);
            case "unit" -> unit = text(p, v, name);
            case "value" -> value = number(p, v, name);
            case "battery" -> battery = number(p, v, name);
            case "position" -> parsePosition(p, v);
            default -> p.skipChildren();
          }
        }
        if (token != JsonToken.END_OBJECT) {
          throw new JsonProcessingException("the JSON object is not closed") {};
        }
        if (p.nextToken() != null) {
          throw new JsonProcessingException("content after the JSON object") {};
        }
      }
    }

    private void parsePosition(JsonParser p, JsonToken v) throws IOException {
      if (v == JsonToken.VALUE_NULL) {
        return;
      }
      if (v != JsonToken.START_OBJECT) {
        throw new FieldException("position", shownToken(p, v), "an object {\"lon\":…,\"lat\":…}");
      }
      // A repeated "position" replaces the earlier one as a whole, like any repeated field.
      hasPosition = true;
      lon = null;
      lat = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "lon" -> lon = number(p, t, "position.lon");
          case "lat" -> lat = number(p, t, "position.lat");
          default -> p.skipChildren();
        }
      }
    }

    void validate(MessageKind kind) {
      if (alarmId != null && !Ids.isValid(alarmId)) {
        String bad = alarmId;
        alarmId = null; // not a usable key
        throw new FieldException("alarmId", quoted(bad), "1–64 characters of A-Z a-z 0-9 . _ : -");
      }
      if (deviceId == null) {
        throw FieldException.missing("deviceId");
      }
      if (time == null) {
        throw FieldException.missing("time");
      }
      try {
        instant = Instant.parse(time);
      } catch (DateTimeParseException e) {
        throw new FieldException(
            "time", quoted(time), "an ISO-8601 instant such as 2026-11-23T18:00:00.123456Z");
      }
      if (kind != MessageKind.HEARTBEAT) {
        if (alarmId == null) {
          throw FieldException.missing("alarmId");
        }
        if (type == null) {
          throw FieldException.missing("type");
        }
        try {
          alarmType = new AlarmType(type);
        } catch (IllegalArgumentException e) {
          throw new FieldException(
              "type", quoted(type), "an alarm type in upper snake case, e.g. COVER_TILT");
        }
      }
      if (severityText != null) {
        try {
          severity = Severity.valueOf(severityText);
        } catch (IllegalArgumentException e) {
          throw new FieldException(
              "severity", quoted(severityText), "one of CRITICAL, MAJOR, MINOR, WARNING, INFO");
        }
      }
      if (hasPosition) {
        if (lon == null) {
          throw FieldException.missing("position.lon");
        }
        if (lat == null) {
          throw FieldException.missing("position.lat");
        }
        if (lon < -180 || lon > 180) {
          throw new FieldException("position.lon", String.valueOf(lon), "-180..180");
        }
        if (lat < -90 || lat > 90) {
          throw new FieldException("position.lat", String.valueOf(lat), "-90..90");
        }
        if (lon < MIN_LON || lon > MAX_LON || lat < MIN_LAT || lat > MAX_LAT) {
          throw new FieldException(
              "position", lon + "," + lat, "a position in China (lon 73..136, lat 3..54)");
        }
      }
      if (battery != null && (battery < 0 || battery > 100)) {
        throw new FieldException("battery", String.valueOf(battery), "0..100");
      }
      if (unit != null && (unit.isEmpty() || unit.length() > MAX_UNIT_CHARS)) {
        throw new FieldException("unit", quoted(unit), "1–16 characters");
      }
    }
  }

  // ---------------------------------------------------------------- ChirpStack

  private IngestRecord decodeUplink(String topic, byte[] payload, Instant receivedAt) {
    // application/{appId}/device/{devEui}/event/up
    String[] parts = topic.split("/", -1);
    if (parts.length != 6
        || parts[1].isEmpty()
        || !"device".equals(parts[2])
        || !Ids.isDevEui(parts[3])
        || !"event".equals(parts[4])
        || !"up".equals(parts[5])) {
      return wrongTopic(topic, payload, receivedAt);
    }
    String topicEui = parts[3].toLowerCase(Locale.ROOT);
    Uplink u = new Uplink();
    try {
      u.parse(payload);
    } catch (FieldException e) {
      return dead(
          keyOf(u.alarmId(topicEui), topic, payload),
          DeadLetter.Reason.INVALID_FIELD,
          e.getMessage(),
          topic,
          payload,
          receivedAt);
    } catch (IOException e) {
      String message =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      return dead(
          keyOf(u.alarmId(topicEui), topic, payload),
          DeadLetter.Reason.MALFORMED_JSON,
          "not valid JSON: " + message,
          topic,
          payload,
          receivedAt);
    }
    String alarmId = u.alarmId(topicEui);
    if (alarmId == null) {
      return dead(
          digestKey(topic, payload),
          DeadLetter.Reason.INVALID_FIELD,
          "field 'deduplicationId' is missing or invalid and there is no 'fCnt' to name the uplink",
          topic,
          payload,
          receivedAt);
    }
    if (u.devEui != null && !u.devEui.equalsIgnoreCase(topicEui)) {
      return dead(
          alarmId,
          DeadLetter.Reason.DEVICE_MISMATCH,
          "payload deviceInfo.devEui '"
              + shown(u.devEui)
              + "' differs from the topic's '"
              + parts[3]
              + "'",
          topic,
          payload,
          receivedAt);
    }
    Instant time;
    try {
      time = u.time == null ? receivedAt : Instant.parse(u.time);
    } catch (DateTimeParseException e) {
      return dead(
          alarmId,
          DeadLetter.Reason.INVALID_FIELD,
          "field 'time': " + quoted(u.time) + " is not an RFC 3339 instant",
          topic,
          payload,
          receivedAt);
    }
    Optional<DeviceInfo> device = devices.byDevEui(topicEui);
    if (device.isEmpty() || !device.get().enabled()) {
      return quarantine(
          alarmId,
          device.map(DeviceInfo::id).orElse(topicEui),
          device.isPresent(),
          topic,
          payload,
          receivedAt);
    }
    DeviceInfo info = device.get();
    UplinkDecoder kindDecoder = settings.uplinkDecoders().get(info.kind());
    if (kindDecoder == null) {
      return dead(
          alarmId,
          DeadLetter.Reason.UNDECODABLE_UPLINK,
          "no uplink decoder for device kind '" + info.kind() + "' of device " + info.id(),
          topic,
          payload,
          receivedAt);
    }
    Reading r;
    try {
      r = kindDecoder.decode(u.object, u.data, u.fPort);
    } catch (RuntimeException e) {
      return dead(
          alarmId,
          DeadLetter.Reason.UNDECODABLE_UPLINK,
          info.kind() + " uplink of device " + info.id() + ": " + e.getMessage(),
          topic,
          payload,
          receivedAt);
    }
    return new DeviceMessage(
        alarmId,
        info.id(),
        r.kind(),
        r.alarmType(),
        r.severity(),
        time,
        null,
        null,
        r.value(),
        r.unit(),
        r.batteryPercent(),
        topic,
        receivedAt);
  }

  /** The parts of a ChirpStack v4 uplink event the platform uses. */
  private static final class Uplink {
    String deduplicationId;
    String time;
    String devEui;
    Long fCnt;
    int fPort;
    Map<String, Object> object;
    byte[] data;

    String alarmId(String topicEui) {
      if (deduplicationId != null && Ids.isValid(deduplicationId)) {
        return deduplicationId;
      }
      return fCnt == null ? null : topicEui + ":" + fCnt;
    }

    void parse(byte[] payload) throws IOException {
      try (JsonParser p = JSON.createParser(payload)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new JsonProcessingException("the payload is not a JSON object") {};
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          switch (name) {
            case "deduplicationId" -> deduplicationId = text(p, v, name);
            case "time" -> time = text(p, v, name);
            case "fCnt" -> fCnt = integer(p, v, name);
            case "fPort" -> {
              Long port = integer(p, v, name);
              fPort = port == null ? 0 : port.intValue();
            }
            case "deviceInfo" -> parseDeviceInfo(p, v);
            case "object" -> object = flatObject(p, v);
            case "data" -> {
              String base64 = text(p, v, name);
              if (base64 != null) {
                try {
                  data = Base64.getDecoder().decode(base64);
                } catch (IllegalArgumentException e) {
                  throw new FieldException("data", quoted(base64), "base64");
                }
              }
            }
            default -> p.skipChildren();
          }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
          throw new JsonProcessingException("not exactly one JSON object") {};
        }
      }
    }

    private void parseDeviceInfo(JsonParser p, JsonToken v) throws IOException {
      if (v != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if ("devEui".equals(name)) {
          devEui = text(p, t, "deviceInfo.devEui");
        } else {
          p.skipChildren();
        }
      }
    }

    private static Map<String, Object> flatObject(JsonParser p, JsonToken v) throws IOException {
      if (v != JsonToken.START_OBJECT) {
        p.skipChildren();
        return null;
      }
      Map<String, Object> fields = new HashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (t) {
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> fields.put(name, p.getDoubleValue());
          case VALUE_TRUE -> fields.put(name, Boolean.TRUE);
          case VALUE_FALSE -> fields.put(name, Boolean.FALSE);
          case VALUE_STRING -> fields.put(name, p.getText());
          default -> p.skipChildren();
        }
      }
      return fields;
    }
  }

  // ---------------------------------------------------------------- shared

  private IngestRecord quarantine(
      String key,
      String deviceId,
      boolean known,
      String topic,
      byte[] payload,
      Instant receivedAt) {
    return known
        ? new Quarantined(
            key,
            deviceId,
            Quarantined.Reason.DISABLED_DEVICE,
            "device " + deviceId + " is disabled",
            topic,
            payload,
            receivedAt)
        : new Quarantined(
            key,
            deviceId,
            Quarantined.Reason.UNKNOWN_DEVICE,
            "device " + deviceId + " is not registered",
            topic,
            payload,
            receivedAt);
  }

  private static IngestRecord wrongTopic(String topic, byte[] payload, Instant receivedAt) {
    return dead(
        digestKey(topic, payload),
        DeadLetter.Reason.WRONG_TOPIC,
        "topic '"
            + shown(topic)
            + "' is neither wangge/v1/devices/{deviceId}/alarm|recovery|heartbeat"
            + " nor application/{appId}/device/{devEui}/event/up",
        topic,
        payload,
        receivedAt);
  }

  private static DeadLetter dead(
      String key,
      DeadLetter.Reason reason,
      String detail,
      String topic,
      byte[] payload,
      Instant receivedAt) {
    byte[] kept =
        payload.length <= DeadLetter.MAX_KEPT_BYTES
            ? payload.clone()
            : Arrays.copyOf(payload, DeadLetter.MAX_KEPT_BYTES);
    return new DeadLetter(key, reason, detail, topic, kept, payload.length, receivedAt);
  }

  private static String keyOf(String alarmId, String topic, byte[] payload) {
    return alarmId != null && Ids.isValid(alarmId) ? alarmId : digestKey(topic, payload);
  }

  /** {@code sha256:} + hex of topic (UTF-8), NUL, payload. */
  static String digestKey(String topic, byte[] payload) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(topic.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(payload);
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String text(JsonParser p, JsonToken v, String field) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new FieldException(field, shownToken(p, v), "a string");
  }

  private static Double number(JsonParser p, JsonToken v, String field) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (!Double.isFinite(d)) {
        throw new FieldException(field, p.getText(), "a finite number");
      }
      return d;
    }
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new FieldException(field, shownToken(p, v), "a number");
  }

  private static Long integer(JsonParser p, JsonToken v, String field) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new FieldException(field, shownToken(p, v), "an integer");
  }

  private static String shownToken(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> quoted(p.getText());
      default -> shown(p.getText());
    };
  }

  private static String quoted(String s) {
    return "\"" + shown(s) + "\"";
  }

  /** Keeps details short: a device may send anything. */
  static String shown(String s) {
    return s.length() <= MAX_SHOWN_VALUE_CHARS ? s : s.substring(0, MAX_SHOWN_VALUE_CHARS) + "…";
  }

  /** A field that is present but unusable, or missing. Unchecked so the parse loop stays flat. */
  static final class FieldException extends RuntimeException {
    FieldException(String field, String value, String expected) {
      super("field '" + field + "': " + value + " is not " + expected, null, false, false);
    }

    private FieldException(String message) {
      super(message, null, false, false);
    }

    static FieldException missing(String field) {
      return new FieldException("field '" + field + "' is missing");
    }
  }
}
