package org.wangge.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DatabaseTest {

  @Test
  void userInfoInTheR2dbcUrlBecomesTheJdbcCredentials() {
    Database db =
        new Database(
            new MockEnvironment()
                .withProperty(
                    "spring.r2dbc.url",
                    "r2dbc:postgresql://wg%40user:p%3Ass@db.example:5433/w?x=1"));
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/w");
    assertThat(db).extracting("user", "password").containsExactly("wg@user", "p:ss");
  }

  @Test
  void explicitCredentialsWinAndAPlainUrlIsKept() {
    Database db =
        new Database(
            new MockEnvironment()
                .withProperty("spring.r2dbc.url", "r2dbc:postgresql://postgres@127.0.0.1:5432/test")
                .withProperty("spring.r2dbc.username", "other"));
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
    assertThat(db).extracting("user").isEqualTo("other");
    Database plain =
        new Database(
            new MockEnvironment().withProperty("spring.r2dbc.url", "r2dbc:postgresql://h/d"));
    assertThat(plain.jdbcUrl()).isEqualTo("jdbc:postgresql://h/d");
  }
}
