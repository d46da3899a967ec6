package org.wangge.ingest.log;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * spring-kafka-test's in-process KRaft broker, made to run on the Kafka 4.3 test kit: its {@code
 * getBrokersAsString()} calls {@code KafkaClusterTestKit.clientProperties()}, which Kafka 4.3
 * removed. The registry lacks Kafka 4.2.2's test jars, so 4.3.1 it is.
 */
final class KraftBroker extends EmbeddedKafkaKraftBroker {

  KraftBroker(int partitionsPerTopic) {
    super(1, partitionsPerTopic);
  }

  @Override
  public String getBrokersAsString() {
    return getCluster().bootstrapServers();
  }
}
