package org.wangge.bench.alarms;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) in its own JVM, for the
 * platform's Kafka alarm-log mode in benchmarks and fault tests, where no Kafka is installed:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.wangge.bench.alarms.KafkaBroker [port] [partitions]
 * </pre>
 *
 * Prints {@code Kafka ready at HOST:PORT} once it accepts clients, then runs until killed. Built on
 * Kafka's own test kit ({@code kafka-test-common-runtime}); data lives in a temporary directory and
 * is deleted on exit. Defaults: port 19092, 4 partitions per auto-created topic.
 */
public final class KafkaBroker {

  private KafkaBroker() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 19092;
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setPerServerProperties(
                Map.of(
                    0,
                    Map.of(
                        "listeners",
                        "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:0",
                        "advertised.listeners",
                        "EXTERNAL://127.0.0.1:" + port)))
            .build();
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("auto.create.topics.enable", "true")
            .setConfigProp("num.partitions", String.valueOf(partitions))
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    cluster.close();
                  } catch (Exception e) {
                    System.err.println("closing Kafka: " + e);
                  }
                  stopped.countDown();
                }));
    System.out.println("Kafka ready at " + cluster.bootstrapServers());
    stopped.await();
  }
}
