package org.wangge.bench.alarms;

import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) in its own JVM, for the
 * platform's Kafka alarm-log mode in benchmarks and fault tests, where no Kafka is installed:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.wangge.bench.alarms.KafkaBroker [partitions]
 * </pre>
 *
 * Prints {@code Kafka ready at HOST:PORT} once it accepts clients (the port is free one the kit
 * chose), then runs until killed. Built on Kafka's own test kit ({@code
 * kafka-test-common-runtime}); data lives in a temporary directory and is deleted on exit. Default:
 * 4 partitions per auto-created topic.
 */
public final class KafkaBroker {

  private KafkaBroker() {}

  public static void main(String[] args) throws Exception {
    int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    // The kit picks its listener ports itself (a fixed "listeners" is overwritten by it): the
    // address to use is the one printed on the ready line.
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
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
