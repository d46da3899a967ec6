package org.wangge.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wangge.ingest.AlarmLog;
import org.wangge.ingest.Await;
import org.wangge.ingest.DeadLetter;
import org.wangge.ingest.DeviceMessage;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.Quarantined;
import org.wangge.ingest.RecordingProcessor;
import org.wangge.ingest.TestDevices;
import org.wangge.ingest.decode.Decoder;
import org.wangge.ingest.decode.DecoderSettings;
import org.wangge.ingest.log.InProcessAlarmLog;
import org.wangge.ingest.log.InProcessLogSettings;

/**
 * MqttIngest with the in-process log against a real broker. Every test uses its own device ids and
 * client id, so a shared broker (the machine's Mosquitto) may carry other traffic.
 */
abstract class MqttIngestContract {

  /** The broker's URI. */
  abstract String serverUri();

  /** The ingest client's user name and password, or nulls. */
  abstract String[] platformAccount();

  final String run = "T" + UUID.randomUUID().toString().substring(0, 8);
  final String tilt = run + "-TILT-1";
  final TestDevices devices =
      new TestDevices()
          .add(tilt, "COVER_TILT")
          .add(run + "-OFF", "COVER_TILT")
          .disable(run + "-OFF");
  final Decoder decoder = new Decoder(devices, DecoderSettings.defaults());
  final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  MqttSettings settings(String clientId) {
    String[] account = platformAccount();
    return MqttSettings.of(serverUri(), clientId, account[0], account[1])
        .withSessionExpiry(Duration.ofMinutes(5));
  }

  /** A started log and a subscribed ingest; closed after the test, ingest first. */
  MqttIngest ingest(String clientId, RecordingProcessor processor) throws Exception {
    AlarmLog log =
        new InProcessAlarmLog(
            InProcessLogSettings.defaults()
                .withBackOff(Duration.ofMillis(10), Duration.ofMillis(100)),
            new SimpleMeterRegistry());
    log.start(processor);
    toClose.add(log);
    MqttIngest ingest = new MqttIngest(settings(clientId), decoder, log, new SimpleMeterRegistry());
    toClose.add(ingest);
    ingest.start();
    assertThat(ingest.awaitSubscribed(Await.GENEROUS)).as("subscribed").isTrue();
    return ingest;
  }

  /** A publisher allowed to publish anywhere. */
  MqttClient publisher() throws MqttException {
    String[] account = platformAccount();
    return publisher(run + "-pub", account[0], account[1]);
  }

  MqttClient publisher(String clientId, String user, String password) throws MqttException {
    MqttClient client = new MqttClient(serverUri(), clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    if (user != null) {
      options.setUserName(user);
      options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    client.connect(options);
    toClose.add(
        () -> {
          try {
            if (client.isConnected()) {
              client.disconnect();
            }
            client.close();
          } catch (MqttException alreadyGone) {
            // a broker may have closed it
          }
        });
    return client;
  }

  static void publish(MqttClient client, String topic, String payload) throws MqttException {
    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  String alarm(String alarmId, String deviceId) {
    return """
        {"alarmId":"%s","deviceId":"%s","type":"COVER_TILT","severity":"MAJOR",
         "time":"2026-11-23T18:00:00.123456Z","position":{"lon":120.64,"lat":31.16},
         "value":12.5,"unit":"deg","battery":87}
        """
        .formatted(alarmId, deviceId);
  }

  String topic(String deviceId, String kind) {
    return "wangge/v1/devices/" + deviceId + "/" + kind;
  }

  /** This test's records: other traffic on a shared broker is ignored. */
  List<IngestRecord> mine(RecordingProcessor p) {
    return p.records().stream().filter(r -> topicOf(r).contains(run)).toList();
  }

  static String topicOf(IngestRecord r) {
    if (r instanceof DeviceMessage m) {
      return m.topic();
    }
    if (r instanceof Quarantined q) {
      return q.topic();
    }
    return ((DeadLetter) r).topic();
  }

  @Test
  void everyMessageBecomesExactlyOneRecordOfItsKind() throws Exception {
    RecordingProcessor processor = new RecordingProcessor();
    ingest(run + "-ingest", processor);
    MqttClient pub = publisher();
    publish(pub, topic(tilt, "alarm"), alarm(run + "-A1", tilt));
    publish(pub, topic(tilt, "alarm"), "{\"alarmId\":");
    publish(pub, topic(tilt, "alarm"), alarm(run + "-A2", run + "-OTHER"));
    publish(pub, topic(run + "-GHOST", "alarm"), alarm(run + "-A3", run + "-GHOST"));
    publish(pub, topic(run + "-OFF", "alarm"), alarm(run + "-A4", run + "-OFF"));
    publish(pub, topic(tilt, "fire"), alarm(run + "-A5", tilt));

    Await.until("six records", () -> mine(processor).size() >= 6);
    List<IngestRecord> records = mine(processor);
    assertThat(records).hasSize(6);
    // records of different partition keys (device id, or topic for dead letters) may be processed
    // in any order relative to each other, so compare what became of each message, not the order
    assertThat(records)
        .extracting(MqttIngestContract::outcome)
        .containsExactlyInAnyOrder(
            "alarm " + run + "-A1",
            "dead letter MALFORMED_JSON",
            "dead letter DEVICE_MISMATCH",
            "quarantined UNKNOWN_DEVICE",
            "quarantined DISABLED_DEVICE",
            "dead letter WRONG_TOPIC");
  }

  private static String outcome(IngestRecord r) {
    if (r instanceof DeviceMessage m) {
      return "alarm " + m.alarmId();
    }
    if (r instanceof DeadLetter d) {
      return "dead letter " + d.reason();
    }
    return "quarantined " + ((Quarantined) r).reason();
  }

  @Test
  void aFailingProcessorIsRetriedAndTheMessageStillProcessed() throws Exception {
    RecordingProcessor processor = new RecordingProcessor().failNext(3);
    ingest(run + "-ingest", processor);
    publish(publisher(), topic(tilt, "alarm"), alarm(run + "-R1", tilt));
    Await.until("processed after the failures", () -> !mine(processor).isEmpty());
    assertThat(processor.failures()).isEqualTo(3);
    assertThat(mine(processor)).extracting(IngestRecord::key).containsExactly(run + "-R1");
  }

  @Test
  void aMessageNotProcessedIsNotAcknowledgedAndComesBack() throws Exception {
    String clientId = run + "-ingest";
    RecordingProcessor down = new RecordingProcessor().failNext(Integer.MAX_VALUE);
    MqttIngest first = ingest(clientId, down);
    publish(publisher(), topic(tilt, "alarm"), alarm(run + "-N1", tilt));
    Await.until("the failing processor tried it", () -> down.failures() > 0);
    first.close();
    toClose.get(toClose.indexOf(first) - 1).close(); // its log, abandoning the failing batch
    assertThat(mine(down)).isEmpty();

    RecordingProcessor up = new RecordingProcessor();
    ingest(clientId, up);
    Await.until("redelivered and processed", () -> !mine(up).isEmpty());
    assertThat(mine(up)).extracting(IngestRecord::key).contains(run + "-N1");
  }

  @Test
  void messagesPublishedWhileTheIngestIsDownArriveOnRestart() throws Exception {
    String clientId = run + "-ingest";
    MqttIngest first = ingest(clientId, new RecordingProcessor());
    first.close();
    MqttClient pub = publisher();
    for (int i = 1; i <= 3; i++) {
      publish(pub, topic(tilt, "alarm"), alarm(run + "-D" + i, tilt));
    }
    RecordingProcessor later = new RecordingProcessor();
    ingest(clientId, later);
    Await.until("the three queued messages", () -> mine(later).size() >= 3);
    assertThat(mine(later))
        .extracting(IngestRecord::key)
        .containsExactly(run + "-D1", run + "-D2", run + "-D3");
  }
}
