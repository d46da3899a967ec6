package org.wangge.bench.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link Publishers}, for both clients, against the broker at {@code
 * WANGGE_TEST_MQTT_URL} (the machine's Mosquitto; skipped when unset), with a Paho subscriber
 * counting what the broker delivered. The numbered payloads make loss and duplicates countable.
 */
@Timeout(120)
class PublishersIntegrationTests {

  static final String URL = System.getenv("WANGGE_TEST_MQTT_URL");
  static final int DEVICES = 7;

  /** Below the broker's default queue of 1,000 messages per subscriber, beyond which it drops. */
  static final int CHUNK = 200;

  private final String base = "wangge-test/publishers/" + UUID.randomUUID();
  private final Map<Long, AtomicInteger> received = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> byDevice = new ConcurrentHashMap<>();
  private final Set<Long> ackedSeqs = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ackCalls = new AtomicInteger();
  private MqttAsyncClient subscriber;
  private Publishers publishers;
  private CuttingProxy proxy;

  @BeforeAll
  static void brokerGiven() {
    assumeTrue(URL != null && !URL.isBlank(), "WANGGE_TEST_MQTT_URL is not set");
  }

  @BeforeEach
  void subscribe() throws MqttException {
    subscriber =
        new MqttAsyncClient(URL, "wangge-test-sub-" + UUID.randomUUID(), new MemoryPersistence());
    subscriber.setCallback(
        new MqttCallback() {
          @Override
          public void messageArrived(String topic, MqttMessage message) {
            long n = Long.parseLong(new String(message.getPayload(), StandardCharsets.UTF_8));
            byDevice
                .computeIfAbsent(topic, t -> Collections.synchronizedList(new ArrayList<>()))
                .add(n);
            received.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
          }

          @Override
          public void disconnected(MqttDisconnectResponse response) {}

          @Override
          public void mqttErrorOccurred(MqttException exception) {}

          @Override
          public void deliveryComplete(IMqttToken token) {}

          @Override
          public void connectComplete(boolean reconnect, String serverUri) {}

          @Override
          public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    subscriber.connect(options).waitForCompletion(10_000);
    subscriber.subscribe(new MqttSubscription(base + "/#", 1)).waitForCompletion(10_000);
  }

  @AfterEach
  void close() throws MqttException {
    if (publishers != null) {
      publishers.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    subscriber.disconnect().waitForCompletion(5_000);
    subscriber.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"raw", "paho"})
  void everyMessageIsDeliveredOnceAndInOrderPerDevice(String client) throws Exception {
    publishers = open(client, URL);
    int count = 3_000;

    publishInChunks(0, count);

    assertThat(received).hasSize(count);
    assertThat(received.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
    assertThat(byDevice).hasSize(DEVICES);
    byDevice.values().forEach(numbers -> assertThat(numbers).isSorted());
    assertThat(publishers.submitted()).isEqualTo(count);
    assertThat(publishers.sends()).isEqualTo(count);
    assertThat(publishers.resends()).isZero();
    assertThat(publishers.rejected()).isZero();
    assertThat(publishers.unacknowledged()).isZero();
    assertThat(ackCalls.get()).isEqualTo(count);
    assertThat(ackedSeqs).hasSize(count);
  }

  @ParameterizedTest
  @ValueSource(strings = {"raw", "paho"})
  void messagesLostWithTheConnectionAreSentAgain(String client) throws Exception {
    proxy = new CuttingProxy(brokerAddress());
    publishers = open(client, proxy.url());
    int before = 1_000;
    int held = 600;
    publishInChunks(0, before);

    // Everything sent from now on stays in the proxy and is dropped with the connections.
    proxy.hold(true, false);
    long inFlight = submitAndFillWindows(before, before + held);
    proxy.cut();
    pumpUntil(() -> publishers.acked() == before + held && received.size() == before + held);

    assertThat(received.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
    assertThat(publishers.resends()).isGreaterThanOrEqualTo(inFlight);
    assertThat(publishers.unacknowledged()).isZero();
    assertThat(ackedSeqs).hasSize(before + held);
    assertThat(proxy.accepted()).isGreaterThanOrEqualTo(2 * publishers.connections());
  }

  @ParameterizedTest
  @ValueSource(strings = {"raw", "paho"})
  void messagesWhosePubackWasLostAreSentAgainNotLost(String client) throws Exception {
    proxy = new CuttingProxy(brokerAddress());
    publishers = open(client, proxy.url());
    int before = 1_000;
    int held = 600;
    publishInChunks(0, before);

    // The broker gets everything from now on; its PUBACKs stay in the proxy and are dropped.
    proxy.hold(false, true);
    long inFlight = submitAndFillWindows(before, before + held);
    pumpUntil(() -> received.size() == before + inFlight);
    assertThat(publishers.acked()).isEqualTo(before);
    proxy.cut();
    pumpUntil(() -> publishers.acked() == before + held && received.size() == before + held);

    // Each message in flight at the cut reached the broker twice; nothing else did.
    long twice = received.values().stream().filter(times -> times.get() == 2).count();
    assertThat(twice).isEqualTo(inFlight);
    assertThat(received.values()).allSatisfy(times -> assertThat(times.get()).isBetween(1, 2));
    assertThat(publishers.resends()).isEqualTo(inFlight);
    assertThat(ackCalls.get()).isEqualTo(before + held);
    assertThat(publishers.unacknowledged()).isZero();
  }

  private Publishers open(String client, String url) throws Exception {
    return Publishers.open(
        client,
        url,
        "wangge-test-pub-" + UUID.randomUUID(),
        3,
        100,
        600,
        (m, nanos) -> {
          ackCalls.incrementAndGet();
          ackedSeqs.add(m.seq());
        });
  }

  private Publishers.Message message(long n) {
    String device = "dev-" + n % DEVICES;
    return new Publishers.Message(
        n,
        "A-" + n,
        base + "/" + device,
        Long.toString(n).getBytes(StandardCharsets.UTF_8),
        System.nanoTime(),
        publishers.connectionFor(device));
  }

  /** Publishes {@code [from, to)} a chunk at a time, each once the subscriber has the last. */
  private void publishInChunks(long from, long to) {
    for (long chunk = from; chunk < to; chunk += CHUNK) {
      long end = Math.min(to, chunk + CHUNK);
      for (long n = chunk; n < end; n++) {
        publishers.submit(message(n));
      }
      pumpUntil(() -> received.size() == end && publishers.acked() == end);
    }
  }

  /**
   * Submits {@code [from, to)} and pumps until every window is as full as its backlog allows.
   *
   * @return messages in flight, not acknowledged
   */
  private long submitAndFillWindows(long from, long to) {
    long sendsBefore = publishers.sends();
    int[] perConnection = new int[publishers.connections()];
    for (long n = from; n < to; n++) {
      Publishers.Message m = message(n);
      perConnection[m.connection()]++;
      publishers.submit(m);
    }
    long expected = 0;
    for (int c = 0; c < perConnection.length; c++) {
      expected += Math.min(perConnection[c], publishers.window(c));
    }
    assertThat(expected).as("the windows must not take everything").isLessThan(to - from);
    long inFlight = expected;
    pumpUntil(() -> publishers.sends() - sendsBefore == inFlight);
    return inFlight;
  }

  private void pumpUntil(BooleanSupplier done) {
    while (!done.getAsBoolean()) {
      publishers.pump();
      Publishers.sleepQuietly(1_000_000);
    }
  }

  private static InetSocketAddress brokerAddress() {
    URI uri = URI.create(URL);
    return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort());
  }
}
