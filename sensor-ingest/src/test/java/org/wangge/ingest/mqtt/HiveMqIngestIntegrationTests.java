package org.wangge.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wangge.ingest.Await;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.RecordingProcessor;
import org.wangge.ingest.broker.BrokerSettings;
import org.wangge.ingest.broker.EmbeddedBroker;

/** Against the embedded HiveMQ CE, with device authentication. */
class HiveMqIngestIntegrationTests extends MqttIngestContract {

  static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
  static Path data;
  static BrokerSettings brokerSettings;
  static EmbeddedBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    data = Files.createTempDirectory("wangge-hivemq");
    brokerSettings = BrokerSettings.local(data, "wangge-ingest", "platform-secret");
    broker = EmbeddedBroker.start(brokerSettings, HiveMqIngestIntegrationTests::authenticate);
  }

  static boolean authenticate(String deviceId, byte[] password) {
    String secret = SECRETS.get(deviceId);
    return secret != null && secret.equals(new String(password, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Override
  String serverUri() {
    return broker.serverUri();
  }

  @Override
  String[] platformAccount() {
    return new String[] {"wangge-ingest", "platform-secret"};
  }

  @Test
  void startsOnTheFirstFreePortFrom11883() {
    assertThat(broker.port()).isGreaterThanOrEqualTo(BrokerSettings.FIRST_PORT);
    assertThat(broker.serverUri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
  }

  @Test
  void aDeviceConnectsWithItsSecretAndIsRefusedWithAWrongOne() throws Exception {
    SECRETS.put(tilt, "s3cret");
    RecordingProcessor processor = new RecordingProcessor();
    ingest(run + "-ingest", processor);

    assertThatThrownBy(() -> publisher(run + "-bad", tilt, "wrong"))
        .isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> publisher(run + "-ingest-impostor", "wangge-ingest", "guess"))
        .isInstanceOf(MqttException.class);

    // Another device's topic is refused: HiveMQ answers with PUBACK "not authorized" or by
    // disconnecting the device. Tried first, on its own connection, and waited for, so that had it
    // passed, its dead letter would reach the subscriber before S1.
    MqttClient intruder = publisher(run + "-dev-n", tilt, "s3cret");
    try {
      publish(intruder, topic(run + "-NEIGHBOUR", "alarm"), alarm(run + "-S2", tilt));
    } catch (MqttException refused) {
      // disconnected by the broker
    }
    MqttClient device = publisher(run + "-dev", tilt, "s3cret");
    publish(device, topic(tilt, "alarm"), alarm(run + "-S1", tilt));
    publish(device, topic(tilt, "recovery"), alarm(run + "-S3", tilt));

    Await.until("the device's two messages", () -> mine(processor).size() >= 2);
    assertThat(mine(processor))
        .extracting(IngestRecord::key)
        .containsExactly(run + "-S1", run + "-S3");
  }

  @Test
  void theIngestSurvivesABrokerRestart() throws Exception {
    RecordingProcessor processor = new RecordingProcessor();
    MqttIngest ingest = ingest(run + "-ingest", processor);
    broker.close();
    Await.until("the ingest to notice", () -> !ingest.isConnected());
    broker =
        EmbeddedBroker.start(
            new BrokerSettings(
                "127.0.0.1", broker.port(), data, "wangge-ingest", "platform-secret", true),
            HiveMqIngestIntegrationTests::authenticate);
    Await.until("reconnected", ingest::isConnected);
    // The session (and its subscriptions) survived in the data folder; the ingest also
    // resubscribes on every connect.
    Await.until(
        "a message after the restart processed",
        () -> {
          try {
            publish(
                publisher(run + "-pub-" + System.nanoTime(), "wangge-ingest", "platform-secret"),
                topic(tilt, "alarm"),
                alarm(run + "-AFTER", tilt));
          } catch (MqttException e) {
            return false;
          }
          return mine(processor).stream().anyMatch(r -> r.key().equals(run + "-AFTER"));
        });
  }
}
