package org.wangge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.wangge.api.TestDatabases;
import org.wangge.api.TestUsers;
import org.wangge.api.casefile.CaseEvent;
import org.wangge.api.casefile.CaseEvents;
import org.wangge.api.security.Role;
import reactor.test.StepVerifier;

/**
 * The whole device-alarm path with the embedded HiveMQ broker: a registered device connects with
 * its id and secret, publishes over MQTT, and the alarm becomes a routed case that reaches the live
 * inbox; a wrong secret is refused at CONNECT; a malformed payload becomes a dead letter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
class DeviceAlarmsIntegrationTests {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabases.register(registry);
    registry.add("wangge.mqtt.enabled", () -> "true");
    registry.add(
        "wangge.mqtt.embedded.data-dir",
        () -> Path.of("target", "hivemq-" + UUID.randomUUID()).toAbsolutePath().toString());
  }

  @Autowired AlarmIngest ingest;
  @Autowired CaseEvents events;
  @Autowired DatabaseClient db;
  @Autowired WebTestClient client;

  @BeforeAll
  static void users(@Autowired ApplicationContext context) {
    TestUsers.ensure(context);
  }

  private String register(String id, String secret) {
    String component =
        (String)
            db.sql(
                    "select c.code from component c where c.class_code like '0102%'"
                        + " and not exists (select 1 from device d where d.component_code = c.code)"
                        + " order by c.code limit 1")
                .fetch()
                .one()
                .block()
                .get("code");
    client
        .post()
        .uri("/api/devices")
        .headers(TestUsers.as(Role.ADMIN))
        .bodyValue(
            Map.of("id", id, "kind", "COVER_TILT", "componentCode", component, "secret", secret))
        .exchange()
        .expectStatus()
        .isCreated();
    return component;
  }

  private MqttClient connect(String id, String secret) throws MqttException {
    MqttClient device =
        new MqttClient(ingest.brokerUri(), id + "-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(id);
    options.setPassword(secret.getBytes(StandardCharsets.UTF_8));
    device.connect(options);
    return device;
  }

  @Test
  void aPublishedAlarmBecomesARoutedCaseInTheInbox() throws Exception {
    String component = register("T-MQTT-1", "secret-of-device-one");
    MqttClient device = connect("T-MQTT-1", "secret-of-device-one");
    String time = Instant.now().toString();
    String payload =
        "{\"alarmId\":\"T-MQTT-1-a1\",\"deviceId\":\"T-MQTT-1\",\"type\":\"COVER_TILT\","
            + "\"severity\":\"MAJOR\",\"time\":\""
            + time
            + "\",\"value\":17.5,\"unit\":\"deg\",\"battery\":91}";

    StepVerifier.create(events.stream(null).filter(e -> "T-MQTT-1".equals(e.deviceId())).take(1))
        .then(
            () -> {
              try {
                device.publish(
                    "wangge/v1/devices/T-MQTT-1/alarm",
                    payload.getBytes(StandardCharsets.UTF_8),
                    1,
                    false);
              } catch (MqttException e) {
                throw new IllegalStateException(e);
              }
            })
        .assertNext(
            (CaseEvent e) -> {
              assertThat(e.change()).isEqualTo("OPENED");
              assertThat(e.componentCode()).isEqualTo(component);
              assertThat(e.alarmType()).isEqualTo("COVER_TILT");
            })
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    Map<String, Object> alarm =
        db.sql("select outcome, value, case_id from alarm where alarm_id = 'T-MQTT-1-a1'")
            .fetch()
            .one()
            .block();
    assertThat(alarm.get("outcome")).isEqualTo("OPENED");
    assertThat(alarm.get("value")).isEqualTo(17.5);

    // a malformed payload from the same device: a dead letter with its reason, nothing else
    device.publish(
        "wangge/v1/devices/T-MQTT-1/alarm",
        "{\"alarmId\":\"T-MQTT-1-bad\",\"deviceId\":\"T-MQTT-1\",\"type\":\"cover tilt!\"}"
            .getBytes(StandardCharsets.UTF_8),
        1,
        false);
    Map<String, Object> dead = null;
    for (int i = 0; i < 300 && dead == null; i++) {
      dead = db.sql("select reason, detail from dead_letter").fetch().one().block();
      if (dead == null) {
        Thread.sleep(100);
      }
    }
    assertThat(dead).isNotNull();
    assertThat(dead.get("reason")).isEqualTo("INVALID_FIELD");
    assertThat(
            db.sql("select count(*) as n from alarm where alarm_id = 'T-MQTT-1-bad'")
                .fetch()
                .one()
                .block()
                .get("n"))
        .isEqualTo(0L);
    // and it is counted in the metrics
    client
        .get()
        .uri("/api/ingest/stats")
        .headers(TestUsers.as(Role.DISPATCHER))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.deadLetters")
        .isEqualTo(1)
        .jsonPath("$.meters")
        .value(
            (Map<String, Object> m) ->
                assertThat(m)
                    .hasEntrySatisfying(
                        m.keySet().stream()
                            .filter(
                                k ->
                                    k.startsWith("wangge.ingest.records")
                                        && k.contains("INVALID_FIELD"))
                            .findFirst()
                            .orElse("no INVALID_FIELD counter"),
                        v -> assertThat(((Number) v).doubleValue()).isEqualTo(1.0)));
    device.disconnect();
  }

  @Test
  void aWrongSecretIsRefusedAtConnect() {
    register("T-MQTT-2", "secret-of-device-two");
    assertThatThrownBy(() -> connect("T-MQTT-2", "not-the-secret-at-all"))
        .isInstanceOf(MqttException.class);
  }
}
