package org.wangge.api;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.wangge.api.component.ComponentStore;
import org.wangge.api.grid.GridStore;
import org.wangge.api.security.FirstAdmin;

/**
 * Start-up in order: migrate the schema, load the sample district into an empty database, rebuild
 * the in-memory indexes from the database, create the first admin, print where to open the
 * platform, then start the device-alarm path (broker, alarm log, MQTT ingest) and print that it is
 * up. The first three need only the database and run as {@link StartupWork} on a thread of their
 * own: started by {@link WanggeApplication#main} before Spring builds its context, or else as soon
 * as this bean exists; the embedded MQTT broker starts on another thread once the indexes are
 * built; {@link #run} waits for them.
 */
@Component
class Bootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

  private final WanggeProperties properties;
  private final FirstAdmin firstAdmin;
  private final org.wangge.api.ingest.AlarmIngest alarms;
  private final ApplicationContext context;
  private final Environment env;
  private final StartupWork work;

  Bootstrap(
      Database database,
      WanggeProperties properties,
      GridStore grids,
      ComponentStore components,
      FirstAdmin firstAdmin,
      org.wangge.api.ingest.AlarmIngest alarms,
      ApplicationContext context,
      Environment env,
      ApplicationArguments args,
      ObjectProvider<StartupWork> early,
      org.springframework.r2dbc.core.DatabaseClient db) {
    this.properties = properties;
    this.firstAdmin = firstAdmin;
    this.alarms = alarms;
    this.context = context;
    this.env = env;
    // the first R2DBC query opens the connection pool, which took 0.9 s of a busy start: open it
    // now, while the indexes are built, not in the first-admin check just before the ready line
    db.sql("select 1")
        .then()
        .subscribe(
            null, e -> log.debug("opening the connection pool early failed: {}", e.toString()));
    StartupWork started = early.getIfAvailable(() -> StartupWork.start(database, env, args));
    // the embedded broker's start (seconds of CPU) follows the index rebuild instead of competing
    // with it for the cores: the alarm path still comes up right after the ready line
    started.indexes().thenRun(alarms::startBrokerEarly);
    // the stores serve the indexes as soon as they are built, as before the ready line
    this.work =
        new StartupWork(
            started
                .indexes()
                .thenApply(
                    loaded -> {
                      if (loaded.grids() != null) {
                        grids.installActive(loaded.grids());
                      }
                      components.install(loaded.components());
                      return loaded;
                    }));
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    StartupWork.Indexes loaded = work.join();
    long t0 = System.nanoTime();
    String password = firstAdmin.ensure().block(Duration.ofSeconds(30));
    log.debug("first admin checked in {} ms", (System.nanoTime() - t0) / 1_000_000);
    String district = properties.district();
    var active = loaded.grids();
    var snapshot = loaded.components();
    int port =
        context instanceof WebServerApplicationContext web && web.getWebServer() != null
            ? web.getWebServer().getPort()
            : env.getProperty("server.port", Integer.class, 8080);
    System.out.printf(
        "%nWangge is ready at http://localhost:%d/  (district %s: %d unit grids, %d components;"
            + " indexes rebuilt in %.1f s, started in %.1f s)%n",
        port,
        district,
        active == null ? 0 : active.index().unitGrids().size(),
        snapshot == null ? 0 : snapshot.rows().size(),
        loaded.nanos() / 1e9,
        sinceLaunch() / 1e3);
    if (password != null) {
      System.out.printf(
          "First admin: user 'admin', password '%s' — shown only this once; change it.%n%n",
          password);
    }
    // The web API and the indexes are up; the device-alarm path follows and says so. The start
    // still fails if it cannot come up (this runner throws), and the application context counts
    // as started only once it is up, as before.
    alarms.start();
    if (env.getProperty("wangge.mqtt.enabled", Boolean.class, true)) {
      System.out.printf("Device alarms are accepted from now on (%.1f s)%n", sinceLaunch() / 1e3);
    }
  }

  /**
   * Milliseconds since the JVM the user started: this one, or the launcher that started this one
   * with its class-sharing archive (which passes its own start time).
   */
  private static long sinceLaunch() {
    var runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
    String launchedAt = System.getProperty("wangge.launched-at");
    return launchedAt == null
        ? runtime.getUptime()
        : System.currentTimeMillis() - Long.parseLong(launchedAt);
  }
}
