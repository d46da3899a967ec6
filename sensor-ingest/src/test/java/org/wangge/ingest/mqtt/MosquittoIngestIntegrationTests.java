package org.wangge.ingest.mqtt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/** Against the broker at {@code WANGGE_TEST_MQTT_URL} (the machine's Mosquitto); skipped unset. */
class MosquittoIngestIntegrationTests extends MqttIngestContract {

  static final String URL = System.getenv("WANGGE_TEST_MQTT_URL");

  @BeforeAll
  static void brokerGiven() {
    assumeTrue(URL != null && !URL.isBlank(), "WANGGE_TEST_MQTT_URL is not set");
  }

  @Override
  String serverUri() {
    return URL;
  }

  @Override
  String[] platformAccount() {
    return new String[] {
      System.getenv("WANGGE_TEST_MQTT_USER"), System.getenv("WANGGE_TEST_MQTT_PASSWORD")
    };
  }
}
