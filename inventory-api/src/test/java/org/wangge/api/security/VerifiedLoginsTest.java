package org.wangge.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The remembered-login path: what it must still refuse, and that it saves the encoder's work. The
 * encoder is a counting plain-text stand-in for bcrypt; the clock is a field the test moves.
 */
class VerifiedLoginsTest {

  private static final Duration RECHECK = Duration.ofSeconds(30);

  private final Map<String, UserDetails> accounts = new ConcurrentHashMap<>();
  private final AtomicInteger encoderCalls = new AtomicInteger();
  private final AtomicInteger accountReads = new AtomicInteger();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private Duration accountLatency = Duration.ZERO;

  private final PasswordEncoder encoder =
      new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
          return "plain:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
          encoderCalls.incrementAndGet();
          return encode(raw).equals(encoded);
        }
      };

  private final VerifiedLogins logins = logins();

  private VerifiedLogins logins() {
    var users =
        (org.springframework.security.core.userdetails.ReactiveUserDetailsService)
            name ->
                Mono.defer(
                    () -> {
                      accountReads.incrementAndGet();
                      Mono<UserDetails> found = Mono.justOrEmpty(accounts.get(name));
                      return accountLatency.isZero()
                          ? found
                          : found.delayElement(accountLatency, Schedulers.parallel());
                    });
    var encoderCheck = new UserDetailsRepositoryReactiveAuthenticationManager(users);
    encoderCheck.setPasswordEncoder(encoder);
    encoderCheck.setScheduler(Schedulers.immediate());
    return new VerifiedLogins(encoderCheck, users, RECHECK, now::get);
  }

  private void account(String name, String password, boolean enabled, String... roles) {
    accounts.put(
        name,
        User.withUsername(name)
            .password(encoder.encode(password))
            .disabled(!enabled)
            .roles(roles)
            .build());
  }

  private Mono<Authentication> login(String name, String password) {
    return logins.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name, password));
  }

  @Test
  void aRepeatedLoginSkipsTheEncoder() {
    account("ann", "secret-1", true, "PLANNER");
    for (int i = 0; i < 5; i++) {
      login("ann", "secret-1")
          .as(StepVerifier::create)
          .assertNext(a -> assertThat(a.isAuthenticated()).isTrue())
          .verifyComplete();
    }
    assertThat(encoderCalls).hasValue(1);
  }

  @Test
  void aWrongPasswordFailsAfterTheRightOneWasRemembered() {
    account("ann", "secret-1", true, "PLANNER");
    login("ann", "secret-1").as(StepVerifier::create).expectNextCount(1).verifyComplete();

    login("ann", "secret-2").as(StepVerifier::create).verifyError(BadCredentialsException.class);
    login("ann", "").as(StepVerifier::create).verifyError(BadCredentialsException.class);
    login("bob", "secret-1").as(StepVerifier::create).verifyError(BadCredentialsException.class);
    // each wrong try went through the encoder (or found no account), none was remembered
    assertThat(encoderCalls.get()).isGreaterThanOrEqualTo(3);
    assertThat(logins.size()).isEqualTo(1);
  }

  @Test
  void aFailedLoginIsNotRemembered() {
    account("ann", "secret-1", true, "PLANNER");
    login("ann", "wrong").as(StepVerifier::create).verifyError(BadCredentialsException.class);
    login("ann", "wrong").as(StepVerifier::create).verifyError(BadCredentialsException.class);
    assertThat(encoderCalls).hasValue(2);
    assertThat(logins.size()).isZero();
  }

  @Test
  void concurrentFirstLoginsShareOneVerification() {
    account("ann", "secret-1", true, "PLANNER");
    accountLatency = Duration.ofMillis(100);
    fiftyConcurrentLogins("ann", "secret-1");
    assertThat(encoderCalls).hasValue(1);
    assertThat(accountReads).hasValue(1);
  }

  @Test
  void withinTheRecheckPeriodTheAccountIsNotReadAgain() {
    account("ann", "secret-1", true, "PLANNER");
    login("ann", "secret-1").as(StepVerifier::create).expectNextCount(1).verifyComplete();
    now.addAndGet(RECHECK.toNanos() - 1);
    login("ann", "secret-1").as(StepVerifier::create).expectNextCount(1).verifyComplete();
    assertThat(accountReads).hasValue(1);
  }

  @Test
  void afterTheRecheckPeriodAnUnchangedAccountIsRenewedWithoutTheEncoder() {
    account("ann", "secret-1", true, "PLANNER");
    login("ann", "secret-1").as(StepVerifier::create).expectNextCount(1).verifyComplete();
    account("ann", "secret-1", true, "PLANNER", "DISPATCHER"); // same hash, one more role

    now.addAndGet(RECHECK.toNanos());
    login("ann", "secret-1")
        .as(StepVerifier::create)
        .assertNext(
            a ->
                assertThat(a.getAuthorities())
                    .extracting(GrantedAuthority::getAuthority)
                    .containsExactlyInAnyOrder("ROLE_PLANNER", "ROLE_DISPATCHER"))
        .verifyComplete();
    assertThat(encoderCalls).hasValue(1);
    assertThat(accountReads).hasValue(2);
  }

  @Test
  void aDisabledAccountIsRefusedAtTheNextRecheck() {
    account("ann", "secret-1", true, "PLANNER");
    login("ann", "secret-1").as(StepVerifier::create).expectNextCount(1).verifyComplete();
    account("ann", "secret-1", false, "PLANNER");

    now.addAndGet(RECHECK.toNanos());
    login("ann", "secret-1").as(StepVerifier::create).verifyError(DisabledException.class);
    assertThat(logins.size()).isZero();
  }

  @Test
  void aChangedPasswordRefusesTheOldOneAtTheNextRecheck() {
    account("ann", "secret-1", true, "PLANNER");
    login("ann", "secret-1").as(StepVerifier::create).expectNextCount(1).verifyComplete();
    account("ann", "secret-2", true, "PLANNER");

    now.addAndGet(RECHECK.toNanos());
    login("ann", "secret-1").as(StepVerifier::create).verifyError(BadCredentialsException.class);
    login("ann", "secret-2").as(StepVerifier::create).expectNextCount(1).verifyComplete();
  }

  @Test
  void aDeletedAccountIsRefusedAtTheNextRecheck() {
    account("ann", "secret-1", true, "PLANNER");
    login("ann", "secret-1").as(StepVerifier::create).expectNextCount(1).verifyComplete();
    accounts.remove("ann");

    now.addAndGet(RECHECK.toNanos());
    login("ann", "secret-1").as(StepVerifier::create).verifyError(BadCredentialsException.class);
  }

  @Test
  void concurrentRechecksShareOneAccountRead() {
    account("ann", "secret-1", true, "PLANNER");
    login("ann", "secret-1").as(StepVerifier::create).expectNextCount(1).verifyComplete();
    now.addAndGet(RECHECK.toNanos());
    accountLatency = Duration.ofMillis(100);
    fiftyConcurrentLogins("ann", "secret-1");
    assertThat(accountReads).hasValue(2);
    assertThat(encoderCalls).hasValue(1);
  }

  private void fiftyConcurrentLogins(String username, String password) {
    Flux.range(0, 50)
        .flatMap(i -> login(username, password), 50)
        .as(StepVerifier::create)
        .expectNextCount(50)
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }
}
