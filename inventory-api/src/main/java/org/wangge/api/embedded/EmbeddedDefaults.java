package org.wangge.api.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded defaults: when no {@code spring.r2dbc.url} is configured, starts the embedded
 * PostgreSQL (data kept between runs) and points the application at it. Registered by {@code
 * WanggeApplication.main}; tests may register it too.
 *
 * <p>Settings: {@code wangge.embedded.postgres.data-dir} (default {@code ~/.wangge/postgres}, or
 * {@code /var/lib/wangge/postgres} as root), {@code wangge.embedded.postgres.port} (default: the
 * first free port from 15432 — never the standard 5432), {@code wangge.embedded.postgres.durable}
 * (default true).
 */
public final class EmbeddedDefaults
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String DATABASE = "wangge";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    if (env.containsProperty("spring.r2dbc.url")) {
      return;
    }
    String dir = env.getProperty("wangge.embedded.postgres.data-dir");
    Path dataDir = dir == null || dir.isBlank() ? EmbeddedPostgres.defaultDataDir() : Path.of(dir);
    int port = env.getProperty("wangge.embedded.postgres.port", Integer.class, 0);
    boolean durable = env.getProperty("wangge.embedded.postgres.durable", Boolean.class, true);
    EmbeddedPostgres pg = EmbeddedPostgres.start(dataDir, port, durable);
    pg.createDatabase(DATABASE);
    Map<String, Object> props = new HashMap<>();
    props.put("spring.r2dbc.url", pg.r2dbcUrl(DATABASE));
    props.put("spring.r2dbc.username", "postgres");
    props.put("spring.r2dbc.password", "");
    props.put("wangge.jdbc-url", pg.jdbcUrl(DATABASE));
    props.put("wangge.embedded.postgres.chosen-port", pg.port());
    env.getPropertySources().addFirst(new MapPropertySource("wangge-embedded-postgres", props));
    context.getBeanFactory().registerSingleton("embeddedPostgres", pg);
    System.out.printf(
        "Embedded PostgreSQL 17 on 127.0.0.1:%d (data in %s)%n", pg.port(), pg.dataDir());
  }
}
