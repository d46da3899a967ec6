package org.wangge.ingest.broker;

/**
 * Checks a device's MQTT credentials for the {@link EmbeddedBroker}: the user name is the device
 * id, the password its secret. The service implements it against the hashed secrets of its device
 * table.
 *
 * <p>Called once per CONNECT on one of the broker's extension threads, never on a network thread,
 * so a deliberately slow hash (bcrypt, scrypt) is fine; it must be thread-safe. An exception counts
 * as a refusal.
 */
@FunctionalInterface
public interface BrokerAuthenticator {

  /**
   * Whether {@code username} (a device id) may connect with {@code password} (the secret's bytes as
   * sent, normally UTF-8).
   */
  boolean authenticate(String username, byte[] password);
}
