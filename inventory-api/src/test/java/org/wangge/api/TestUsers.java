package org.wangge.api;

import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wangge.api.security.Role;
import reactor.core.publisher.Flux;

/**
 * One login per role in the test database, hashed with the application's {@link PasswordEncoder}:
 * {@code t-admin}, {@code t-dispatcher} … all with {@link #PASSWORD}. The UNIT_HANDLER is tied to
 * {@link #HANDLER_UNIT}, a unit of the demo sample.
 */
public final class TestUsers {

  public static final String PASSWORD = "test-password-1";
  public static final String HANDLER_UNIT = "U-320509-DRAIN";

  private TestUsers() {}

  public static String username(Role role) {
    return "t-" + role.name().toLowerCase().replace('_', '-');
  }

  /** Inserts the users that do not exist yet; safe to call from every test class. */
  public static void ensure(ApplicationContext context) {
    DatabaseClient db = context.getBean(DatabaseClient.class);
    PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
    Flux.fromArray(Role.values())
        .concatMap(
            role -> {
              var spec =
                  db.sql(
                          "insert into app_user (username, password_hash, roles, unit_id)"
                              + " values (:u, :p, :r, :unit) on conflict (username) do nothing")
                      .bind("u", username(role))
                      .bind("p", encoder.encode(PASSWORD))
                      .bind("r", role.name());
              spec =
                  role == Role.UNIT_HANDLER
                      ? spec.bind("unit", HANDLER_UNIT)
                      : spec.bindNull("unit", String.class);
              return spec.fetch().rowsUpdated();
            })
        .then()
        .block(Duration.ofSeconds(30));
  }

  /** HTTP Basic for the role's test user. */
  public static Consumer<HttpHeaders> as(Role role) {
    return h -> h.setBasicAuth(username(role), PASSWORD);
  }
}
