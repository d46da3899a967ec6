package org.wangge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wangge.api.TestDatabases;
import org.wangge.api.TestUsers;

/**
 * The device-alarm path with the Kafka alarm log on a real in-process KRaft broker: the same
 * processor behind it, so an alarm published over MQTT becomes a case, and a repeat folds into it.
 */
@SpringBootTest
@DirtiesContext
class KafkaModeIntegrationTests {

  /** spring-kafka-test's broker on the Kafka 4.3 test kit, whose clientProperties() is gone. */
  static final class Kraft extends EmbeddedKafkaKraftBroker {
    Kraft() {
      super(1, 2);
    }

    @Override
    public String getBrokersAsString() {
      return getCluster().bootstrapServers();
    }
  }

  static final Kraft KAFKA = new Kraft();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    KAFKA.afterPropertiesSet();
    TestDatabases.register(registry);
    registry.add("wangge.mqtt.enabled", () -> "true");
    registry.add(
        "wangge.mqtt.embedded.data-dir",
        () -> Path.of("target", "hivemq-" + UUID.randomUUID()).toAbsolutePath().toString());
    registry.add("wangge.alarm-log", () -> "kafka");
    registry.add("wangge.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
  }

  @AfterAll
  static void stopKafka() {
    KAFKA.destroy();
  }

  @Autowired AlarmIngest ingest;
  @Autowired DatabaseClient db;

  @BeforeAll
  static void users(@Autowired ApplicationContext context) {
    TestUsers.ensure(context);
  }

  @Test
  void anAlarmThroughKafkaOpensACaseAndARepeatFoldsIntoIt() throws Exception {
    String component =
        (String)
            db.sql("select code from component order by code limit 1")
                .fetch()
                .one()
                .block()
                .get("code");
    db.sql(
            "insert into device (id, kind, component_code, secret_hash) values"
                + " ('T-KAFKA-1', 'COVER_TILT', :c, :h)")
        .bind("c", component)
        .bind("h", org.wangge.api.device.DeviceSecrets.hash("kafka-device-secret-1"))
        .fetch()
        .rowsUpdated()
        .block();
    ingest.reloadDevices(); // the registry reads the row the test inserted
    MqttClient device =
        new MqttClient(
            ingest.brokerUri(), "T-KAFKA-1-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName("T-KAFKA-1");
    options.setPassword("kafka-device-secret-1".getBytes(StandardCharsets.UTF_8));
    device.connect(options);
    for (int i = 1; i <= 2; i++) {
      device.publish(
          "wangge/v1/devices/T-KAFKA-1/alarm",
          ("{\"alarmId\":\"T-KAFKA-1-"
                  + i
                  + "\",\"deviceId\":\"T-KAFKA-1\","
                  + "\"type\":\"COVER_TILT\",\"time\":\""
                  + Instant.now()
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8),
          1,
          false);
    }
    device.disconnect();
    Map<String, Object> c = null;
    for (int i = 0; i < 600; i++) {
      c =
          db.sql("select alarm_count, status from case_file where device_id = 'T-KAFKA-1'")
              .fetch()
              .one()
              .block();
      if (c != null && ((Integer) c.get("alarm_count")) == 2) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(c).containsEntry("alarm_count", 2).containsEntry("status", "DISPATCHED");
    assertThat(
            db.sql("select count(*) as n from alarm where device_id = 'T-KAFKA-1'")
                .fetch()
                .one()
                .block()
                .get("n"))
        .isEqualTo(2L);
  }
}
