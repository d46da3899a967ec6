package org.wangge.bench.alarms;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few MQTT 5.0 packets a QoS 1 publisher needs (OASIS MQTT Version 5.0, section 3): CONNECT,
 * CONNACK, PUBLISH, PUBACK, PINGREQ, PINGRESP, DISCONNECT. Not thread-safe: one writer and one
 * reader per connection.
 */
final class MqttWire {

  static final int CONNACK = 2;
  static final int PUBACK = 4;
  static final int PINGRESP = 13;
  static final int DISCONNECT = 14;

  /** Receive Maximum when the CONNACK does not say (section 3.2.2.3.3). */
  static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;

  private static final byte[] PROTOCOL = {0, 4, 'M', 'Q', 'T', 'T', 5};

  private MqttWire() {}

  /** A packet as read: its type (the high nibble of the first byte), flags and body. */
  record Packet(int type, int flags, byte[] body) {}

  /** What a CONNACK said. */
  record ConnAck(int reasonCode, int receiveMaximum, int serverKeepAliveSeconds) {}

  /** CONNECT with Clean Start, no will, no credentials and no properties. */
  static void writeConnect(OutputStream out, String clientId, int keepAliveSeconds)
      throws IOException {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    int length = PROTOCOL.length + 1 + 2 + 1 + 2 + id.length;
    out.write(0x10);
    writeLength(out, length);
    out.write(PROTOCOL);
    out.write(0x02);
    writeShort(out, keepAliveSeconds);
    out.write(0);
    writeShort(out, id.length);
    out.write(id);
  }

  /** PUBLISH at QoS 1, not retained, no properties; {@code dup} on a resend. */
  static void writePublish(
      OutputStream out, int packetId, byte[] topic, byte[] payload, boolean dup)
      throws IOException {
    out.write(dup ? 0x3A : 0x32);
    writeLength(out, 2 + topic.length + 2 + 1 + payload.length);
    writeShort(out, topic.length);
    out.write(topic);
    writeShort(out, packetId);
    out.write(0);
    out.write(payload);
  }

  static void writePingReq(OutputStream out) throws IOException {
    out.write(0xC0);
    out.write(0);
  }

  /** DISCONNECT, normal disconnection (reason code and properties omitted). */
  static void writeDisconnect(OutputStream out) throws IOException {
    out.write(0xE0);
    out.write(0);
  }

  /** Reads the next packet; {@link EOFException} when the connection ends. */
  static Packet read(DataInputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      throw new EOFException("connection closed by the broker");
    }
    int length = readVarInt(in);
    byte[] body = new byte[length];
    in.readFully(body);
    return new Packet(first >>> 4, first & 0x0F, body);
  }

  static ConnAck connAck(Packet p) throws IOException {
    if (p.type() != CONNACK || p.body().length < 2) {
      throw new IOException("expected CONNACK, got packet type " + p.type());
    }
    byte[] b = p.body();
    int reason = b[1] & 0xFF;
    int receiveMaximum = DEFAULT_RECEIVE_MAXIMUM;
    int keepAlive = -1;
    if (b.length > 2) {
      int[] at = {2};
      int end = readVarInt(b, at);
      end += at[0];
      while (at[0] < end) {
        int id = b[at[0]++] & 0xFF;
        switch (id) {
          case 0x21 -> receiveMaximum = u16(b, at);
          case 0x13 -> keepAlive = u16(b, at);
          case 0x24, 0x25, 0x28, 0x29, 0x2A -> at[0] += 1;
          case 0x22 -> at[0] += 2;
          case 0x11, 0x27 -> at[0] += 4;
          case 0x12, 0x15, 0x16, 0x1A, 0x1C, 0x1F -> at[0] += 2 + u16(b, at);
          case 0x26 -> {
            at[0] += 2 + u16(b, at);
            at[0] += 2 + u16(b, at);
          }
          default -> throw new IOException("unknown CONNACK property 0x" + Integer.toHexString(id));
        }
      }
    }
    return new ConnAck(reason, receiveMaximum, keepAlive);
  }

  /** The packet id of a PUBACK. */
  static int pubAckId(Packet p) {
    return ((p.body()[0] & 0xFF) << 8) | (p.body()[1] & 0xFF);
  }

  /** The reason code of a PUBACK: 0 (success) when omitted; 0x80 and above is a failure. */
  static int pubAckReason(Packet p) {
    return p.body().length > 2 ? p.body()[2] & 0xFF : 0;
  }

  private static void writeShort(OutputStream out, int v) throws IOException {
    out.write(v >>> 8);
    out.write(v & 0xFF);
  }

  private static void writeLength(OutputStream out, int length) throws IOException {
    do {
      int digit = length & 0x7F;
      length >>>= 7;
      out.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
  }

  private static int readVarInt(InputStream in) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 28; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed inside a packet header");
      }
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed remaining length");
  }

  private static int readVarInt(byte[] b, int[] at) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 28; shift += 7) {
      int v = b[at[0]++] & 0xFF;
      value |= (v & 0x7F) << shift;
      if ((v & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed variable byte integer");
  }

  private static int u16(byte[] b, int[] at) {
    int v = ((b[at[0]] & 0xFF) << 8) | (b[at[0] + 1] & 0xFF);
    at[0] += 2;
    return v;
  }
}
