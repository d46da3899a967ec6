package org.wangge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.wangge.api.component.ComponentStore;
import org.wangge.api.grid.GridStore;
import org.wangge.api.security.Role;

/**
 * Three starts of the whole application on one database: the first migrates, loads the sample and
 * creates the first admin; the second finds the data (changed since) and reuses it; the third reads
 * the start-up snapshot the second wrote.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapIntegrationTests {

  @Test
  void aSecondStartReusesTheDataAndCreatesNoSecondAdmin(CapturedOutput output)
      throws InterruptedException {
    Map<String, Object> properties = new LinkedHashMap<>();
    TestDatabases.register((name, value) -> properties.put(name, value.get()));
    properties.put("server.port", 0);
    properties.put("wangge.snapshot.enabled", true);
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));

    String adminHash;
    String removed;
    // the first start as WanggeApplication.main runs it: the database work starts before the
    // context is built; the second through Bootstrap's own start of it, as in other tests
    try (ConfigurableApplicationContext first = startAsMain(args)) {
      assertThat(first.getBeansOfType(StartupWork.class)).containsOnlyKeys("wanggeStartupWork");
      Counts counts = Counts.of(first.getBean(DatabaseClient.class));
      assertThat(counts.gridSets()).isEqualTo(1);
      assertThat(counts.components()).isEqualTo(20_000);
      assertThat(counts.users()).isEqualTo(1);
      assertThat(first.getBean(ComponentStore.class).snapshot().rows()).hasSize(20_000);
      assertThat(first.getBean(GridStore.class).active().index().unitGrids()).hasSize(2000);
      assertThat(output.getOut()).containsOnlyOnce("First admin: user 'admin', password '");
      assertThat(output.getOut()).contains("read 20000 components from the database");
      adminHash = single(first, "select password_hash as v from app_user where username = 'admin'");
      // the data changes while the service runs: the next start must keep the change
      removed = single(first, "select min(code) as v from component");
      first
          .getBean(DatabaseClient.class)
          .sql("delete from component where code = :c")
          .bind("c", removed)
          .then()
          .block();
      TestUsers.ensure(first);
    }
    int printedBefore = output.getOut().length();

    try (ConfigurableApplicationContext second = start(args)) {
      assertThat(second.getBeansOfType(StartupWork.class)).isEmpty();
      Counts counts = Counts.of(second.getBean(DatabaseClient.class));
      assertThat(counts.gridSets()).isEqualTo(1);
      assertThat(counts.components()).isEqualTo(19_999);
      assertThat(counts.users()).isEqualTo(1 + Role.values().length);
      assertThat(single(second, "select password_hash as v from app_user where username = 'admin'"))
          .isEqualTo(adminHash);
      assertThat(output.getOut().substring(printedBefore))
          .contains("Wangge is ready at")
          // the alarm path is off in these tests: no line claims it is up
          .doesNotContain("Device alarms are accepted")
          .doesNotContain("First admin")
          .doesNotContain("loading the demo sample");
      ComponentStore components = second.getBean(ComponentStore.class);
      assertThat(components.snapshot().rows()).hasSize(19_999);
      assertThat(components.snapshot().byCode(removed)).isNull();
      assertThat(second.getBean(GridStore.class).active().index().unitGrids()).hasSize(2000);

      // and the second instance serves requests from the reused data
      int port = ((WebServerApplicationContext) second).getWebServer().getPort();
      WebTestClient.bindToServer()
          .baseUrl("http://localhost:" + port)
          .build()
          .get()
          .uri("/api/components/" + removed)
          .headers(TestUsers.as(Role.PLANNER))
          .exchange()
          .expectStatus()
          .isNotFound();
    }
    // the second start read the database (the delete changed the stamp) and wrote a new snapshot
    assertThat(output.getOut().substring(printedBefore))
        .contains("read 19999 components from the database");
    int printedBeforeThird = output.getOut().length();

    // nothing changed since: the third start reads the snapshot file, which holds the delete;
    // with the device-alarm path on, the ready line comes first and the start ends once that path
    // is up too
    properties.put("wangge.mqtt.enabled", true);
    // and the import path's warm-up, off in the other tests, runs after the start
    properties.put("wangge.import.warm-up", true);
    properties.put(
        "wangge.mqtt.embedded.data-dir",
        Path.of("target", "hivemq-" + UUID.randomUUID()).toAbsolutePath().toString());
    List<String> withAlarms = new ArrayList<>();
    properties.forEach((k, v) -> withAlarms.add("--" + k + "=" + v));
    try (ConfigurableApplicationContext third = startAsMain(withAlarms)) {
      String printed = output.getOut().substring(printedBeforeThird);
      assertThat(printed).contains("read 19999 components from the snapshot file");
      int ready = printed.indexOf("Wangge is ready at");
      int subscribed = printed.indexOf("MQTT ingest subscribed at");
      int accepted = printed.indexOf("Device alarms are accepted from now on");
      assertThat(ready).isNotNegative();
      assertThat(subscribed).isGreaterThan(ready);
      assertThat(accepted).isGreaterThan(subscribed);
      ComponentStore components = third.getBean(ComponentStore.class);
      assertThat(components.snapshot().rows()).hasSize(19_999);
      assertThat(components.snapshot().byCode(removed)).isNull();
      assertThat(third.getBean(GridStore.class).active().index().unitGrids()).hasSize(2000);
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!output.getOut().substring(printedBeforeThird).contains("import path warmed up")
          && !output.getOut().substring(printedBeforeThird).contains("import warm-up failed")
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      // every synthetic row over the demo grid set is accepted, on the re-import's path (the
      // inventory is not empty); the warm-up wrote nothing
      assertThat(output.getOut().substring(printedBeforeThird))
          .containsPattern(
              "import path warmed up: [1-4] passes over synthetic rows \\((\\d+) rows, \\1 accepted, \\1 encoded\\)");
      assertThat(Counts.of(third.getBean(DatabaseClient.class)).components()).isEqualTo(19_999);
      assertThat(components.snapshot().rows()).hasSize(19_999);
    }
  }

  /**
   * A start whose database work fails fails with the work's exception, whether main started the
   * work before the context or Bootstrap did.
   */
  @Test
  void aStartFailsWithTheDatabaseWorksException() {
    Map<String, Object> properties = new LinkedHashMap<>();
    TestDatabases.register((name, value) -> properties.put(name, value.get()));
    properties.put("server.port", 0);
    String missing = "wangge_missing_" + UUID.randomUUID().toString().replace("-", "");
    String jdbc = (String) properties.get("wangge.jdbc-url");
    properties.put("wangge.jdbc-url", jdbc.substring(0, jdbc.lastIndexOf('/') + 1) + missing);
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));

    Throwable early = catchThrowable(() -> startAsMain(args).close());
    Throwable own = catchThrowable(() -> start(args).close());
    assertThat(early).isNotNull();
    assertThat(own).isNotNull();
    assertThat(rootCause(early)).hasMessageContaining("\"" + missing + "\" does not exist");
    assertThat(rootCause(early).getClass()).isEqualTo(rootCause(own).getClass());
    assertThat(early.getMessage()).isEqualTo(own.getMessage());
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static ConfigurableApplicationContext start(List<String> args) {
    return new SpringApplicationBuilder(WanggeApplication.class).run(args.toArray(String[]::new));
  }

  private static ConfigurableApplicationContext startAsMain(List<String> args) {
    String[] a = args.toArray(String[]::new);
    return WanggeApplication.Start.application(a).run(a);
  }

  private static String single(ConfigurableApplicationContext context, String sql) {
    return context
        .getBean(DatabaseClient.class)
        .sql(sql)
        .map(row -> row.get("v", String.class))
        .one()
        .block();
  }

  record Counts(long gridSets, long components, long users) {
    static Counts of(DatabaseClient db) {
      return new Counts(
          count(db, "select count(*) as n from grid_set"),
          count(db, "select count(*) as n from component"),
          count(db, "select count(*) as n from app_user"));
    }

    private static long count(DatabaseClient db, String sql) {
      return db.sql(sql).map(row -> row.get("n", Long.class)).one().block();
    }
  }
}
