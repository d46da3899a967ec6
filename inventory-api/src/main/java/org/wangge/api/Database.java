package org.wangge.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * JDBC access for the two start-up steps that are not request traffic: Flyway migrations and the
 * one-time COPY of the sample district. Everything serving requests goes through R2DBC.
 */
@Component
public class Database {

  private final String jdbcUrl;
  private final String user;
  private final String password;

  Database(Environment env) {
    String url = env.getProperty("wangge.jdbc-url");
    if (url == null || url.isBlank()) {
      url = env.getProperty("spring.flyway.url");
    }
    if (url == null || url.isBlank()) {
      String r2dbc = env.getRequiredProperty("spring.r2dbc.url");
      url = "jdbc:" + r2dbc.substring(r2dbc.indexOf(':') + 1).replaceFirst("\\?.*$", "");
    }
    this.jdbcUrl = url;
    this.user = env.getProperty("spring.r2dbc.username", env.getProperty("spring.flyway.user"));
    this.password =
        env.getProperty("spring.r2dbc.password", env.getProperty("spring.flyway.password", ""));
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public void migrate() {
    Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }
}
