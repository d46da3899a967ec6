package org.wangge.api;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.wangge.api.component.ComponentStore;
import org.wangge.api.grid.GridStore;
import org.wangge.api.sample.SampleLoader;
import org.wangge.api.security.FirstAdmin;
import org.wangge.data.Scale;

/**
 * Start-up in order: migrate the schema, load the sample district into an empty database, rebuild
 * the in-memory indexes from the database, create the first admin, print where to open the
 * platform, then start the device-alarm path (broker, alarm log, MQTT ingest) and print that it is
 * up. The first three need only the database, so they start on their own thread as soon as this
 * bean exists, while Spring builds the rest of the context (about half of the start-up with a full
 * inventory); the embedded MQTT broker starts on another thread at the same moment; {@link #run}
 * waits for them.
 */
@Component
class Bootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

  private final Database database;
  private final WanggeProperties properties;
  private final GridStore grids;
  private final ComponentStore components;
  private final FirstAdmin firstAdmin;
  private final org.wangge.api.ingest.AlarmIngest alarms;
  private final ApplicationContext context;
  private final Environment env;
  private final java.util.concurrent.CompletableFuture<Indexes> indexes;

  /** The rebuilt indexes and how long the rebuild took. */
  private record Indexes(GridStore.Active grids, ComponentStore.Snapshot components, long nanos) {}

  Bootstrap(
      Database database,
      WanggeProperties properties,
      GridStore grids,
      ComponentStore components,
      FirstAdmin firstAdmin,
      org.wangge.api.ingest.AlarmIngest alarms,
      ApplicationContext context,
      Environment env,
      ApplicationArguments args) {
    this.database = database;
    this.properties = properties;
    this.grids = grids;
    this.components = components;
    this.firstAdmin = firstAdmin;
    this.alarms = alarms;
    this.context = context;
    this.env = env;
    alarms.startBrokerEarly();
    this.indexes =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return prepare(args);
              } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            },
            task -> {
              Thread t = new Thread(task, "wangge-bootstrap");
              t.setDaemon(true);
              t.start();
            });
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    Indexes loaded;
    try {
      loaded = indexes.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    String password = firstAdmin.ensure().block(Duration.ofSeconds(30));
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

  private Indexes prepare(ApplicationArguments args) throws Exception {
    database.migrate();
    String district = properties.district();
    String scale =
        args.containsOption("scale") ? args.getOptionValues("scale").get(0) : properties.scale();
    if (!"none".equalsIgnoreCase(scale) && !SampleLoader.isLoaded(database, district)) {
      log.info("empty database: loading the {} sample district {}", scale, district);
      boolean withComponents = env.getProperty("wangge.sample-components", Boolean.class, true);
      SampleLoader.load(database, district, Scale.parse(scale), withComponents);
    }
    long t1 = System.nanoTime();
    // grids and components load in parallel: two bounded workers, two database connections
    var loaded =
        reactor.core.publisher.Mono.zip(
                grids
                    .reload(district)
                    .map(java.util.Optional::of)
                    .defaultIfEmpty(java.util.Optional.empty()),
                components.reload(district))
            .block(Duration.ofMinutes(2));
    return new Indexes(loaded.getT1().orElse(null), loaded.getT2(), System.nanoTime() - t1);
  }
}
