package org.wangge.api.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Device secrets, stored as {@code sha256$<salt hex>$<hash hex>}. Devices authenticate on every
 * MQTT connection, so a deliberately slow hash (bcrypt) would cost too much; the secrets are random
 * and long (generated ones are 32 hex digits), which is what makes a fast salted hash acceptable
 * here.
 */
public final class DeviceSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private DeviceSecrets() {}

  public static String hash(String secret) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return "sha256$" + HEX.formatHex(salt) + "$" + HEX.formatHex(digest(salt, bytes(secret)));
  }

  /** True when {@code secret} matches the stored hash; false for a malformed hash. */
  public static boolean matches(byte[] secret, String stored) {
    if (secret == null || stored == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 3 || !parts[0].equals("sha256")) {
      return false;
    }
    try {
      byte[] expected = HEX.parseHex(parts[2]);
      return MessageDigest.isEqual(expected, digest(HEX.parseHex(parts[1]), secret));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A new random secret: 32 hex digits. */
  public static String generate() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HEX.formatHex(b);
  }

  private static byte[] bytes(String secret) {
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] digest(byte[] salt, byte[] secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return sha.digest(secret);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
