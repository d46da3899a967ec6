package org.wangge.ingest.broker;

import com.hivemq.bootstrap.StartupListenerVerifier;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.exceptions.UnrecoverableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's default MQTT broker: HiveMQ CE embedded in the JVM (MQTT 3.1.1 and 5, QoS 0–2,
 * persistent sessions, shared subscriptions), listening on one TCP port.
 *
 * <p>Every client must authenticate: the platform's ingest client with the account of {@link
 * BrokerSettings}, devices by their id as user name and their secret as password, checked by the
 * {@link BrokerAuthenticator}. With {@link BrokerSettings#restrictDeviceTopics()} a device may only
 * use topics below {@code wangge/v1/devices/{its id}/}: a publish elsewhere is refused (MQTT 5:
 * PUBACK "not authorized"; 3.1.1: the connection is closed).
 *
 * <p>Sessions and queued QoS 1 messages survive a restart in {@link BrokerSettings#dataFolder()}.
 * HiveMQ logs through SLF4J; the broker does not configure logging itself. Start it once, {@link
 * #close()} it once; the methods are thread-safe.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final int LAST_PORT = 65535;
  private static final int PORT_ATTEMPTS = 5;

  private final EmbeddedHiveMQ hivemq;
  private final String host;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, String host, int port) {
    this.hivemq = hivemq;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts the broker and returns once it accepts connections.
   *
   * @throws IllegalStateException when it cannot start (port taken, data folder unusable)
   */
  public static EmbeddedBroker start(BrokerSettings settings, BrokerAuthenticator devices) {
    return start(settings, devices, EmbeddedBroker::firstFreePort);
  }

  /** Finds the first port from {@code from} up that {@code bindAddress} can bind now. */
  @FunctionalInterface
  interface PortProbe {
    int firstFree(String bindAddress, int from);
  }

  /** Starts the broker on one port; a seam for tests of the retry below. */
  @FunctionalInterface
  interface Launch {
    EmbeddedBroker on(int port);
  }

  /** As {@link #start(BrokerSettings, BrokerAuthenticator)}, with the free-port search given. */
  static EmbeddedBroker start(
      BrokerSettings settings, BrokerAuthenticator devices, PortProbe probe) {
    return start(settings, probe, port -> launch(settings, devices, port));
  }

  /**
   * Starts on the settings' port, or on the first free one the probe finds. A port found free can
   * be bound by another process before the broker binds it (two services starting side by side):
   * when the listener could not bind, or the port is still taken once the start has failed, the
   * search goes on from the next port, a few times, instead of failing the whole start. The
   * listener's failure decides, not the port's state afterwards: the other process may have let the
   * port go by then. Any other failure ends the start, as does any failure on a configured port.
   */
  static EmbeddedBroker start(BrokerSettings settings, PortProbe probe, Launch launch) {
    if (settings.port() != 0) {
      return launch.on(settings.port());
    }
    int from = BrokerSettings.FIRST_PORT;
    for (int attempt = 1; ; attempt++) {
      int port = probe.firstFree(settings.bindAddress(), from);
      try {
        return launch.on(port);
      } catch (NotStarted e) {
        boolean portTaken = e.listenerNotBound || !isFree(settings.bindAddress(), port);
        if (attempt == PORT_ATTEMPTS || !portTaken) {
          throw e;
        }
        log.info("port {} was taken while the embedded MQTT broker started; trying the next", port);
        from = port + 1;
      }
    }
  }

  /** A start that failed once the broker's folder was ready (the listener could not bind …). */
  static final class NotStarted extends IllegalStateException {
    private final boolean listenerNotBound;

    NotStarted(String message, Throwable cause) {
      super(message, cause);
      this.listenerNotBound = listenerNotBound(cause);
    }
  }

  /**
   * True when HiveMQ stopped because no listener could bind: its {@code StartupListenerVerifier}
   * then logs "Could not start TCP Listener on port … Is it already in use?" and throws an {@code
   * UnrecoverableException} without a message, which the start future carries. The same exception
   * type stands for other fatal start-up errors, hence the check of the frame that threw it. (The
   * verifier also throws when no listener is configured, which the broker's configuration rules
   * out.) Checked against HiveMQ CE 2025.5; {@code EmbeddedBrokerPortTests} fails if an upgrade
   * changes it.
   */
  static boolean listenerNotBound(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnrecoverableException) {
        StackTraceElement[] frames = t.getStackTrace();
        return frames.length > 0
            && frames[0].getClassName().equals(StartupListenerVerifier.class.getName());
      }
    }
    return false;
  }

  static EmbeddedBroker launch(BrokerSettings settings, BrokerAuthenticator devices, int port) {
    Path data = settings.dataFolder().toAbsolutePath();
    try {
      Path conf = Files.createDirectories(data.resolve("conf"));
      Files.createDirectories(data.resolve("extensions"));
      Files.createDirectories(data.resolve("data"));
      Files.writeString(
          conf.resolve("config.xml"), config(settings.bindAddress(), port), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the broker's folder " + data, e);
    }
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(data.resolve("conf"))
            .withDataFolder(data.resolve("data"))
            .withExtensionsFolder(data.resolve("extensions"))
            .withEmbeddedExtension(
                EmbeddedExtension.builder()
                    .withId("wangge-device-auth")
                    .withName("Wangge device authentication")
                    .withVersion("1")
                    .withPriority(1000)
                    .withExtensionMain(new DeviceAuthExtension(settings, devices))
                    .build())
            .withoutLoggingBootstrap()
            .build();
    try {
      hivemq.start().get(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(hivemq);
      throw new IllegalStateException("interrupted while starting the MQTT broker", e);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(hivemq);
      throw new NotStarted(
          "the embedded MQTT broker did not start on " + settings.bindAddress() + ":" + port, e);
    }
    String host = "0.0.0.0".equals(settings.bindAddress()) ? "127.0.0.1" : settings.bindAddress();
    log.info("embedded MQTT broker listening on tcp://{}:{} (data in {})", host, port, data);
    return new EmbeddedBroker(hivemq, host, port);
  }

  /** The TCP port the broker listens on. */
  public int port() {
    return port;
  }

  /** The URI a local client connects to, e.g. {@code tcp://127.0.0.1:11883}. */
  public String serverUri() {
    return "tcp://" + host + ":" + port;
  }

  /** Stops the broker; sessions and queued messages stay in the data folder. */
  @Override
  public void close() {
    try {
      hivemq.stop().get(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("the embedded MQTT broker did not stop cleanly", e);
    } finally {
      closeQuietly(hivemq);
    }
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.close();
    } catch (Exception e) {
      log.debug("closing the embedded broker", e);
    }
  }

  static int firstFreePort(String bindAddress, int from) {
    for (int port = from; port <= LAST_PORT; port++) {
      if (isFree(bindAddress, port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free TCP port from " + from);
  }

  private static boolean isFree(String bindAddress, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static String config(String bindAddress, int port) {
    // Statistics off: the platform runs without internet access and must not phone home.
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
          </listeners>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(port, bindAddress);
  }
}
