package org.wangge.api.security;

import java.security.SecureRandom;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creates the first admin with a generated password when there are no users; the password is
 * returned once (to be printed) and only its hash is kept.
 */
@Component
public class FirstAdmin {

  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final UserAccounts users;
  private final PasswordEncoder encoder;

  FirstAdmin(UserAccounts users, PasswordEncoder encoder) {
    this.users = users;
    this.encoder = encoder;
  }

  /** The new admin's password, or empty when users exist already. */
  public Mono<String> ensure() {
    return users
        .count()
        .filter(n -> n == 0)
        .flatMap(
            n -> {
              String password = generate(16);
              return users
                  .create("admin", encoder.encode(password), List.of(Role.ADMIN), null)
                  .thenReturn(password);
            });
  }

  static String generate(int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
