package org.wangge.ingest.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start the {@link EmbeddedBroker}.
 *
 * @param bindAddress the address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port; {@code 0} picks the first free port from {@link #FIRST_PORT} upwards
 * @param dataFolder where the broker keeps its configuration, sessions and queued messages between
 *     runs (created when missing)
 * @param platformUsername the internal account of the platform's own ingest client: it may publish
 *     and subscribe anywhere, shared subscriptions included
 * @param platformPassword that account's password
 * @param restrictDeviceTopics when true a device may publish and subscribe only below {@code
 *     wangge/v1/devices/{its id}/}
 */
public record BrokerSettings(
    String bindAddress,
    int port,
    Path dataFolder,
    String platformUsername,
    String platformPassword,
    boolean restrictDeviceTopics) {

  /**
   * Where the free-port search starts; 1883 is avoided on purpose (the machine's own broker may be
   * there).
   */
  public static final int FIRST_PORT = 11883;

  public BrokerSettings {
    Objects.requireNonNull(bindAddress, "bind address");
    Objects.requireNonNull(dataFolder, "data folder");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("broker port " + port + " is not 0..65535");
    }
    if (platformUsername == null || platformUsername.isBlank()) {
      throw new IllegalArgumentException("the platform account needs a user name");
    }
    if (platformPassword == null || platformPassword.isEmpty()) {
      throw new IllegalArgumentException("the platform account needs a password");
    }
  }

  /** Loopback only, first free port from {@link #FIRST_PORT}, device topics restricted. */
  public static BrokerSettings local(Path dataFolder, String platformUsername, String password) {
    return new BrokerSettings("127.0.0.1", 0, dataFolder, platformUsername, password, true);
  }
}
