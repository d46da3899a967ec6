package org.wangge.ingest.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link MqttIngest} connects and subscribes.
 *
 * @param serverUri e.g. {@code tcp://127.0.0.1:1883} or {@code ssl://broker:8883}
 * @param clientId stable across restarts: the broker keeps the persistent session, with the
 *     messages that arrive while the platform is down, under this id
 * @param username {@code null} for an anonymous broker
 * @param password {@code null} for none
 * @param shareGroup when set, every topic is subscribed as {@code $share/{group}/{topic}} so that
 *     several ingest workers divide the messages; {@code null} for one worker
 * @param topics the topic filters, without any {@code $share} prefix
 * @param receiveMaximum how many unacknowledged QoS 1 messages the broker may send at once;
 *     acknowledgements wait for the database, so keep it large
 * @param sessionExpiry how long the broker keeps the session (and queues messages) while the
 *     platform is disconnected
 * @param keepAlive the MQTT keep-alive interval
 */
public record MqttSettings(
    String serverUri,
    String clientId,
    String username,
    String password,
    String shareGroup,
    List<String> topics,
    int receiveMaximum,
    Duration sessionExpiry,
    Duration keepAlive) {

  /** The platform's device topics and ChirpStack v4 uplink events. */
  public static final List<String> DEFAULT_TOPICS =
      List.of("wangge/v1/devices/+/+", "application/+/device/+/event/up");

  public MqttSettings {
    Objects.requireNonNull(serverUri, "server URI");
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("a persistent session needs a fixed client id");
    }
    topics = List.copyOf(topics);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("no topics to subscribe to");
    }
    if (shareGroup != null && (shareGroup.isBlank() || shareGroup.matches(".*[/+#].*"))) {
      throw new IllegalArgumentException("share group '" + shareGroup + "' is not a plain name");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65535) {
      throw new IllegalArgumentException("receive maximum " + receiveMaximum + " is not 1..65535");
    }
    Objects.requireNonNull(sessionExpiry, "session expiry");
    Objects.requireNonNull(keepAlive, "keep alive");
  }

  /**
   * The default topics, no share group, receive maximum 1000, session kept for a day, keep-alive 30
   * s.
   */
  public static MqttSettings of(
      String serverUri, String clientId, String username, String password) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        null,
        DEFAULT_TOPICS,
        1000,
        Duration.ofDays(1),
        Duration.ofSeconds(30));
  }

  public MqttSettings withShareGroup(String group) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        group,
        topics,
        receiveMaximum,
        sessionExpiry,
        keepAlive);
  }

  public MqttSettings withTopics(List<String> topics) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        shareGroup,
        topics,
        receiveMaximum,
        sessionExpiry,
        keepAlive);
  }

  public MqttSettings withReceiveMaximum(int maximum) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        shareGroup,
        topics,
        maximum,
        sessionExpiry,
        keepAlive);
  }

  public MqttSettings withSessionExpiry(Duration expiry) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        shareGroup,
        topics,
        receiveMaximum,
        expiry,
        keepAlive);
  }

  /** The filters as subscribed: with {@code $share/{group}/} when a share group is set. */
  public List<String> subscriptionFilters() {
    return shareGroup == null
        ? topics
        : topics.stream().map(t -> "$share/" + shareGroup + "/" + t).toList();
  }
}
