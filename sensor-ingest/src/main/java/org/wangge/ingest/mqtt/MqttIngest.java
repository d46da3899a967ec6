package org.wangge.ingest.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wangge.ingest.AlarmLog;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.decode.Decoder;

/**
 * Subscribes to the device topics over MQTT 5 (Eclipse Paho) and feeds every message, decoded, to
 * the {@link AlarmLog}; acknowledges a message only once the log says it is safe.
 *
 * <p><b>Delivery.</b> QoS 1 subscriptions on a persistent session ({@code cleanStart=false},
 * session expiry from the settings) with manual acknowledgement: the PUBACK leaves in the log's
 * {@code onSafe}, in arrival order (MQTT demands it; {@link AckSequencer} keeps it). A message
 * whose effect was not committed is therefore redelivered by the broker after a reconnect or
 * restart; the processor is idempotent, so a redelivery is harmless. Messages published while the
 * platform is down wait in its session on the broker.
 *
 * <p><b>Back-pressure.</b> Paho delivers messages on one callback thread, which decodes and
 * appends; when the log is full the append blocks that thread, and with at most {@link
 * MqttSettings#receiveMaximum()} unacknowledged messages the broker stops sending.
 *
 * <p><b>Failures.</b> Paho reconnects by itself (1 s to 30 s apart) and the subscriptions are
 * renewed on every connect; a first connect that fails is retried the same way. An exception thrown
 * from Paho's message callback would drop the connection, so none escapes it: a message that cannot
 * be decoded is a dead letter, never an exception.
 *
 * <p>Close the ingest before the alarm log. Thread-safe.
 */
public final class MqttIngest implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);
  private static final int MAX_RECONNECT_DELAY_SECONDS = 30;

  private final MqttSettings settings;
  private final Decoder decoder;
  private final AlarmLog alarmLog;
  private final MqttAsyncClient client;
  private final ScheduledExecutorService retries;
  private final Counter received;
  private final Counter connects;
  private final CountDownLatch firstSubscription = new CountDownLatch(1);
  private volatile AckSequencer acks;
  private volatile boolean closed;

  public MqttIngest(
      MqttSettings settings, Decoder decoder, AlarmLog alarmLog, MeterRegistry meters) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.alarmLog = Objects.requireNonNull(alarmLog, "alarm log");
    this.received = meters.counter("wangge.ingest.mqtt.received");
    this.connects = meters.counter("wangge.ingest.mqtt.connects");
    try {
      // Memory persistence: the client never publishes, and the broker's session is what
      // survives a restart.
      this.client =
          new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException(
          "cannot create an MQTT client for " + settings.serverUri(), e);
    }
    client.setManualAcks(true);
    client.setCallback(new Callback());
    this.acks = newSequencer();
    this.retries =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mqtt-ingest-connect");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Connects in the background and subscribes; returns at once. Use {@link #awaitSubscribed} to
   * wait.
   */
  public void start() {
    connect(1);
  }

  /** Waits until the first subscription is in place; false when {@code timeout} passed first. */
  public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
    return firstSubscription.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the client is connected to the broker now. */
  public boolean isConnected() {
    return client.isConnected();
  }

  /**
   * Disconnects, keeping the session on the broker: unacknowledged and later messages are delivered
   * on the next start with the same client id.
   */
  @Override
  public void close() {
    closed = true;
    retries.shutdownNow();
    try {
      if (client.isConnected()) {
        client.disconnect(2_000).waitForCompletion(5_000);
      }
    } catch (MqttException e) {
      log.debug("MQTT disconnect did not complete; closing forcibly", e);
      try {
        client.disconnectForcibly(0, 1_000, false);
      } catch (MqttException ignored) {
        // already gone
      }
    } finally {
      acks.close();
      try {
        client.close();
      } catch (MqttException e) {
        log.debug("closing the MQTT client", e);
      }
    }
  }

  private AckSequencer newSequencer() {
    return new AckSequencer(client::messageArrivedComplete);
  }

  private void connect(int attempt) {
    if (closed) {
      return;
    }
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, MAX_RECONNECT_DELAY_SECONDS);
    options.setReceiveMaximum(settings.receiveMaximum());
    options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    options.setConnectionTimeout(10);
    if (settings.serverUri().startsWith("tcp://")) {
      options.setSocketFactory(new BufferedSockets());
    }
    if (settings.username() != null) {
      options.setUserName(settings.username());
    }
    if (settings.password() != null) {
      options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
    }
    try {
      client.connect(
          options,
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              // connectComplete subscribes
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              retryConnect(attempt, e);
            }
          });
    } catch (MqttException e) {
      retryConnect(attempt, e);
    }
  }

  private void retryConnect(int attempt, Throwable e) {
    if (closed) {
      return;
    }
    long delay = Math.min(MAX_RECONNECT_DELAY_SECONDS, 1L << Math.min(attempt - 1, 5));
    log.warn(
        "MQTT connect to {} failed (attempt {}): {}; retrying in {} s",
        settings.serverUri(),
        attempt,
        e.toString(),
        delay);
    try {
      retries.schedule(() -> connect(attempt + 1), delay, TimeUnit.SECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // closed meanwhile
    }
  }

  private void subscribe() {
    List<String> filters = settings.subscriptionFilters();
    MqttSubscription[] subscriptions =
        filters.stream().map(f -> new MqttSubscription(f, 1)).toArray(MqttSubscription[]::new);
    try {
      client.subscribe(
          subscriptions,
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              int[] codes = token.getReasonCodes();
              for (int i = 0; codes != null && i < codes.length; i++) {
                if (codes[i] >= 0x80) {
                  log.error(
                      "the broker refused the subscription {} (reason code 0x{})",
                      filters.get(Math.min(i, filters.size() - 1)),
                      Integer.toHexString(codes[i]));
                  return;
                }
              }
              log.info("subscribed to {} on {}", filters, settings.serverUri());
              firstSubscription.countDown();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              // The next reconnect subscribes again.
              log.error("subscribing to {} failed", filters, e);
            }
          },
          new MqttProperties());
    } catch (MqttException e) {
      log.error("subscribing to {} failed", filters, e);
    }
  }

  private final class Callback implements MqttCallback {

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      connects.increment();
      log.info("MQTT {} to {}", reconnect ? "reconnected" : "connected", serverUri);
      subscribe();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      // Packet ids die with the connection: start a fresh sequence for the next one.
      AckSequencer old = acks;
      acks = newSequencer();
      old.close();
      if (!closed) {
        log.warn("MQTT connection to {} lost: {}", settings.serverUri(), response);
      }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // Never throw from here: Paho v5 closes the connection when this callback throws.
      try {
        received.increment();
        IngestRecord record = decoder.decode(topic, message.getPayload(), Instant.now());
        Runnable onSafe;
        if (message.getQos() == 0) {
          onSafe = () -> {};
        } else {
          AckSequencer sequencer = acks;
          AckSequencer.Ticket ticket = sequencer.arrived(message.getId(), message.getQos());
          onSafe = () -> sequencer.safe(ticket);
        }
        alarmLog.append(record, onSafe);
      } catch (InterruptedException e) {
        log.warn("interrupted appending an MQTT message from {}; it stays unacknowledged", topic);
      } catch (Throwable e) {
        log.error("MQTT message from {} not taken; it stays unacknowledged", topic, e);
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
      log.warn("MQTT error from {}", settings.serverUri(), e);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
