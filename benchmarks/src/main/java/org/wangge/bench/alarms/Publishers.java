package org.wangge.bench.alarms;

import java.util.concurrent.TimeUnit;

/**
 * Publisher connections to an MQTT broker, QoS 1, that keep every message until the broker has
 * acknowledged it (PUBACK with a success reason code), sending it again after a failure or a lost
 * connection: the broker may see an alarm id twice, which the platform must absorb.
 *
 * <p>Each connection has a window of messages in flight (at most the broker's Receive Maximum);
 * messages beyond it wait in that connection's backlog, in order. A device is pinned to one
 * connection, so its messages reach the broker in order unless a retry overtakes.
 *
 * <p>{@link #submit}, {@link #pump} and {@link #close} must be called from one thread (the sending
 * thread); the counters may be read from any thread.
 */
interface Publishers extends AutoCloseable {

  /** One message to publish; {@code dueNanos} is its scheduled time. */
  record Message(
      long seq, String alarmId, String topic, byte[] payload, long dueNanos, int connection) {}

  /** Told of each message's first PUBACK, on a thread of the client. */
  interface AckListener {
    void acked(Message message, long ackNanos);
  }

  /**
   * Connects {@code connections} publishers and waits for the brokers' CONNACKs.
   *
   * @param client {@code raw} ({@link RawMqttPublishers}) or {@code paho} ({@link PahoPublishers})
   * @param inflight the largest window per connection; the broker's Receive Maximum may lower it
   * @param retryAfterSeconds how long to wait for a PUBACK before sending the message again (raw:
   *     before dropping the connection and sending everything unacknowledged again)
   */
  static Publishers open(
      String client,
      String url,
      String clientIdPrefix,
      int connections,
      int inflight,
      double retryAfterSeconds,
      AckListener listener)
      throws Exception {
    return switch (client) {
      case "raw" ->
          new RawMqttPublishers(
              url, clientIdPrefix, connections, inflight, retryAfterSeconds, listener);
      case "paho" ->
          new PahoPublishers(
              url, clientIdPrefix, connections, inflight, retryAfterSeconds, listener);
      default -> throw new IllegalArgumentException("--client " + client + " is not raw or paho");
    };
  }

  int connections();

  /** The window of connection {@code i}: the smaller of ours and the broker's Receive Maximum. */
  int window(int i);

  /** Which connection a device's messages go through. */
  default int connectionFor(String deviceId) {
    return Math.floorMod(deviceId.hashCode(), connections());
  }

  /** Queues a new message on its connection; {@link #pump} sends it. */
  void submit(Message m);

  /**
   * Sends what the windows allow: messages to retry first, then the backlogs in order.
   *
   * @return messages still waiting in the backlogs
   */
  int pump();

  long submitted();

  long acked();

  /** Messages submitted and not yet acknowledged by the broker. */
  default long unacknowledged() {
    return submitted() - acked();
  }

  /** Sends after the first of a message: failures, lost connections, missing PUBACKs. */
  long resends();

  long sends();

  /** PUBACKs with a failure reason code (each was sent again). */
  long rejected();

  @Override
  void close();

  static void sleepQuietly(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
