package org.wangge.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Users for tests, written straight into {@code app_user}; password = user name + "-pw". */
public final class TestUsers {

  private TestUsers() {}

  public static void create(
      DatabaseClient db, PasswordEncoder encoder, String username, String roles, String unitId) {
    var spec =
        db.sql(
                "insert into app_user (username, password_hash, roles, unit_id) values (:u, :p, :r,"
                    + " :unit) on conflict (username) do nothing")
            .bind("u", username)
            .bind("p", encoder.encode(username + "-pw"))
            .bind("r", roles);
    spec = unitId == null ? spec.bindNull("unit", String.class) : spec.bind("unit", unitId);
    spec.then().block();
  }

  /** The value of an Authorization header for a test user. */
  public static String basic(String username) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + username + "-pw").getBytes(StandardCharsets.UTF_8));
  }
}
