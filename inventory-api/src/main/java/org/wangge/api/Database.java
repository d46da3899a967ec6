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
  private final java.nio.file.Path snapshotDir;

  Database(Environment env) {
    String url = env.getProperty("wangge.jdbc-url");
    if (url == null || url.isBlank()) {
      url = env.getProperty("spring.flyway.url");
    }
    if (url == null || url.isBlank()) {
      String r2dbc = env.getRequiredProperty("spring.r2dbc.url");
      url = "jdbc:" + r2dbc.substring(r2dbc.indexOf(':') + 1).replaceFirst("\\?.*$", "");
    }
    String user = env.getProperty("spring.r2dbc.username", env.getProperty("spring.flyway.user"));
    String password =
        env.getProperty("spring.r2dbc.password", env.getProperty("spring.flyway.password", ""));
    // r2dbc:postgresql://user:secret@host/db is valid R2DBC, but pgjdbc does not read user info
    // in the URL: move it into the credentials
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^(jdbc:postgresql://)([^@/]*)@(.*)$").matcher(url);
    if (m.matches()) {
      String info = m.group(2);
      int colon = info.indexOf(':');
      String urlUser = decode(colon < 0 ? info : info.substring(0, colon));
      if (user == null || user.isBlank()) {
        user = urlUser;
      }
      if (colon >= 0 && password.isEmpty()) {
        password = decode(info.substring(colon + 1));
      }
      url = m.group(1) + m.group(3);
    }
    this.jdbcUrl = url;
    this.user = user;
    this.password = password;
    this.snapshotDir =
        // off by default: it saved no time in the fourth pass, 0.5-1.5 s of an 11-13 s start in
        // the fifth, and lost to the unsorted database read in the sixth (docs/benchmarks.md)
        env.getProperty("wangge.snapshot.enabled", Boolean.class, false) ? snapshotDir(env) : null;
  }

  /**
   * Where start-up snapshots of the inventory are kept: {@code wangge.snapshot.dir}, else {@code
   * snapshots} beside the embedded PostgreSQL's data directory (the configured one, else the
   * default), also when the database is an external one.
   */
  static java.nio.file.Path snapshotDir(Environment env) {
    String dir = env.getProperty("wangge.snapshot.dir", "");
    if (!dir.isBlank()) {
      return java.nio.file.Path.of(dir);
    }
    String postgres = env.getProperty("wangge.embedded.postgres.data-dir", "");
    return (postgres.isBlank()
            ? org.wangge.api.embedded.EmbeddedPostgres.defaultDataDir()
            : java.nio.file.Path.of(postgres))
        .toAbsolutePath()
        .resolveSibling("snapshots");
  }

  /**
   * The snapshot file named {@code name} for this database (its JDBC URL is part of the file name,
   * so two databases do not overwrite each other's), or null when snapshots are off ({@code
   * wangge.snapshot.enabled=false}). See {@link StampedCopy} for when a file is used.
   */
  public java.nio.file.Path snapshotFile(String name) {
    if (snapshotDir == null) {
      return null;
    }
    return snapshotDir.resolve(
        name + "-" + Long.toHexString(StampedCopy.hash(jdbcUrl + "|" + user)) + ".pgcopy");
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
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
