package org.wangge.api.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.wangge.api.TestDatabases;
import org.wangge.api.TestUsers;
import org.wangge.api.security.Role;

/**
 * Survey imports end to end against a real PostgreSQL: the demo district's grids are loaded, its
 * inventory starts empty, and files made by GDAL go through the import jobs.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"wangge.sample-components=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.register(registry);
  }

  @Autowired DatabaseClient db;
  @Autowired org.springframework.context.ApplicationContext context;
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  WebTestClient web;

  @BeforeAll
  void users() {
    TestUsers.ensure(context);
    web =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(60))
            .build();
  }

  private long components() {
    return count("select count(*) as n from component");
  }

  private long count(String sql) {
    return db.sql(sql).map((r, m) -> r.get("n", Long.class)).one().block();
  }

  /** Uploads, waits for the job to end, and returns the job row. */
  private Map<String, Object> importFile(Resource file, String query, Object... uriVariables) {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("file", file).filename(file.getFilename());
    Map<?, ?> accepted =
        web.post()
            .uri("/api/imports" + query, uriVariables)
            .headers(TestUsers.as(Role.SURVEYOR))
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(BodyInserters.fromMultipartData(body.build()))
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String id = (String) accepted.get("id");
    // the progress stream ends with the final state
    List<String> events =
        web.get()
            .uri("/api/imports/" + id + "/progress")
            .headers(TestUsers.as(Role.SURVEYOR))
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody()
            .collectList()
            .block(Duration.ofSeconds(60));
    assertThat(events).isNotEmpty();
    assertThat(events.get(events.size() - 1)).containsPattern("SUCCEEDED|FAILED");
    @SuppressWarnings("unchecked")
    Map<String, Object> job =
        web.get()
            .uri("/api/imports/" + id)
            .headers(TestUsers.as(Role.SURVEYOR))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return job;
  }

  private List<Map<String, Object>> rejections(Object jobId) {
    return db.sql(
            "select row_number, field, reason from import_rejection where job_id = :id order by"
                + " row_number")
        .bind("id", java.util.UUID.fromString(jobId.toString()))
        .fetch()
        .all()
        .collectList()
        .block();
  }

  /** Bytes that upload under a file name. */
  private static ByteArrayResource named(String fileName, byte[] bytes) {
    return new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return fileName;
      }
    };
  }

  @Autowired ImportingComponents importing;
  @Autowired org.wangge.api.grid.GridStore grids;
  @Autowired org.wangge.api.component.ComponentStore store;
  @Autowired org.wangge.api.WanggeProperties properties;

  private byte[] warmUpRows(int rows) {
    var made =
        WarmUpRows.of(
            "320509", grids.active(), org.wangge.geo.codes.ClassCatalogue.standard(), rows);
    assertThat(made.rows()).isEqualTo(rows);
    return made.csv();
  }

  private long importDirEntries() throws java.io.IOException {
    var dir = properties.importDir();
    if (!java.nio.file.Files.isDirectory(dir)) {
      return 0;
    }
    try (var entries = java.nio.file.Files.list(dir)) {
      return entries.count();
    }
  }

  @Test
  @Order(1)
  void theWarmUpTakesTheImportPathOnSyntheticRowsAndChangesNothing() throws Exception {
    byte[] csv = warmUpRows(3_000);
    var snapshot = store.snapshot();
    long components = components();
    long jobs = count("select count(*) as n from import_job");
    long files = importDirEntries();

    var done = importing.warmUp(() -> csv, 2, () -> false);

    assertThat(done.passes()).isEqualTo(2);
    assertThat(done.rows()).isEqualTo(6_000);
    // every synthetic row is valid, so the warm-up runs the accepting path a real file's rows take,
    // and every accepted row is encoded and handed over, as a first load's are
    assertThat(done.accepted()).isEqualTo(6_000);
    assertThat(done.sent()).isEqualTo(6_000);
    assertThat(done.firstLoad()).isTrue();
    assertThat(done.stopped()).isFalse();
    assertThat(store.snapshot()).isSameAs(snapshot);
    assertThat(components()).isEqualTo(components);
    assertThat(count("select count(*) as n from import_job")).isEqualTo(jobs);
    assertThat(importDirEntries()).isEqualTo(files);
  }

  @Test
  @Order(1)
  void aJobThatStartsStopsTheWarmUp() throws Exception {
    int rows = 20_000;
    int maxPasses = 1_000;
    byte[] csv = warmUpRows(rows);
    var firstPass = new java.util.concurrent.CountDownLatch(1);
    var warming =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                // never settled: only a job ends it before its last pass, minutes away
                return importing.warmUp(
                    () -> csv,
                    maxPasses,
                    () -> {
                      firstPass.countDown();
                      return false;
                    });
              } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            });
    assertThat(firstPass.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    var job =
        importFile(
            new ClassPathResource("importing/components-gbk.csv"), "?dryRun=true&crs=CGCS2000");

    var done = warming.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(done.stopped()).isTrue();
    assertThat(done.passes()).isPositive().isLessThan(maxPasses);
    // the job ended long before the warm-up could have: no pass was started after the stop
    assertThat(done.rows()).isLessThanOrEqualTo((long) (done.passes() + 1) * rows);
    // and a warm-up asked for while no job runs after that goes ahead again
    assertThat(importing.warmUp(() -> csv, 1, () -> false).passes()).isEqualTo(1);
    assertThat(job.get("status")).isEqualTo("SUCCEEDED");
    assertThat(((Number) job.get("total_rows")).longValue()).isEqualTo(20);
  }

  @Test
  @Order(1)
  void dryRunReportsWithoutWriting() {
    var job =
        importFile(
            new ClassPathResource("importing/components-gbk.csv"), "?dryRun=true&crs=CGCS2000");
    assertThat(job.get("status")).isEqualTo("SUCCEEDED");
    assertThat(job.get("dry_run")).isEqualTo(true);
    assertThat(((Number) job.get("total_rows")).longValue()).isEqualTo(20);
    assertThat(((Number) job.get("inserted")).longValue())
        .isEqualTo(((Number) job.get("accepted")).longValue());
    assertThat(components()).isZero();
  }

  /** The keys, foreign keys and indexes of the inventory, as the migrations create them. */
  private static final List<String> INVENTORY_CONSTRAINTS =
      List.of(
          "component.component_district_code_fkey",
          "component.component_pkey",
          "component.component_state_check",
          "device.device_component_code_fkey");

  private List<String> inventoryConstraints() {
    return db.sql(
            "select conrelid::regclass::text || '.' || conname as name from pg_constraint where"
                + " conrelid = 'component'::regclass or confrelid = 'component'::regclass"
                + " union select 'component.' || indexname from pg_indexes where tablename ="
                + " 'component' order by 1")
        .map((r, m) -> r.get("name", String.class))
        .all()
        .collectList()
        .block();
  }

  /** A device naming a component code that does not exist must be refused by the foreign key. */
  private void assertDeviceForeignKeyHolds() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                db.sql(
                        "insert into device (id, kind, component_code, secret_hash) values"
                            + " ('fk-probe', 'LEVEL', '3205090199999999', 'x')")
                    .then()
                    .block())
        .hasMessageContaining("device_component_code_fkey");
  }

  @Test
  @Order(1)
  void aFailedFirstLoadLeavesAnEmptyInventoryWithItsKeysAndForeignKeys() {
    assertThat(components()).isZero();
    // the direct path drops the keys before the COPY: 6,000 good rows go in, then the file breaks
    var job = importFile(brokenLamps(1000, "first-load-broken.geojson"), "");
    assertThat(job.get("status")).isEqualTo("FAILED");
    assertThat(components()).isZero();
    assertThat(inventoryConstraints()).isEqualTo(INVENTORY_CONSTRAINTS);
    assertDeviceForeignKeyHolds();
  }

  @Autowired org.wangge.api.Database database;

  /**
   * Codes are sorted and joined byte by byte whatever the database's default collation (V9): the
   * first load's key rebuild and the re-import's merge depend on it for their speed.
   */
  @Test
  void everyColumnHoldingAComponentCodeComparesBytewise() {
    List<String> columns =
        db.sql(
                "select table_name || '.' || column_name || ' ' || coalesce(collation_name, '-')"
                    + " as c from information_schema.columns where table_schema = 'public' and"
                    + " (table_name, column_name) in (('component', 'code'),"
                    + " ('component_history', 'component_code'), ('device', 'component_code'),"
                    + " ('case_file', 'component_code')) order by 1")
            .map((r, m) -> r.get("c", String.class))
            .all()
            .collectList()
            .block();
    assertThat(columns)
        .containsExactly(
            "case_file.component_code C",
            "component.code C",
            "component_history.component_code C",
            "device.component_code C");
  }

  @Test
  @Order(1)
  void aFirstLoadWhoseKeyCannotBeRebuiltRollsBackWithItsKeys() {
    assertThat(components()).isZero();
    // The validator never lets a repeated code through; the writer is given one directly, so the
    // unique key fails to build after the COPY, inside the transaction that dropped it.
    ImportedComponent row =
        new ImportedComponent(
            1,
            "3205090118000001",
            "0118",
            "路灯",
            120.63,
            31.13,
            "INTACT",
            null,
            "路灯管理所",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    CopyBinary rows = new CopyBinary(256);
    java.util.UUID job = java.util.UUID.randomUUID();
    row.appendCopyRow(rows, "320509", job);
    row.appendCopyRow(rows, "320509", job);
    byte[] twice = rows.take();
    boolean[] sent = {false};
    ComponentWriter writer = new ComponentWriter(database);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                writer.write(
                    java.util.UUID.randomUUID(),
                    () -> {
                      if (sent[0]) {
                        return null;
                      }
                      sent[0] = true;
                      return twice;
                    },
                    () -> "",
                    true,
                    null,
                    "test"))
        .hasMessageContaining("component_pkey");
    assertThat(components()).isZero();
    assertThat(inventoryConstraints()).isEqualTo(INVENTORY_CONSTRAINTS);
    assertDeviceForeignKeyHolds();
  }

  @Test
  @Order(2)
  void gbkCsvWithChineseHeadersLandsAndRejectsRowsOutsideTheDistrict() {
    var job = importFile(new ClassPathResource("importing/components-gbk.csv"), "?crs=CGCS2000");
    assertThat(job.get("status")).isEqualTo("SUCCEEDED");
    long accepted = ((Number) job.get("accepted")).longValue();
    long rejected = ((Number) job.get("rejected")).longValue();
    assertThat(accepted + rejected).isEqualTo(20);
    assertThat(accepted).isGreaterThan(10);
    assertThat(components()).isEqualTo(accepted);
    // this was the first load (direct path): rejected rows are reported as on any other path, and
    // the keys and foreign keys dropped for the COPY are back
    assertThat(rejected).isPositive();
    assertThat(rejections(job.get("id"))).hasSize((int) rejected);
    for (var r : rejections(job.get("id"))) {
      assertThat((String) r.get("reason")).contains("outside district 320509");
      assertThat(((Number) r.get("row_number")).longValue()).isBetween(1L, 20L);
    }
    assertThat(inventoryConstraints()).isEqualTo(INVENTORY_CONSTRAINTS);
    assertDeviceForeignKeyHolds();
    var card =
        db.sql(
                "select name, competent_dept_name, state, grid_code, or_date from component where code = '3205090101000001'")
            .fetch()
            .one()
            .block();
    if (card != null) {
      assertThat(card.get("name")).isEqualTo("上水井盖");
      assertThat(card.get("competent_dept_name")).isEqualTo("吴江区水务局");
      assertThat(card.get("state")).isEqualTo("INTACT");
      assertThat(card.get("or_date").toString()).isEqualTo("2019-01-01");
    }
    assertThat(
            db.sql("select count(*) as n from component where import_job_id = :job")
                .bind("job", java.util.UUID.fromString(job.get("id").toString()))
                .map((r2, m) -> r2.get("n", Long.class))
                .one()
                .block())
        .isEqualTo(accepted);
    assertFirstLoadRowsAreFrozen();
    // last: the refused insert leaves a dead row on a page, which is then no longer all-frozen
    assertDistrictForeignKeyHoldsAndIsValidated();
  }

  /**
   * The first load adds the district foreign key back NOT VALID and validates it after the commit:
   * it refuses a row of an unknown district at once, and is validated soon after.
   */
  private void assertDistrictForeignKeyHoldsAndIsValidated() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                db.sql(
                        "insert into component (code, district_code, class_code, lon, lat, state,"
                            + " competent_dept_name) values ('9999990101000001', '999999',"
                            + " '0101', 120.6, 31.1, 'INTACT', 'x')")
                    .then()
                    .block())
        .hasMessageContaining("component_district_code_fkey");
    boolean validated = eventually(this::districtForeignKeyValidated);
    assertThat(validated).as("the district foreign key is validated after the load").isTrue();
    // a service that stopped before that validation ended left the key NOT VALID: a start
    // validates it
    db.sql(
            "alter table component drop constraint component_district_code_fkey; alter table"
                + " component add constraint component_district_code_fkey foreign key"
                + " (district_code) references district (code) not valid")
        .then()
        .block();
    assertThat(districtForeignKeyValidated()).isFalse();
    context.getBean(ImportingComponents.class).validateForeignKeysLeftNotValid();
    assertThat(eventually(this::districtForeignKeyValidated))
        .as("a start validates a key left NOT VALID")
        .isTrue();
  }

  private boolean districtForeignKeyValidated() {
    return Boolean.TRUE.equals(
        db.sql(
                "select convalidated as v from pg_constraint where conname ="
                    + " 'component_district_code_fkey'")
            .map((r, m) -> r.get("v", Boolean.class))
            .one()
            .block());
  }

  /** Polls {@code condition} every 100 ms for up to 30 s; whether it came true. */
  private static boolean eventually(java.util.function.BooleanSupplier condition) {
    for (int i = 0; i < 300; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  /**
   * The first load writes its rows frozen (COPY FREEZE into the table it emptied), so every page is
   * all-visible and all-frozen right after the commit; a plain COPY leaves both unset until a
   * vacuum. Checked where the server has the pg_visibility extension.
   */
  private void assertFirstLoadRowsAreFrozen() {
    boolean available =
        Boolean.TRUE.equals(
            db.sql(
                    "select exists (select 1 from pg_available_extensions where name ="
                        + " 'pg_visibility') as a")
                .map((r, m) -> r.get("a", Boolean.class))
                .one()
                .block());
    org.junit.jupiter.api.Assumptions.assumeTrue(available, "pg_visibility not installed");
    db.sql("create extension if not exists pg_visibility").then().block();
    var pages =
        db.sql(
                "select pg_relation_size('component') / current_setting('block_size')::int as"
                    + " pages, (select all_frozen from pg_visibility_map_summary('component'))"
                    + " as frozen")
            .fetch()
            .one()
            .block();
    assertThat(((Number) pages.get("pages")).longValue()).isPositive();
    assertThat(((Number) pages.get("frozen")).longValue())
        .isEqualTo(((Number) pages.get("pages")).longValue());
  }

  @Test
  @Order(3)
  void reimportingTheSameFileChangesNothing() {
    long before = components();
    var job = importFile(new ClassPathResource("importing/components-gbk.csv"), "?crs=CGCS2000");
    assertThat(job.get("status")).isEqualTo("SUCCEEDED");
    assertThat(((Number) job.get("inserted")).longValue()).isZero();
    assertThat(((Number) job.get("updated")).longValue()).isZero();
    assertThat(((Number) job.get("unchanged")).longValue()).isEqualTo(before);
    assertThat(components()).isEqualTo(before);
  }

  /** The job's log line: "(… new, … updated, … unchanged; … sent)". */
  private static String counts(CapturedOutput output, Map<String, Object> job) {
    var m =
        java.util.regex.Pattern.compile(
                "import "
                    + job.get("id")
                    + " of .*\\((\\d+ new, \\d+ updated, \\d+ unchanged; \\d+ sent)\\)")
            .matcher(output.getOut());
    assertThat(m.find()).as("log line of job %s", job.get("id")).isTrue();
    return m.group(1);
  }

  @Test
  @Order(3)
  void aReimportSendsOnlyRowsNotStoredAsTheyAreInTheFile(CapturedOutput output) {
    long before = components();
    String code =
        db.sql("select code from component order by code limit 1")
            .map((r, m) -> r.get("code", String.class))
            .one()
            .block();
    String name =
        db.sql("select name from component where code = :c")
            .bind("c", code)
            .map((r, m) -> r.get("name", String.class))
            .one()
            .block();
    // a write the import does not know of: the rows it would leave out may differ now
    db.sql("update component set name = 'edited' where code = :c").bind("c", code).then().block();
    var job = importFile(new ClassPathResource("importing/components-gbk.csv"), "?crs=CGCS2000");
    assertThat(job.get("status")).isEqualTo("SUCCEEDED");
    assertThat(counts(output, job))
        .isEqualTo("0 new, 1 updated, " + (before - 1) + " unchanged; " + before + " sent");
    assertThat(
            db.sql("select name from component where code = :c")
                .bind("c", code)
                .map((r, m) -> r.get("name", String.class))
                .one()
                .block())
        .isEqualTo(name);
    // nothing written since: every row is stored as it is in the file and none is sent
    var again = importFile(new ClassPathResource("importing/components-gbk.csv"), "?crs=CGCS2000");
    assertThat(again.get("status")).isEqualTo("SUCCEEDED");
    assertThat(counts(output, again))
        .isEqualTo("0 new, 0 updated, " + before + " unchanged; 0 sent");
    assertThat(components()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void gbkShapefileInGaussKrugerZoneUpdatesByCode() {
    // the same 20 components, projected to EPSG:4549 by ogr2ogr, with all exchange fields
    var job = importFile(new ClassPathResource("importing/components-gk.zip"), "");
    assertThat(job.get("status")).as("job %s", job).isEqualTo("SUCCEEDED");
    assertThat(((Number) job.get("total_rows")).longValue()).isEqualTo(20);
    // DeptCode/owner/maintenance fields are richer than the CSV's: rows update, none are new
    assertThat(((Number) job.get("inserted")).longValue()).isZero();
    long updated = ((Number) job.get("updated")).longValue();
    assertThat(updated).isPositive();
    assertThat(
            db.sql(
                    "select count(*) as n from component_history where change = 'UPDATED' and"
                        + " import_job_id = :job")
                .bind("job", java.util.UUID.fromString(job.get("id").toString()))
                .map((r2, m) -> r2.get("n", Long.class))
                .one()
                .block())
        .isEqualTo(updated);
    var moved =
        db.sql(
                "select lon, lat, maintenance_unit_name from component where code = '3205090101000001'")
            .fetch()
            .one()
            .block();
    if (moved != null) {
      // GK → lon/lat round trip through ogr2ogr and our transform: within 1e-7 degree
      assertThat(((Number) moved.get("lon")).doubleValue())
          .isCloseTo(120.45, org.assertj.core.data.Offset.offset(1e-7));
      assertThat(((Number) moved.get("lat")).doubleValue())
          .isCloseTo(30.85, org.assertj.core.data.Offset.offset(1e-7));
      assertThat(moved.get("maintenance_unit_name")).isEqualTo("松陵街道养护队");
    }
  }

  @Test
  @Order(5)
  void badRowsAreRejectedWithRowNumberAndReasonWhileGoodRowsLand() {
    long before = components();
    var job = importFile(new ClassPathResource("importing/bad-rows.csv"), "?crs=CGCS2000");
    assertThat(job.get("status")).isEqualTo("SUCCEEDED");
    var rejected = rejections(job.get("id"));
    assertThat(rejected)
        .extracting(r -> ((Number) r.get("row_number")).longValue())
        .contains(2L, 3L, 4L);
    assertThat(rejected).allSatisfy(r -> assertThat((String) r.get("reason")).isNotBlank());
    // no competent department column at all: every readable row is rejected for it, naming the
    // field
    assertThat(rejected).anySatisfy(r -> assertThat(r.get("field")).isEqualTo("DeptName1"));
    assertThat(components()).isEqualTo(before);

    String csv =
        web.get()
            .uri("/api/imports/" + job.get("id") + "/rejections.csv")
            .headers(TestUsers.as(Role.SURVEYOR))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(csv).contains("row,code,field,reason").contains("\n2,");
  }

  @Test
  @Order(6)
  void unreadableUploadsFailTheJobCleanly() {
    long before = components();
    var unknown = importFile(named("inventory.xyz", "hello".getBytes()), "?crs=CGCS2000");
    assertThat(unknown.get("status")).isEqualTo("FAILED");
    assertThat((String) unknown.get("message")).contains("unknown format '.xyz'");

    var noCrs = importFile(new ClassPathResource("importing/components-gbk.csv"), "");
    assertThat(noCrs.get("status")).isEqualTo("FAILED");
    assertThat((String) noCrs.get("message")).contains("declares no coordinate system");
    assertThat(components()).isEqualTo(before);
  }

  @Test
  @Order(7)
  void aFailureWhileWritingLeavesTheInventoryAsItWas() {
    long before = components();
    // PostgreSQL text cannot hold a NUL character: the COPY fails after rows were sent
    String rows =
        "ObjID,ObjName,DeptName1,lon,lat\n"
            + "3205090118000901,路灯,路灯管理所,120.645,31.138\n"
            + "3205090118000902,路灯\u0000坏,路灯管理所,120.646,31.139\n";
    var job =
        importFile(
            named("nul.csv", rows.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "?crs=CGCS2000");
    assertThat(job.get("status")).isEqualTo("FAILED");
    assertThat(components()).isEqualTo(before);
    assertThat(
            db.sql("select count(*) as n from component where code = '3205090118000901'")
                .map((r, m) -> r.get("n", Long.class))
                .one()
                .block())
        .isZero();
  }

  @Test
  @Order(8)
  void geoPackageGeoJsonAndFlatGeobufOfTheSameSurveyAgree() {
    long before = components();
    var gpkg = importFile(new ClassPathResource("importing/components_4490.gpkg"), "");
    assertThat(gpkg.get("status")).as("job %s", gpkg).isEqualTo("SUCCEEDED");
    assertThat(((Number) gpkg.get("total_rows")).longValue()).isEqualTo(20);
    long accepted = ((Number) gpkg.get("accepted")).longValue();
    assertThat(accepted).isPositive();
    // two of its codes came with the CSV earlier: those update, the rest are new
    long inserted = ((Number) gpkg.get("inserted")).longValue();
    assertThat(inserted + ((Number) gpkg.get("updated")).longValue()).isEqualTo(accepted);
    assertThat(components()).isEqualTo(before + inserted);
    // a state outside 完好/破损/丢失/废弃/移除 is refused, naming the field and the value
    assertThat(rejections(gpkg.get("id")))
        .anySatisfy(
            r -> {
              assertThat(r.get("field")).isEqualTo("ObjState");
              assertThat((String) r.get("reason")).contains("占用");
            });
    for (String other : List.of("components_rfc7946.geojson", "components_4490.fgb")) {
      var job = importFile(new ClassPathResource("importing/" + other), "");
      assertThat(job.get("status")).as("job %s", job).isEqualTo("SUCCEEDED");
      assertThat(job.get("accepted")).as(other).isEqualTo(gpkg.get("accepted"));
      assertThat(job.get("rejected")).as(other).isEqualTo(gpkg.get("rejected"));
      assertThat(((Number) job.get("inserted")).longValue()).as(other).isZero();
      assertThat(components()).isEqualTo(before + inserted);
    }
  }

  @Test
  @Order(9)
  void eachValidationRuleRejectsItsRowNamingFieldAndReason() {
    var job =
        importFile(
            new ClassPathResource("importing/validation-rows.csv"),
            "?crs=CGCS2000&mapping={mapping}",
            "{\"DeptName1\":\"管理单位\"}");
    assertThat(job.get("status")).as("job %s", job).isEqualTo("SUCCEEDED");
    assertThat(((Number) job.get("total_rows")).longValue()).isEqualTo(14);
    assertThat(((Number) job.get("accepted")).longValue()).isEqualTo(3);
    assertThat((String) job.get("message")).contains("BGID 320509001001001 disagrees");
    Map<Long, Map<String, Object>> byRow = new java.util.TreeMap<>();
    for (var r : rejections(job.get("id"))) {
      byRow.put(((Number) r.get("row_number")).longValue(), r);
    }
    String[][] expected = {
      {"2", "ObjID", "non-digit 'X'"},
      {"3", "ObjID", "belongs to county 320506"},
      {"4", "ObjID", "class 9999 is not in the component catalogue"},
      {"5", "ObjID", "repeats row 1"},
      {"6", "DeptName1", "competent department"},
      {"7", "ObjState", "'占用' is not one of"},
      {"8", "ORDate", "'2020-13-45' is not a date"},
      {"9", "CHDate", "is before ORDate"},
      {"10", "geometry", "outside district 320509"},
      {"11", "ObjID", "no code and no class"},
      {"14", "geometry", "latitude 120.657"},
    };
    assertThat(byRow.keySet()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 14L);
    for (String[] e : expected) {
      var r = byRow.get(Long.parseLong(e[0]));
      assertThat(r.get("field")).as("row %s", e[0]).isEqualTo(e[1]);
      assertThat((String) r.get("reason")).as("row %s", e[0]).contains(e[2]);
    }
    // the row without a code got the next code of its class after those the file brings (513)
    var assigned =
        db.sql("select name, competent_dept_name from component where code = '3205090118000514'")
            .fetch()
            .one()
            .block();
    assertThat(assigned).isNotNull();
    assertThat(assigned.get("name")).isEqualTo("新路灯");
    assertThat(assigned.get("competent_dept_name")).isEqualTo("路灯管理所");
    var disagreeing =
        db.sql(
                "select grid_code, bgid_reported, state from component where code = '3205090118000513'")
            .fetch()
            .one()
            .block();
    assertThat(disagreeing.get("bgid_reported")).isEqualTo("320509001001001");
    assertThat(disagreeing.get("grid_code")).isNotEqualTo("320509001001001");
    assertThat(disagreeing.get("state")).isEqualTo("DAMAGED");
  }

  @Test
  @Order(9)
  void codesOfAClassSeenBeforeAreCheckedAsFullyAsTheFirst() {
    // the validator parses the first code of each class in full and later ones of that class by
    // their sequence only: every rule must still hold for the later ones
    String rows =
        "ObjID,DeptName1,lon,lat\n"
            + "3205090118000901,路灯管理所,120.645,31.138\n"
            + "3205090118000000,路灯管理所,120.645,31.138\n"
            + "320509011800090X,路灯管理所,120.645,31.138\n"
            + "3205090118000901,路灯管理所,120.645,31.138\n"
            + "32050901180009011,路灯管理所,120.645,31.138\n"
            + "32050901180009012,路灯管理所,120.645,31.138\n"
            + "3205069999000001,路灯管理所,120.645,31.138\n"
            + "3205099999000001,路灯管理所,120.645,31.138\n"
            + "3205099999000002,路灯管理所,120.645,31.138\n"
            + " 3205090118000902 ,路灯管理所,120.645,31.138\n"
            + "3205090118000902,路灯管理所,120.645,31.138\n";
    var job =
        importFile(
            named("codes.csv", rows.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "?crs=CGCS2000&dryRun=true");
    assertThat(job.get("status")).as("job %s", job).isEqualTo("SUCCEEDED");
    Map<Long, String> byRow = new java.util.TreeMap<>();
    for (var r : rejections(job.get("id"))) {
      byRow.put(
          ((Number) r.get("row_number")).longValue(), r.get("field") + ": " + r.get("reason"));
    }
    assertThat(byRow.get(2L)).contains("ObjID", "sequence (last 6 digits) must not be 000000");
    assertThat(byRow.get(3L)).contains("ObjID", "non-digit 'X'");
    assertThat(byRow.get(4L)).contains("ObjID", "code 3205090118000901 repeats row 1");
    assertThat(byRow.get(6L)).isEqualTo(byRow.get(5L)); // the same class, the same verdict
    assertThat(byRow.get(7L)).contains("belongs to county 320506");
    assertThat(byRow.get(8L)).contains("class 9999 is not in the component catalogue");
    assertThat(byRow.get(9L)).contains("class 9999 is not in the component catalogue");
    assertThat(byRow).doesNotContainKeys(1L, 10L);
    assertThat(byRow.get(11L)).contains("code 3205090118000902 repeats row 10");
  }

  @Test
  @Order(10)
  void unsafeAndOversizedArchivesFailCleanly() throws Exception {
    long before = components();
    var zipSlip = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(zipSlip)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("../../evil.csv"));
      zip.write("ObjID,lon,lat\n".getBytes());
      zip.closeEntry();
    }
    var slip = importFile(named("survey.zip", zipSlip.toByteArray()), "?crs=CGCS2000");
    assertThat(slip.get("status")).isEqualTo("FAILED");
    assertThat((String) slip.get("message")).contains("../../evil.csv");

    var missingParts = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(missingParts)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("components.shp"));
      zip.write(new byte[100]);
      zip.closeEntry();
    }
    var missing = importFile(named("components.zip", missingParts.toByteArray()), "");
    assertThat(missing.get("status")).isEqualTo("FAILED");
    assertThat((String) missing.get("message")).containsIgnoringCase(".dbf");
    assertThat(components()).isEqualTo(before);
  }

  @Test
  @Order(11)
  void aFileThatBreaksAfterRowsWereSentLeavesNothing() {
    long before = components();
    // 6,000 good lamps (more than one COPY chunk), then the file breaks off mid-feature
    var job = importFile(brokenLamps(7000, "broken-tail.geojson"), "");
    assertThat(job.get("status")).isEqualTo("FAILED");
    assertThat((String) job.get("message")).contains("broken-tail.geojson");
    assertThat(components()).isEqualTo(before);
  }

  @Test
  @Order(12)
  void rolesAndParametersAreChecked() {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("file", new ClassPathResource("importing/components-gbk.csv"));
    web.post()
        .uri("/api/imports")
        .headers(TestUsers.as(Role.PLANNER))
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange()
        .expectStatus()
        .isForbidden();
    web.post()
        .uri("/api/imports?crs=EPSG:9999999")
        .headers(TestUsers.as(Role.SURVEYOR))
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("crs");
  }

  @Test
  @Order(13)
  void aJobWhoseRowCannotBeInsertedFailsWritesNothingAndIsForgotten() throws Exception {
    long before = components();
    long jobs = count("select count(*) as n from import_job");
    var importing = context.getBean(ImportingComponents.class);
    var properties = context.getBean(org.wangge.api.WanggeProperties.class);
    Set<UUID> running = importing.runningJobs();
    Set<java.nio.file.Path> uploads = uploadDirs(properties.importDir());
    db.sql(
            "alter table import_job add constraint no_unregistered_csv"
                + " check (file_name <> 'unregistered.csv') not valid")
        .then()
        .block();
    try {
      web.post()
          .uri("/api/imports?crs=CGCS2000&fileName=unregistered.csv")
          .headers(TestUsers.as(Role.SURVEYOR))
          .contentType(MediaType.APPLICATION_OCTET_STREAM)
          .bodyValue(
              "ObjID,ObjName,DeptName1,lon,lat\n3205090118060000,路灯,路灯管理所,120.62,31.12\n"
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .exchange()
          .expectStatus()
          .isEqualTo(org.springframework.http.HttpStatus.CONFLICT); // the check refused the row
      assertThat(importing.runningJobs()).isEqualTo(running);
      assertThat(components()).isEqualTo(before);
      assertThat(count("select count(*) as n from import_job")).isEqualTo(jobs);
      assertThat(uploadDirs(properties.importDir())).isEqualTo(uploads);
    } finally {
      db.sql("alter table import_job drop constraint no_unregistered_csv").then().block();
    }
  }

  private static Set<java.nio.file.Path> uploadDirs(java.nio.file.Path importDir)
      throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(importDir)) {
      return Set.of();
    }
    try (var dirs = java.nio.file.Files.list(importDir)) {
      return dirs.collect(java.util.stream.Collectors.toSet());
    }
  }

  @Test
  void uploadsArriveInPiecesLargerThanNettysDefault() {
    // Boot's own decoder settings replace the whole decoder spec: ours must come after them
    var factory =
        context.getBean(org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory.class);
    assertThat(List.copyOf(factory.getServerCustomizers()))
        .last()
        .isSameAs(org.wangge.api.web.RequestBodyPieces.PIECES);
  }

  /** 6,000 good street lamps (more than one COPY chunk), then the file breaks off mid-feature. */
  private static ByteArrayResource brokenLamps(int firstCode, String filename) {
    StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < 6000; i++) {
      json.append(
          String.format(
              "{\"type\":\"Feature\",\"properties\":{\"ObjID\":\"320509011800%04d\","
                  + "\"DeptName1\":\"路灯管理所\"},\"geometry\":{\"type\":\"Point\","
                  + "\"coordinates\":[%.6f,%.6f]}},",
              firstCode + i, 120.62 + (i % 100) * 0.0004, 31.12 + (i / 100) * 0.0004));
    }
    json.append("{\"type\":\"Feature\",\"properties\":{\"ObjID\":");
    return new ByteArrayResource(
        json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return filename;
      }
    };
  }
}
