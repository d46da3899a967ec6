package org.wangge.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.wangge.api.component.ComponentStore;
import org.wangge.api.grid.GridStore;
import org.wangge.api.sample.SampleLoader;
import org.wangge.data.Scale;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The start-up's database work, on a thread of its own: migrate the schema, load the sample
 * district into an empty database, then read the active grid set and the components and build their
 * indexes (in parallel, on two workers and two connections). With a full inventory this is the
 * start-up's critical path, and it needs nothing from Spring but the environment: {@link
 * WanggeApplication#main} starts it from an initializer ({@link Early}) as soon as the database is
 * known, before Spring builds its context, and registers it for {@link Bootstrap}; a context
 * started without that initializer (most tests) starts it when {@code Bootstrap} is created. Either
 * way {@code Bootstrap} installs the indexes and fails the start with the work's exception.
 *
 * @param indexes completes with the rebuilt indexes, or with the exception that stopped the work
 */
record StartupWork(CompletableFuture<Indexes> indexes) {

  private static final Logger log = LoggerFactory.getLogger(StartupWork.class);

  /** The rebuilt indexes (grids null when the district has no active set) and the rebuild time. */
  record Indexes(GridStore.Active grids, ComponentStore.Snapshot components, long nanos) {}

  /** Starts the work on a daemon thread of its own. */
  static StartupWork start(Database database, Environment env, ApplicationArguments args) {
    String district = properties(env).district();
    String scale =
        args.containsOption("scale")
            ? args.getOptionValues("scale").get(0)
            : properties(env).scale();
    boolean withComponents = env.getProperty("wangge.sample-components", Boolean.class, true);
    CompletableFuture<Indexes> indexes = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                indexes.complete(run(database, district, scale, withComponents));
              } catch (Throwable e) {
                indexes.completeExceptionally(e);
              }
            },
            "wangge-bootstrap");
    t.setDaemon(true);
    t.start();
    return new StartupWork(indexes);
  }

  /** Waits for the work; throws what stopped it. */
  Indexes join() throws Exception {
    try {
      return indexes.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** {@code wangge.*} as Spring binds it into {@link WanggeProperties} (with its defaults). */
  private static WanggeProperties properties(Environment env) {
    return Binder.get(env).bindOrCreate("wangge", WanggeProperties.class);
  }

  private static Indexes run(
      Database database, String district, String scale, boolean withComponents) throws Exception {
    long t0 = System.nanoTime();
    database.migrate();
    log.debug("schema migrated in {} ms", (System.nanoTime() - t0) / 1_000_000);
    if (!"none".equalsIgnoreCase(scale) && !SampleLoader.isLoaded(database, district)) {
      log.info("empty database: loading the {} sample district {}", scale, district);
      SampleLoader.load(database, district, Scale.parse(scale), withComponents);
    }
    long t1 = System.nanoTime();
    // grids and components load in parallel: two bounded workers, two database connections
    var loaded =
        Mono.zip(
                Mono.fromCallable(() -> GridStore.read(database, district))
                    .subscribeOn(Schedulers.boundedElastic()),
                Mono.fromCallable(() -> ComponentStore.read(database, district))
                    .subscribeOn(Schedulers.boundedElastic()))
            .block(Duration.ofMinutes(2));
    Optional<GridStore.Active> grids = loaded.getT1();
    log.debug("indexes built in {} ms", (System.nanoTime() - t1) / 1_000_000);
    return new Indexes(grids.orElse(null), loaded.getT2(), System.nanoTime() - t1);
  }

  /**
   * Starts the work while the context is being prepared, once the database is known (register it
   * after {@link org.wangge.api.embedded.EmbeddedDefaults}), and registers it as a bean.
   */
  static final class Early
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private final String[] args;

    Early(String[] args) {
      this.args = args.clone();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      Environment env = context.getEnvironment();
      context
          .getBeanFactory()
          .registerSingleton(
              "wanggeStartupWork",
              start(new Database(env), env, new DefaultApplicationArguments(args)));
    }
  }
}
