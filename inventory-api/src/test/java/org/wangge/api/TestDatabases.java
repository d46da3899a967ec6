package org.wangge.api;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.wangge.api.embedded.EmbeddedPostgres;

/**
 * A fresh, empty database on a real PostgreSQL server for each test class: the machine's server
 * when {@code WANGGE_TEST_PG_URL} is set (e.g. {@code postgresql://postgres@127.0.0.1:5432/test},
 * as {@code .ci/run} sets it), otherwise the embedded server started once per JVM under {@code
 * target/}.
 */
public final class TestDatabases {

  private static EmbeddedPostgres embedded;
  private static boolean swept;

  private TestDatabases() {}

  /** Creates a new database and registers the Spring properties that point at it. */
  public static String register(DynamicPropertyRegistry registry) {
    Server server = server();
    String name = server.prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c =
        DriverManager.getConnection(server.jdbc("postgres"), server.user, server.password)) {
      sweepOnce(c, server.prefix);
      c.createStatement().execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + server.host, e);
    }
    registry.add("spring.r2dbc.url", () -> server.r2dbc(name));
    registry.add("spring.r2dbc.username", () -> server.user);
    registry.add("spring.r2dbc.password", () -> server.password);
    registry.add("wangge.jdbc-url", () -> server.jdbc(name));
    // no MQTT broker unless a test asks for one: most tests do not need it
    registry.add("wangge.mqtt.enabled", () -> "false");
    // start-up snapshots of test databases stay in the build directory
    registry.add(
        "wangge.snapshot.dir",
        () -> Path.of("target", "test-snapshots").toAbsolutePath().toString());
    return server.jdbc(name);
  }

  /** Drops the test databases earlier runs left behind (once per JVM). */
  private static synchronized void sweepOnce(Connection c, String prefix) throws SQLException {
    if (swept) {
      return;
    }
    swept = true;
    var old = new java.util.ArrayList<String>();
    try (var rs =
        c.createStatement()
            .executeQuery(
                "select datname from pg_database where datname like '"
                    + prefix.replace("_", "\\_")
                    + "%'")) {
      while (rs.next()) {
        old.add(rs.getString(1));
      }
    }
    for (String db : old) {
      c.createStatement().execute("drop database if exists " + db + " with (force)");
    }
  }

  /**
   * @param prefix of the test databases' names: {@code wangge_t_}, or {@code <name>_t_} when {@code
   *     WANGGE_TEST_PG_URL} names a database other than {@code test}, so that test runs of several
   *     checkouts on one server neither share nor sweep each other's databases
   */
  record Server(String host, int port, String user, String password, String prefix) {
    String jdbc(String db) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    String r2dbc(String db) {
      return "r2dbc:postgresql://" + host + ":" + port + "/" + db;
    }
  }

  static synchronized Server server() {
    String url = System.getenv("WANGGE_TEST_PG_URL");
    if (url != null && !url.isBlank()) {
      URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
      String user = "postgres";
      String password = "";
      if (uri.getUserInfo() != null) {
        String[] parts = uri.getUserInfo().split(":", 2);
        user = parts[0];
        password = parts.length > 1 ? parts[1] : "";
      }
      String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      String prefix =
          db.isEmpty() || db.equals("test") || !db.matches("[a-z][a-z0-9_]{0,30}")
              ? "wangge_t_"
              : db + "_t_";
      return new Server(
          uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password, prefix);
    }
    if (embedded == null) {
      Path dir = Path.of("target", "test-postgres").toAbsolutePath();
      if (System.getProperty("user.name").equals("root")
          && !EmbeddedPostgres.reachableByNobody(dir.getParent())) {
        // as root the server runs as nobody, who cannot enter a private checkout (e.g. mktemp -d)
        dir =
            Path.of(
                "/var/tmp",
                "wangge-test-postgres-" + Integer.toHexString(dir.toString().hashCode()));
      }
      embedded = EmbeddedPostgres.start(dir.resolve("data"), 0, false);
    }
    return new Server("127.0.0.1", embedded.port(), "postgres", "", "wangge_t_");
  }
}
