package org.wangge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wangge.api.TestDatabases;
import org.wangge.api.TestUsers;

/**
 * The device-alarm path through an external broker — the machine's Mosquitto at {@code
 * WANGGE_TEST_MQTT_URL} (skipped when unset): an alarm of a sample device becomes a case, a message
 * from an unregistered device is quarantined, one on a wrong topic is a dead letter; each message
 * is accounted for exactly once.
 */
@SpringBootTest
@DirtiesContext
@EnabledIfEnvironmentVariable(named = "WANGGE_TEST_MQTT_URL", matches = ".+")
class ExternalBrokerIntegrationTests {

  private static final String URL = System.getenv("WANGGE_TEST_MQTT_URL");
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabases.register(registry);
    registry.add("wangge.mqtt.enabled", () -> "true");
    registry.add("wangge.mqtt.url", () -> URL);
    // a client id of its own: the broker keeps persistent sessions between runs
    registry.add("wangge.mqtt.client-id", () -> "wangge-test-" + RUN);
  }

  @Autowired DatabaseClient db;

  @BeforeAll
  static void users(@Autowired ApplicationContext context) {
    TestUsers.ensure(context);
  }

  private Map<String, Object> awaitRow(String sql) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      Map<String, Object> row = db.sql(sql).fetch().one().block();
      if (row != null) {
        return row;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no row for " + sql + " after 30 s");
  }

  @Test
  void everyMessageEndsAsACaseAQuarantineEntryOrADeadLetter() throws Exception {
    String device =
        (String)
            db.sql("select id from device where kind = 'COVER_TILT' order by id limit 1")
                .fetch()
                .one()
                .block()
                .get("id");
    MqttClient publisher = new MqttClient(URL, "t-pub-" + RUN, new MemoryPersistence());
    publisher.connect(new MqttConnectionOptions());
    String now = Instant.now().toString();
    publisher.publish(
        "wangge/v1/devices/" + device + "/alarm",
        ("{\"alarmId\":\"ext-"
                + RUN
                + "-1\",\"deviceId\":\""
                + device
                + "\",\"type\":\"COVER_OPEN\",\"time\":\""
                + now
                + "\"}")
            .getBytes(StandardCharsets.UTF_8),
        1,
        false);
    publisher.publish(
        "wangge/v1/devices/NOT-REGISTERED-" + RUN + "/alarm",
        ("{\"alarmId\":\"ext-"
                + RUN
                + "-2\",\"deviceId\":\"NOT-REGISTERED-"
                + RUN
                + "\",\"type\":\"SMOKE\",\"time\":\""
                + now
                + "\"}")
            .getBytes(StandardCharsets.UTF_8),
        1,
        false);
    publisher.publish(
        "wangge/v1/devices/" + device + "/selfie",
        ("{\"alarmId\":\"ext-" + RUN + "-3\"}").getBytes(StandardCharsets.UTF_8),
        1,
        false);
    publisher.disconnect();

    Map<String, Object> alarm =
        awaitRow("select outcome, case_id from alarm where alarm_id = 'ext-" + RUN + "-1'");
    assertThat(alarm.get("outcome")).isEqualTo("OPENED");
    Map<String, Object> c =
        awaitRow(
            "select device_id, alarm_type, status from case_file where id = "
                + alarm.get("case_id"));
    assertThat(c).containsEntry("device_id", device).containsEntry("status", "DISPATCHED");

    Map<String, Object> q =
        awaitRow("select reason from quarantine where key = 'ext-" + RUN + "-2'");
    assertThat(q.get("reason")).isEqualTo("UNKNOWN_DEVICE");
    Map<String, Object> dead =
        awaitRow("select reason, topic from dead_letter where topic like '%/selfie'");
    assertThat(dead.get("reason")).isEqualTo("WRONG_TOPIC");

    long total =
        (Long)
            db.sql(
                    "select (select count(*) from alarm) + (select count(*) from quarantine)"
                        + " + (select count(*) from dead_letter) as n")
                .fetch()
                .one()
                .block()
                .get("n");
    assertThat(total).isEqualTo(3);
  }
}
