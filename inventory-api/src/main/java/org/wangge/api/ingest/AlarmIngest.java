package org.wangge.api.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.wangge.api.casefile.AlarmProcessor;
import org.wangge.api.device.DeviceRegistry;
import org.wangge.api.embedded.EmbeddedPostgres;
import org.wangge.ingest.AlarmLog;
import org.wangge.ingest.broker.BrokerSettings;
import org.wangge.ingest.broker.EmbeddedBroker;
import org.wangge.ingest.decode.Decoder;
import org.wangge.ingest.decode.DecoderSettings;
import org.wangge.ingest.log.InProcessAlarmLog;
import org.wangge.ingest.log.InProcessLogSettings;
import org.wangge.ingest.log.KafkaAlarmLog;
import org.wangge.ingest.log.KafkaLogSettings;
import org.wangge.ingest.mqtt.MqttIngest;
import org.wangge.ingest.mqtt.MqttSettings;

/**
 * Starts the device-alarm path once the service is ready (indexes loaded): the alarm log with the
 * {@link AlarmProcessor} behind it, the embedded MQTT broker unless {@code wangge.mqtt.url} names
 * an external one, and the MQTT ingest. Stops them in reverse order: the ingest first, so nothing
 * is acknowledged that the log did not finish.
 *
 * <p>Settings: {@code wangge.mqtt.enabled} (default true), {@code wangge.mqtt.url} (empty: embedded
 * HiveMQ), {@code wangge.mqtt.username}/{@code password}, {@code wangge.mqtt.client-id} (default
 * {@code wangge-ingest}; one per ingest worker, stable across restarts), {@code
 * wangge.mqtt.share-group} (several workers), {@code wangge.mqtt.embedded.port} (default: the first
 * free from 11883), {@code wangge.mqtt.embedded.data-dir}, {@code wangge.mqtt.embedded.bind}
 * (default 127.0.0.1), {@code wangge.mqtt.max-payload-bytes}, {@code wangge.mqtt.receive-maximum}
 * (default 65535), {@code wangge.alarm-log} ({@code in-process} or {@code kafka}), {@code
 * wangge.kafka.bootstrap-servers}, {@code wangge.kafka.topic}, {@code wangge.alarm-log.partitions}
 * (in-process worker threads, default 1).
 */
@Component
public class AlarmIngest implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AlarmIngest.class);

  private final AlarmProcessor processor;
  private final DeviceRegistry devices;
  private final MeterRegistry meters;
  private final Environment env;
  private static final String BROKER_USER = "wangge-platform";

  /** The platform's own login at the embedded broker, new at every start. */
  private final String brokerPassword = org.wangge.api.device.DeviceSecrets.generate();

  private CompletableFuture<EmbeddedBroker> brokerStart;
  private EmbeddedBroker broker;
  private AlarmLog alarmLog;
  private MqttIngest ingest;

  AlarmIngest(
      AlarmProcessor processor, DeviceRegistry devices, MeterRegistry meters, Environment env) {
    this.processor = processor;
    this.devices = devices;
    this.meters = meters;
    this.env = env;
  }

  /**
   * Called by the start-up once the indexes are loaded, before the service says it is ready; fails
   * (and so stops the start) when the broker or Kafka cannot be reached.
   */
  public synchronized void start() {
    processor.prepare();
    if (!env.getProperty("wangge.mqtt.enabled", Boolean.class, true)) {
      log.info("MQTT ingest is off (wangge.mqtt.enabled=false)");
      return;
    }
    alarmLog = openLog();
    alarmLog.start(processor);
    String url = env.getProperty("wangge.mqtt.url", "");
    String username = env.getProperty("wangge.mqtt.username");
    String password = env.getProperty("wangge.mqtt.password");
    if (url.isBlank()) {
      try {
        broker = embeddedBroker().join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
      username = BROKER_USER;
      password = brokerPassword;
      url = broker.serverUri();
    }
    // Acknowledgements wait for the database commit, so the broker's in-flight window bounds the
    // throughput (window / commit round trip): open it as far as MQTT 5 allows; the alarm log's
    // bounded queues are what push back.
    MqttSettings settings =
        MqttSettings.of(
                url, env.getProperty("wangge.mqtt.client-id", "wangge-ingest"), username, password)
            .withReceiveMaximum(
                env.getProperty("wangge.mqtt.receive-maximum", Integer.class, 65535));
    String group = env.getProperty("wangge.mqtt.share-group");
    if (group != null && !group.isBlank()) {
      settings = settings.withShareGroup(group);
    }
    DecoderSettings decoding =
        DecoderSettings.defaults()
            .withMaxPayloadBytes(
                env.getProperty(
                    "wangge.mqtt.max-payload-bytes",
                    Integer.class,
                    DecoderSettings.DEFAULT_MAX_PAYLOAD_BYTES));
    ingest = new MqttIngest(settings, new Decoder(devices, decoding), alarmLog, meters);
    ingest.start();
    try {
      if (!ingest.awaitSubscribed(Duration.ofSeconds(10))) {
        log.warn("MQTT ingest not subscribed yet at {}: it keeps reconnecting", url);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.printf("MQTT ingest subscribed at %s with the %s alarm log%n", url, logKind());
  }

  /**
   * Starts the embedded broker on a thread of its own, if this configuration uses one, so that its
   * start (seconds) overlaps the rest of the start-up instead of following it; {@link #start} waits
   * for it (and starts it, if this was not called). Devices that connect before the registry is
   * loaded are refused and retry.
   */
  public synchronized void startBrokerEarly() {
    if (env.getProperty("wangge.mqtt.enabled", Boolean.class, true)
        && env.getProperty("wangge.mqtt.url", "").isBlank()) {
      embeddedBroker();
    }
  }

  private synchronized CompletableFuture<EmbeddedBroker> embeddedBroker() {
    if (brokerStart == null) {
      brokerStart = new CompletableFuture<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  brokerStart.complete(startEmbeddedBroker());
                } catch (RuntimeException e) {
                  brokerStart.completeExceptionally(e);
                }
              },
              "wangge-broker-start");
      t.setDaemon(true);
      t.start();
    }
    return brokerStart;
  }

  private EmbeddedBroker startEmbeddedBroker() {
    Path data = brokerDataDir(env);
    EmbeddedBroker started =
        EmbeddedBroker.start(
            new BrokerSettings(
                env.getProperty("wangge.mqtt.embedded.bind", "127.0.0.1"),
                env.getProperty("wangge.mqtt.embedded.port", Integer.class, 0),
                data,
                BROKER_USER,
                brokerPassword,
                true),
            devices::authenticate);
    System.out.printf(
        "Embedded MQTT broker (HiveMQ CE) on %s (data in %s); devices log in with their id and"
            + " secret%n",
        started.serverUri(), data);
    return started;
  }

  /**
   * The embedded broker's data directory: {@code wangge.mqtt.embedded.data-dir}, else {@code
   * hivemq} beside the embedded PostgreSQL's data directory (the configured one, else the default),
   * so that two platforms with their own data directories do not share a broker's.
   */
  static Path brokerDataDir(Environment env) {
    String dir = env.getProperty("wangge.mqtt.embedded.data-dir", "");
    if (!dir.isBlank()) {
      return Path.of(dir);
    }
    String postgres = env.getProperty("wangge.embedded.postgres.data-dir", "");
    return (postgres.isBlank() ? EmbeddedPostgres.defaultDataDir() : Path.of(postgres))
        .resolveSibling("hivemq");
  }

  /** Re-reads the device registry (after a change made outside the device API). */
  void reloadDevices() {
    devices.reload();
  }

  /** The broker's address when one runs embedded, for tests and the start-up line. */
  synchronized String brokerUri() {
    return broker == null ? null : broker.serverUri();
  }

  private String logKind() {
    return env.getProperty("wangge.alarm-log", "in-process").toLowerCase(Locale.ROOT);
  }

  private AlarmLog openLog() {
    String kind = logKind();
    if (kind.equals("kafka")) {
      String servers = env.getProperty("wangge.kafka.bootstrap-servers", "");
      if (servers.isBlank()) {
        throw new IllegalStateException(
            "wangge.alarm-log=kafka needs wangge.kafka.bootstrap-servers");
      }
      KafkaLogSettings settings = KafkaLogSettings.defaults(servers);
      String topic = env.getProperty("wangge.kafka.topic");
      if (topic != null && !topic.isBlank()) {
        settings =
            settings.withTopic(topic, env.getProperty("wangge.kafka.partitions", Integer.class, 6));
      }
      return new KafkaAlarmLog(settings, meters);
    }
    if (!kind.equals("in-process")) {
      throw new IllegalStateException(
          "wangge.alarm-log is '" + kind + "': use in-process (default) or kafka");
    }
    // One worker by default: a batch costs PostgreSQL about the same whatever its size, so fewer,
    // larger batches cost less. At 5,000 alarms/s on two cores, one worker kept p99
    // publish→commit at 88 ms, two at 121–139 ms, four at 394 ms (docs/benchmarks.md).
    return new InProcessAlarmLog(
        InProcessLogSettings.defaults()
            .withPartitions(env.getProperty("wangge.alarm-log.partitions", Integer.class, 1)),
        meters);
  }

  @Override
  public synchronized void destroy() {
    if (ingest != null) {
      ingest.close();
    }
    if (alarmLog != null) {
      alarmLog.close();
    }
    if (broker == null && brokerStart != null) {
      // started early, and start() never ran: wait for it to finish starting, then stop it
      broker = brokerStart.exceptionally(e -> null).join();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
