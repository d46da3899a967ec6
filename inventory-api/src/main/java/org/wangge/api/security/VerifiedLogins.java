package org.wangge.api.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import reactor.core.publisher.Mono;

/**
 * Stateless HTTP Basic without a bcrypt per request: a username and password that the password
 * encoder accepted once are answered from memory afterwards, and re-checked against the account
 * every {@code recheck} without hashing again.
 *
 * <p>What keeps it safe: only verified logins are remembered, keyed by an HMAC of username and
 * password under a key drawn at start (the process never holds a plain or unsalted hash of a
 * password); a different password for a known user is a different key and goes through the encoder,
 * so it fails as before. After {@code recheck} the account is read again (one indexed query): if it
 * is disabled, locked, expired or its stored hash changed, the login is verified from scratch (a
 * changed password then fails); otherwise it is renewed with the account's current roles.
 * Concurrent requests with the same credentials share one verification (a burst of 50 clients after
 * a restart costs one bcrypt, not 50); a failed verification is not remembered.
 *
 * <p>Thread-safe.
 */
final class VerifiedLogins implements ReactiveAuthenticationManager {

  /** Beyond this many remembered logins the memory is dropped wholesale (a bound, not an LRU). */
  static final int MAX_ENTRIES = 10_000;

  private record Verified(Authentication authentication, String passwordHash, long checkedAt) {}

  private final ReactiveAuthenticationManager encoderCheck;
  private final ReactiveUserDetailsService users;
  private final long recheckNanos;
  private final LongSupplier nanoClock;
  private final ThreadLocal<Mac> macs;
  private final ConcurrentHashMap<String, Mono<Verified>> logins = new ConcurrentHashMap<>();

  /**
   * @param encoderCheck the full check (account lookup, state checks, password encoder)
   * @param users the accounts, read again when a remembered login is older than {@code recheck}
   * @param recheck how long a verified login is trusted before its account is read again
   * @param nanoClock {@link System#nanoTime()} outside tests
   */
  VerifiedLogins(
      ReactiveAuthenticationManager encoderCheck,
      ReactiveUserDetailsService users,
      Duration recheck,
      LongSupplier nanoClock) {
    this.encoderCheck = Objects.requireNonNull(encoderCheck);
    this.users = Objects.requireNonNull(users);
    this.recheckNanos = recheck.toNanos();
    this.nanoClock = nanoClock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
              }
            });
  }

  @Override
  public Mono<Authentication> authenticate(Authentication presented) {
    if (!(presented instanceof UsernamePasswordAuthenticationToken)
        || presented.getCredentials() == null) {
      return encoderCheck.authenticate(presented);
    }
    String key = key(presented.getName(), String.valueOf(presented.getCredentials()));
    return Mono.defer(() -> lookup(key, presented)).map(Verified::authentication);
  }

  /** How many logins are remembered (for tests). */
  int size() {
    return logins.size();
  }

  private Mono<Verified> lookup(String key, Authentication presented) {
    Mono<Verified> current = logins.get(key);
    if (current == null) {
      if (logins.size() >= MAX_ENTRIES) {
        logins.clear();
      }
      Mono<Verified> created = share(key, verify(presented));
      current = logins.putIfAbsent(key, created);
      if (current == null) {
        current = created;
      }
    }
    Mono<Verified> entry = current;
    return entry.flatMap(
        v -> {
          if (nanoClock.getAsLong() - v.checkedAt() < recheckNanos) {
            return Mono.just(v);
          }
          Mono<Verified> renewed = share(key, recheck(v, presented));
          // one request renews, the others wait for its answer
          return logins.replace(key, entry, renewed) ? renewed : lookup(key, presented);
        });
  }

  /** Runs once however many subscribe; on failure it removes itself so the next try starts over. */
  @SuppressWarnings("unchecked")
  private Mono<Verified> share(String key, Mono<Verified> verification) {
    Mono<Verified>[] self = new Mono[1];
    self[0] =
        verification
            .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Invalid Credentials")))
            .doOnError(e -> logins.remove(key, self[0]))
            // the error reaches only requests already waiting on this entry
            .cache();
    return self[0];
  }

  private Mono<Verified> verify(Authentication presented) {
    return encoderCheck
        .authenticate(presented)
        .map(a -> new Verified(a, passwordHash(a), nanoClock.getAsLong()));
  }

  private Mono<Verified> recheck(Verified known, Authentication presented) {
    return users
        .findByUsername(presented.getName())
        .flatMap(
            account ->
                usable(account) && Objects.equals(account.getPassword(), known.passwordHash())
                    ? Mono.just(
                        new Verified(
                            UsernamePasswordAuthenticationToken.authenticated(
                                account, account.getPassword(), account.getAuthorities()),
                            account.getPassword(),
                            nanoClock.getAsLong()))
                    : verify(presented));
  }

  private static boolean usable(UserDetails account) {
    return account.isEnabled()
        && account.isAccountNonLocked()
        && account.isAccountNonExpired()
        && account.isCredentialsNonExpired();
  }

  private static String passwordHash(Authentication authentication) {
    return authentication.getPrincipal() instanceof UserDetails account
        ? account.getPassword()
        : null;
  }

  private String key(String username, String password) {
    Mac mac = macs.get();
    mac.update(username.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
  }
}
