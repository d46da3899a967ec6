package org.wangge.api.security;

import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Users from the {@code app_user} table; roles stored comma-separated. */
@Component
public class UserAccounts implements ReactiveUserDetailsService {

  private final DatabaseClient db;

  UserAccounts(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<UserDetails> findByUsername(String username) {
    return db.sql(
            "select username, password_hash, roles, enabled from app_user where username = :u")
        .bind("u", username)
        .map(
            (row, meta) ->
                User.withUsername(row.get("username", String.class))
                    .password(row.get("password_hash", String.class))
                    .disabled(!Boolean.TRUE.equals(row.get("enabled", Boolean.class)))
                    .authorities(
                        Arrays.stream(row.get("roles", String.class).split(","))
                            .map(String::strip)
                            .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                            .toList())
                    .build())
        .one();
  }

  /** Creates a user; the password is hashed with the configured encoder by the caller. */
  public Mono<Void> create(String username, String passwordHash, List<Role> roles, String unitId) {
    if (roles.contains(Role.UNIT_HANDLER) && unitId == null) {
      return Mono.error(
          new IllegalArgumentException("a UNIT_HANDLER user must be tied to a unit (unitId)"));
    }
    var spec =
        db.sql(
                "insert into app_user (username, password_hash, roles, unit_id)"
                    + " values (:u, :p, :r, :unit)")
            .bind("u", username)
            .bind("p", passwordHash)
            .bind("r", String.join(",", roles.stream().map(Role::name).toList()));
    spec = unitId == null ? spec.bindNull("unit", String.class) : spec.bind("unit", unitId);
    return spec.then();
  }

  public Mono<String> unitOf(String username) {
    return db.sql("select unit_id from app_user where username = :u")
        .bind("u", username)
        .map((row, meta) -> row.get("unit_id", String.class))
        .one();
  }

  public Mono<Long> count() {
    return db.sql("select count(*) as n from app_user")
        .map((row, meta) -> row.get("n", Long.class))
        .one();
  }
}
