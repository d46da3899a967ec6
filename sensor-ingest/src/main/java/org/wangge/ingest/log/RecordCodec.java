package org.wangge.ingest.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import org.wangge.geo.routing.AlarmType;
import org.wangge.ingest.DeadLetter;
import org.wangge.ingest.DeviceMessage;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.MessageKind;
import org.wangge.ingest.Quarantined;
import org.wangge.ingest.Severity;

/**
 * Writes an {@link IngestRecord} as one JSON object (UTF-8) for the Kafka log and reads it back.
 * Instants keep their nanoseconds; payload bytes are base64. The {@code "v"} field versions the
 * format so a later reader can still read what an older writer left in the log. Stateless and
 * thread-safe.
 */
public final class RecordCodec {

  static final int VERSION = 1;
  private static final JsonFactory JSON = new JsonFactory();

  private RecordCodec() {}

  /** The record as JSON bytes. */
  public static byte[] encode(IngestRecord record) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(512);
        JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("v", VERSION);
      if (record instanceof DeviceMessage m) {
        g.writeStringField("t", "message");
        g.writeStringField("alarmId", m.alarmId());
        g.writeStringField("deviceId", m.deviceId());
        g.writeStringField("kind", m.kind().name());
        if (m.alarmType() != null) {
          g.writeStringField("type", m.alarmType().code());
        }
        if (m.severity() != null) {
          g.writeStringField("severity", m.severity().name());
        }
        g.writeStringField("time", m.time().toString());
        writeNumber(g, "lon", m.lon());
        writeNumber(g, "lat", m.lat());
        writeNumber(g, "value", m.value());
        if (m.unit() != null) {
          g.writeStringField("unit", m.unit());
        }
        writeNumber(g, "battery", m.batteryPercent());
        g.writeStringField("topic", m.topic());
      } else if (record instanceof Quarantined q) {
        g.writeStringField("t", "quarantined");
        g.writeStringField("key", q.key());
        g.writeStringField("deviceId", q.deviceId());
        g.writeStringField("reason", q.reason().name());
        if (q.detail() != null) {
          g.writeStringField("detail", q.detail());
        }
        if (q.topic() != null) {
          g.writeStringField("topic", q.topic());
        }
        g.writeBinaryField("payload", q.payload());
      } else if (record instanceof DeadLetter d) {
        g.writeStringField("t", "dead");
        g.writeStringField("key", d.key());
        g.writeStringField("reason", d.reason().name());
        g.writeStringField("detail", d.detail());
        g.writeStringField("topic", d.topic());
        g.writeBinaryField("payload", d.payload());
        g.writeNumberField("payloadBytes", d.payloadBytes());
      }
      g.writeStringField("receivedAt", record.receivedAt().toString());
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen writing to memory", e);
    }
  }

  /**
   * Reads what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException when the bytes are not such a record
   */
  public static IngestRecord decode(byte[] bytes) {
    Fields f = new Fields();
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (name) {
          case "v" -> f.version = p.getIntValue();
          case "t" -> f.t = p.getText();
          case "alarmId" -> f.alarmId = p.getText();
          case "key" -> f.key = p.getText();
          case "deviceId" -> f.deviceId = p.getText();
          case "kind" -> f.kind = p.getText();
          case "type" -> f.type = p.getText();
          case "severity" -> f.severity = p.getText();
          case "time" -> f.time = p.getText();
          case "lon" -> f.lon = p.getDoubleValue();
          case "lat" -> f.lat = p.getDoubleValue();
          case "value" -> f.value = p.getDoubleValue();
          case "unit" -> f.unit = p.getText();
          case "battery" -> f.battery = p.getDoubleValue();
          case "topic" -> f.topic = p.getText();
          case "reason" -> f.reason = p.getText();
          case "detail" -> f.detail = p.getText();
          case "payload" -> f.payload = Base64.getDecoder().decode(p.getText());
          case "payloadBytes" -> f.payloadBytes = p.getIntValue();
          case "receivedAt" -> f.receivedAt = p.getText();
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable alarm log record: " + e.getMessage(), e);
    }
    if (f.version != VERSION) {
      throw new IllegalArgumentException("alarm log record version " + f.version + " is unknown");
    }
    try {
      Instant receivedAt = Instant.parse(f.receivedAt);
      return switch (String.valueOf(f.t)) {
        case "message" ->
            new DeviceMessage(
                f.alarmId,
                f.deviceId,
                MessageKind.valueOf(f.kind),
                f.type == null ? null : new AlarmType(f.type),
                f.severity == null ? null : Severity.valueOf(f.severity),
                Instant.parse(f.time),
                f.lon,
                f.lat,
                f.value,
                f.unit,
                f.battery,
                f.topic,
                receivedAt);
        case "quarantined" ->
            new Quarantined(
                f.key,
                f.deviceId,
                Quarantined.Reason.valueOf(f.reason),
                f.detail,
                f.topic,
                f.payload,
                receivedAt);
        case "dead" ->
            new DeadLetter(
                f.key,
                DeadLetter.Reason.valueOf(f.reason),
                f.detail,
                f.topic,
                f.payload,
                f.payloadBytes,
                receivedAt);
        default -> throw new IllegalArgumentException("unknown record type '" + f.t + "'");
      };
    } catch (NullPointerException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("incomplete alarm log record: " + e.getMessage(), e);
    }
  }

  private static void writeNumber(JsonGenerator g, String name, Double value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    }
  }

  private static final class Fields {
    int version;
    String t;
    String alarmId;
    String key;
    String deviceId;
    String kind;
    String type;
    String severity;
    String time;
    Double lon;
    Double lat;
    Double value;
    String unit;
    Double battery;
    String topic;
    String reason;
    String detail;
    byte[] payload;
    int payloadBytes;
    String receivedAt;
  }
}
