package org.wangge.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.exceptions.UnrecoverableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * The free-port search of the embedded broker when another process binds the port it found free
 * before the broker does: two services (or test JVMs) starting side by side.
 */
class EmbeddedBrokerPortTests {

  private static final String LOOPBACK = "127.0.0.1";

  @Test
  void aPortTakenAfterTheProbeFoundItFreeMovesTheBrokerToTheNextFreeOne() throws Exception {
    Path data = Files.createTempDirectory("wangge-hivemq-port");
    try (ServerSocket other = bound(EmbeddedBroker.firstFreePort(LOOPBACK, 21883))) {
      int taken = other.getLocalPort();
      List<Integer> probedFrom = new ArrayList<>();
      // the first probe answers the port the other process has just bound, as a probe that ran a
      // moment before it did would
      EmbeddedBroker.PortProbe racing =
          (address, from) -> {
            probedFrom.add(from);
            return probedFrom.size() == 1 ? taken : EmbeddedBroker.firstFreePort(address, from);
          };
      try (EmbeddedBroker broker =
          EmbeddedBroker.start(
              BrokerSettings.local(data, "wangge-ingest", "platform-secret"),
              (user, password) -> false,
              racing)) {
        assertThat(broker.port()).isGreaterThan(taken);
        assertThat(probedFrom).containsExactly(BrokerSettings.FIRST_PORT, taken + 1);
        assertThat(connects(broker, "wangge-ingest", "platform-secret")).isTrue();
      }
    }
  }

  @Test
  void aPortTakenWhenTheBrokerBindsButFreedBeforeTheFailureIsExaminedStillMovesItOn()
      throws Exception {
    BrokerSettings settings =
        BrokerSettings.local(
            Files.createTempDirectory("wangge-hivemq-port"), "wangge-ingest", "platform-secret");
    ServerSocket other = bound(EmbeddedBroker.firstFreePort(LOOPBACK, 22083));
    int taken = other.getLocalPort();
    List<Integer> launched = new ArrayList<>();
    // the other process holds the port while HiveMQ binds it and lets it go as soon as that
    // failed, before the retry rule looks: what two test suites side by side ran into
    EmbeddedBroker.Launch releasingAfterTheFirstBind =
        port -> {
          launched.add(port);
          try {
            return EmbeddedBroker.launch(settings, (user, password) -> false, port);
          } finally {
            release(other);
          }
        };
    EmbeddedBroker.PortProbe racing =
        (address, from) -> launched.isEmpty() ? taken : EmbeddedBroker.firstFreePort(address, from);
    try (other;
        EmbeddedBroker broker =
            EmbeddedBroker.start(settings, racing, releasingAfterTheFirstBind)) {
      assertThat(broker.port()).isGreaterThan(taken);
      assertThat(launched).containsExactly(taken, broker.port());
      assertThat(connects(broker, "wangge-ingest", "platform-secret")).isTrue();
    }
  }

  @Test
  void aStartThatFailedForAnotherReasonIsNotRetried() {
    BrokerSettings settings =
        BrokerSettings.local(Path.of("unused"), "wangge-ingest", "platform-secret");
    int free = EmbeddedBroker.firstFreePort(LOOPBACK, 22183);
    EmbeddedBroker.NotStarted failure =
        new EmbeddedBroker.NotStarted(
            "the embedded MQTT broker did not start on 127.0.0.1:" + free,
            new ExecutionException(new IllegalStateException("an extension failed to start")));
    List<Integer> launched = new ArrayList<>();
    assertThatThrownBy(
            () ->
                EmbeddedBroker.start(
                    settings,
                    (address, from) -> free,
                    port -> {
                      launched.add(port);
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThat(launched).containsExactly(free);
  }

  @Test
  void onlyTheListenerVerifiersFailureCountsAsABindFailure() {
    assertThat(
            EmbeddedBroker.listenerNotBound(
                new ExecutionException(new UnrecoverableException(false))))
        .isFalse();
    assertThat(EmbeddedBroker.listenerNotBound(new ExecutionException(new IOException("disk"))))
        .isFalse();
  }

  @Test
  void aConfiguredPortThatIsTakenFailsTheStartNamingThePort() throws Exception {
    Path data = Files.createTempDirectory("wangge-hivemq-port");
    try (ServerSocket other = bound(EmbeddedBroker.firstFreePort(LOOPBACK, 21983))) {
      int taken = other.getLocalPort();
      assertThatThrownBy(
              () ->
                  EmbeddedBroker.start(
                      new BrokerSettings(
                          LOOPBACK, taken, data, "wangge-ingest", "platform-secret", true),
                      (user, password) -> false))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the embedded MQTT broker did not start on 127.0.0.1:" + taken);
    }
  }

  private static ServerSocket bound(int port) throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(false);
    socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
    return socket;
  }

  private static void release(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean connects(EmbeddedBroker broker, String user, String password)
      throws Exception {
    MqttClient client =
        new MqttClient(
            broker.serverUri(), "port-test-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(user);
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    client.connect(options);
    boolean connected = client.isConnected();
    client.disconnect();
    client.close();
    return connected;
  }
}
