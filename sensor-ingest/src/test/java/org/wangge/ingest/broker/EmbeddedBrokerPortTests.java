package org.wangge.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
